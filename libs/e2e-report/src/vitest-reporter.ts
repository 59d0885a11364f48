import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { findWorkspaceRoot, phaseResultsFile } from '@streamkit/e2e-contract';
import type { Reporter, SerializedError, TestCase, TestModule, TestRunEndReason, TestSpecification, Vitest } from 'vitest/node';
import { formatDuration } from './format.ts';
import { stopDescendants } from './process-tree.ts';
import { REQUESTS_META_KEY, uniqueRequests, type RecordedRequest } from './recorded-requests.ts';
import { PHASE_RESULT_SCHEMA_VERSION, type PhaseResult, type TestError, type TestResult } from './schema.ts';

export interface PhaseResultsReporterOptions {
  /** The phase's Nx project name; the report matches results to the graph by it. */
  phase: string;
  /** Absolute, or relative to the workspace root. Default `dist/e2e/<phase>/results.json`. */
  outputFile?: string;
  /** Default: the nearest folder above the Vitest root that holds `nx.json`. */
  workspaceRoot?: string;
  /**
   * From the phase policy. Counted from the moment the first test file starts, a run still going
   * after this long is stopped: the results are written with every unfinished test failed as
   * timed out, the workers are killed and the process exits 1. Unset: no limit.
   */
  hardTimeoutMs?: number;
  /** The same, for the time before the first test file starts (global setup). Unset: no limit. */
  setupTimeoutMs?: number;
}

const SETUP_FAILED = 'Vitest stopped before any test file ran (globalSetup failed); see the phase output for the cause';

/**
 * Writes the phase's normalized `results.json` once, when the run ends. It reads the final
 * module tree in `onTestRunEnd` rather than collecting per test, because only the final tree
 * knows a test's last attempt, its retry count and whether it was flaky.
 *
 * It is also the phase's watchdog: Vitest bounds a test, a hook and teardown, but not a run, so
 * the reporter (in the main process, beside the pool) enforces the policy's hard timeout.
 */
export class PhaseResultsReporter implements Reporter {
  private vitest?: Vitest;
  private workspaceRoot = '';
  private outputFile = '';
  private startedAt = new Date();
  private firstFileAt?: Date;
  private specifications: ReadonlyArray<TestSpecification> = [];
  private watchdog?: NodeJS.Timeout;
  private stopped = false;
  private testFileCount = 0;
  private include: string[] = [];
  /** Set when the file was written with SETUP_FAILED and Vitest has yet to print the real cause. */
  private awaitingCause?: { result: PhaseResult; causes: string[] };

  private readonly options: PhaseResultsReporterOptions;

  constructor(options: PhaseResultsReporterOptions) {
    this.options = options;
  }

  onInit(vitest: Vitest): void {
    this.vitest = vitest;
    this.workspaceRoot = resolve(this.options.workspaceRoot ?? findWorkspaceRoot(vitest.config.root, resolve(vitest.config.root)));
    this.outputFile = resolve(this.workspaceRoot, this.options.outputFile ?? phaseResultsFile(this.options.phase));
    this.startedAt = new Date();
    this.include = vitest.config.include;
    this.captureErrorsVitestKeepsFromReporters(vitest);
  }

  onTestRunStart(specifications: ReadonlyArray<TestSpecification>): void {
    this.startedAt = new Date();
    this.firstFileAt = undefined;
    this.specifications = specifications;
    this.testFileCount = specifications.length;
    this.awaitingCause = undefined;
    // Vitest runs global setup after this hook and before the first file is queued.
    this.arm(this.options.setupTimeoutMs, 'setup');
  }

