import type { Reporter, SerializedError, TestCase, TestModule, TestSpecification, Vitest } from 'vitest/node';
import {
  API_OPERATIONS_PROVIDE_KEY,
  REQUESTS_META_KEY,
  requestsIn,
  uniqueRequests,
} from '../../contract/coverage-data.ts';
import type { ApiOperation, Coverable, TestResult } from '../../contract/phase-result.ts';
import {
  errorText,
  PhaseReporterBase,
  testError,
  withoutEmpty,
  type PhaseFields,
  type PhaseReporterOptions,
} from '../base.ts';

/**
 * What the two Vitest reporters of a phase (results, hard timeout) both read from a run: its
 * clock (start, first file), its tests as results, its errors outside tests, and what the phase
 * could cover. Each writes the same file, one when the run ends, the other when it is stopped.
 */
export abstract class VitestPhaseReporter<O extends PhaseReporterOptions = PhaseReporterOptions>
  extends PhaseReporterBase<O>
  implements Reporter
{
  protected readonly runner = 'vitest';
  protected vitest?: Vitest;
  protected outputFile = '';
  protected startedAt = new Date();
  protected firstFileAt?: Date;
  protected specifications: ReadonlyArray<TestSpecification> = [];

  onInit(vitest: Vitest): void {
    this.vitest = vitest;
    this.useRoot(vitest.config.root);
    this.outputFile = this.resolveOutputFile();
    this.startedAt = new Date();
  }

  onTestRunStart(specifications: ReadonlyArray<TestSpecification>): void {
    this.startedAt = new Date();
    this.firstFileAt = undefined;
    this.specifications = specifications;
  }

  onTestModuleQueued(_module?: TestModule): void {
    this.firstFileAt ??= new Date();
  }

  /** Times and coverable surface: what every result has, whatever the outcome. */
  protected timing(endedAt: Date): Pick<PhaseFields, 'startedAt' | 'endedAt' | 'durationMs' | 'setupMs' | 'coverable'> {
    const coverable = this.coverable();
    return {
      startedAt: this.startedAt.toISOString(),
      endedAt: endedAt.toISOString(),
      durationMs: endedAt.getTime() - this.startedAt.getTime(),
      setupMs: (this.firstFileAt ?? endedAt).getTime() - this.startedAt.getTime(),
      ...(coverable ? { coverable } : {}),
    };
  }

  /** The API's operations, as the fixtures' global setup provided them from the live `/openapi.json`. */
  private coverable(): Coverable | undefined {
    for (const project of this.vitest?.projects ?? []) {
      const operations = (project.getProvidedContext() as unknown as Record<string, unknown>)[
        API_OPERATIONS_PROVIDE_KEY
      ];
      if (Array.isArray(operations)) return { operations: operations as ApiOperation[] };
    }
    return undefined;
  }

  protected testResults(testModules: ReadonlyArray<TestModule>, pendingMessage: string): TestResult[] {
    return testModules.flatMap((m) => [...m.children.allTests()].map((t) => this.toTestResult(t, pendingMessage)));
  }

  private toTestResult(test: TestCase, pendingMessage: string): TestResult {
    const diagnostic = test.diagnostic();
    return withoutEmpty({
      file: this.relativePath(test.module.moduleId),
      name: test.fullName,
      ...outcome(test.result(), diagnostic?.flaky ?? false, pendingMessage),
      durationMs: Math.round(diagnostic?.duration ?? 0),
      retries: diagnostic?.retryCount ?? 0,
      attachments: test
        .annotations()
        .flatMap((a) => (a.attachment?.path ? [{ name: a.message, path: this.relativePath(a.attachment.path) }] : [])),
      requests: uniqueRequests(requestsIn((test.meta() as Record<string, unknown>)[REQUESTS_META_KEY])),
    });
  }

  /** Errors outside any test: a file that failed to import, a failing beforeAll/afterAll. */
  protected loadErrors(testModule: TestModule): string[] {
    const file = this.relativePath(testModule.moduleId);
    const inModule = testModule.errors().map((e) => `${file}: ${errorText(e)}`);
    const inSuites = [...testModule.children.allSuites()].flatMap((s) =>
      s.errors().map((e) => `${file} > ${s.fullName}: ${errorText(e)}`),
    );
    return [...inModule, ...inSuites];
  }

  protected unhandledErrorText(error: SerializedError): string {
    const path = typeof error.VITEST_TEST_PATH === 'string' ? this.relativePath(error.VITEST_TEST_PATH) : undefined;
    const where = path
      ? ` (in ${path}${typeof error.VITEST_TEST_NAME === 'string' ? ` > ${error.VITEST_TEST_NAME}` : ''})`
      : '';
    return `unhandled error${where}: ${errorText(error)}`;
  }
}

function outcome(
  result: ReturnType<TestCase['result']>,
  flaky: boolean,
  pendingMessage: string,
): Pick<TestResult, 'status' | 'error'> {
  switch (result.state) {
    case 'passed':
      // A passing test keeps the errors of its failed attempts; they are why it is flaky.
      return flaky
        ? {
            status: 'flaky',
            ...(result.errors?.length ? { error: testError(result.errors, '(no error message)') } : {}),
          }
        : { status: 'passed' };
    case 'failed':
      return { status: 'failed', error: testError(result.errors, '(no error message)') };
    case 'skipped':
      return { status: 'skipped' };
    case 'pending':
      // Only a run stopped early leaves tests pending; they did not pass, so they count as failed.
      return { status: 'failed', error: { message: pendingMessage } };
  }
}