  onTestModuleQueued(): void {
    if (this.firstFileAt) return;
    this.firstFileAt = new Date();
    this.arm(this.options.hardTimeoutMs, 'tests');
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>, reason: TestRunEndReason): void {
    this.disarm();
    if (this.stopped) return;
    const endedAt = new Date();
    const tests = testModules.flatMap((m) => [...m.children.allTests()].map((t) => this.toTestResult(t, 'did not finish: the run was interrupted')));
    const errors = [...unhandledErrors.map((e) => this.unhandledErrorText(e)), ...testModules.flatMap((m) => this.loadErrors(m))];

    const nothingRan = testModules.length === 0 && reason === 'failed' && errors.length === 0;
    const setupFailed = nothingRan && this.testFileCount > 0;
    if (setupFailed) errors.push(SETUP_FAILED);
    else if (nothingRan) errors.push(`no test file matches ${this.include.join(', ')}`);
    else if (reason === 'failed' && errors.length === 0 && !tests.some((t) => t.status === 'failed')) {
      errors.push('Vitest reported the run as failed without a failing test; see the phase output');
    }

    const result: PhaseResult = {
      ...this.common(endedAt, testModules),
      status: reason === 'interrupted' ? 'interrupted' : errors.length > 0 || tests.some((t) => t.status === 'failed') ? 'failed' : 'passed',
      tests,
      errors,
    };
    this.write(result);
    if (setupFailed) this.awaitingCause = { result, causes: [] };
  }

  /** The fields every result has, whatever the outcome. */
  private common(endedAt: Date, testModules: ReadonlyArray<TestModule>): Omit<PhaseResult, 'status' | 'tests' | 'errors'> {
    const requests = uniqueRequests(testModules.flatMap((m) => (m.meta() as Record<string, RecordedRequest[] | undefined>)[REQUESTS_META_KEY] ?? []));
    const runId = process.env.E2E_RUN_ID;
    return {
      schemaVersion: PHASE_RESULT_SCHEMA_VERSION,
      phase: this.options.phase,
      runner: 'vitest',
      startedAt: this.startedAt.toISOString(),
      endedAt: endedAt.toISOString(),
      durationMs: endedAt.getTime() - this.startedAt.getTime(),
      setupMs: (this.firstFileAt ?? endedAt).getTime() - this.startedAt.getTime(),
      ...(runId ? { runId } : {}),
      ...(requests.length > 0 ? { requests } : {}),
    };
  }

  private arm(limitMs: number | undefined, stage: 'setup' | 'tests'): void {
    this.disarm();
    if (limitMs === undefined || limitMs <= 0) return;
    // unref: the watchdog must never be what keeps a finished Vitest alive.
    this.watchdog = setTimeout(() => this.stopAtHardTimeout(limitMs, stage), limitMs).unref();
  }

  private disarm(): void {
    if (this.watchdog) clearTimeout(this.watchdog);
    this.watchdog = undefined;
  }

  /**
   * Writes what is known (finished tests as they ended, unfinished ones failed as timed out,
   * files that never started by name), then stops the workers and exits 1. Nothing graceful is
   * attempted: a phase this late is most likely stuck, and a stuck worker ignores cancellation.
   */
  private stopAtHardTimeout(limitMs: number, stage: 'setup' | 'tests'): void {
    this.stopped = true;
    const endedAt = new Date();
    const limit = formatDuration(limitMs);
    const testModules = this.vitest?.state.getTestModules() ?? [];
    const message = `timed out: still unfinished when the phase hit its hard timeout of ${limit}`;
    const tests = testModules.flatMap((m) => [...m.children.allTests()].map((t) => this.toTestResult(t, message)));
    const withTests = new Set(testModules.filter((m) => m.children.size > 0).map((m) => m.moduleId));
    const notStarted = this.specifications.filter((s) => !withTests.has(s.moduleId)).map((s) => this.relativePath(s.moduleId));
    const errors = [
      stage === 'setup'
        ? `global setup did not finish within ${limit} (setup timeout of the phase policy); no test ran`
        : `the phase ran past its hard timeout of ${limit} (phase policy) and was stopped`,
      ...(this.vitest?.state.getUnhandledErrors() ?? []).map((e) => this.unhandledErrorText(e as SerializedError)),
    ];
    this.write({ ...this.common(endedAt, testModules), status: 'failed', tests, errors, timedOut: { limitMs, notStarted } });

    const unfinished = tests.filter((t) => t.error?.message === message).map((t) => `${t.file} > ${t.name}`);
    process.stderr.write(
      [
        '',
        `${this.options.phase}: ${errors[0]}.`,
        ...unfinished.map((t) => `  unfinished: ${t}`),
        ...notStarted.map((f) => `  never started: ${f}`),
        `  results: ${this.relativePath(this.outputFile)}`,
        '',
      ].join('\n'),
    );
    stopDescendants(process.pid);
    process.exit(1);
  }

  /**
   * Vitest 4.1 lets a globalSetup error escape past the reporters: `onTestRunEnd` gets no modules
   * and no errors, then Vitest prints the error itself and closes. Catch what it prints after
   * such a run and rewrite the file on close, so the report names the cause (e.g. a missing
   * E2E_* variable) instead of "see the output".
   */
  private captureErrorsVitestKeepsFromReporters(vitest: Vitest): void {
    const logger = vitest.logger;
    const printError = logger.printError.bind(logger);
    logger.printError = (error, options) => {
      this.awaitingCause?.causes.push(errorMessage(error));
      printError(error, options);
    };
    vitest.onClose(() => {
      const pending = this.awaitingCause;
      this.awaitingCause = undefined;
      if (pending && pending.causes.length > 0) {
        this.write({ ...pending.result, errors: pending.result.errors.filter((e) => e !== SETUP_FAILED).concat(pending.causes) });
      }
    });
  }

  private toTestResult(test: TestCase, pendingMessage: string): TestResult {
    const diagnostic = test.diagnostic();
    const attachments = test
      .annotations()
      .flatMap((a) => (a.attachment?.path ? [{ name: a.message, path: this.relativePath(a.attachment.path) }] : []));
    return {
      file: this.relativePath(test.module.moduleId),
      name: test.fullName,
      ...outcome(test.result(), diagnostic?.flaky ?? false, pendingMessage),
      durationMs: Math.round(diagnostic?.duration ?? 0),
      retries: diagnostic?.retryCount ?? 0,
      ...(attachments.length > 0 ? { attachments } : {}),
    };
  }

  /** Errors outside any test: a file that failed to import, a failing beforeAll/afterAll. */
  private loadErrors(testModule: TestModule): string[] {
    const file = this.relativePath(testModule.moduleId);
    const inModule = testModule.errors().map((e) => `${file}: ${errorMessage(e)}`);
    const inSuites = [...testModule.children.allSuites()].flatMap((s) => s.errors().map((e) => `${file} > ${s.fullName}: ${errorMessage(e)}`));
    return [...inModule, ...inSuites];
  }

  private unhandledErrorText(error: SerializedError): string {
    const path = typeof error.VITEST_TEST_PATH === 'string' ? this.relativePath(error.VITEST_TEST_PATH) : undefined;
    const where = path ? ` (in ${path}${typeof error.VITEST_TEST_NAME === 'string' ? ` > ${error.VITEST_TEST_NAME}` : ''})` : '';
    return `unhandled error${where}: ${errorMessage(error)}`;
  }

  private relativePath(path: string): string {
    const rel = relative(this.workspaceRoot, path);
    return (isAbsolute(rel) ? path : rel).split(sep).join('/');
  }

  private write(result: PhaseResult): void {
    mkdirSync(dirname(this.outputFile), { recursive: true });
    writeFileSync(this.outputFile, `${JSON.stringify(result, null, 2)}\n`);
  }
}

function outcome(result: ReturnType<TestCase['result']>, flaky: boolean, pendingMessage: string): Pick<TestResult, 'status' | 'error'> {
  switch (result.state) {
    case 'passed':
      // A passing test keeps the errors of its failed attempts; they are why it is flaky.
      return flaky ? { status: 'flaky', ...(result.errors?.length ? { error: toTestError(result.errors) } : {}) } : { status: 'passed' };
    case 'failed':
      return { status: 'failed', error: toTestError(result.errors) };
    case 'skipped':
      return { status: 'skipped' };
    case 'pending':
      // Only a run stopped early leaves tests pending; they did not pass, so they count as failed.
      return { status: 'failed', error: { message: pendingMessage } };
  }
}

/** All of a test's errors (a test and its afterEach can both fail); the stack of the first. */
function toTestError(errors: ReadonlyArray<SerializedError>): TestError {
  const [first] = errors;
  const message = errors.map(errorMessage).join('\n\n') || '(no error message)';
  return first?.stack ? { message, stack: stripAnsi(first.stack) } : { message };
}

function errorMessage(error: unknown): string {
  if (typeof error !== 'object' || error === null) return String(error);
  const { name, message, diff } = error as SerializedError;
  const head = name && name !== 'Error' && name !== 'AssertionError' ? `${name}: ${message}` : String(message);
  return stripAnsi(typeof diff === 'string' && diff ? `${head}\n${diff}` : head);
}

function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}
