import type { SerializedError, TestModule, TestRunEndReason, TestSpecification, Vitest } from 'vitest/node';
import type { PhaseResult } from '../../contract/phase-result.ts';
import { errorText, type PhaseReporterOptions } from '../base.ts';
import { VitestPhaseReporter } from './vitest-phase.ts';

export type PhaseResultsReporterOptions = PhaseReporterOptions;

const SETUP_FAILED = 'Vitest stopped before any test file ran (globalSetup failed); see the phase output for the cause';

/**
 * Writes the phase's normalized `results.json` once, when the run ends. It reads the final
 * module tree in `onTestRunEnd` rather than collecting per test, because only the final tree
 * knows a test's last attempt, its retry count and whether it was flaky. The hard timeout is
 * another reporter's job (`HardTimeoutReporter`).
 */
export class PhaseResultsReporter extends VitestPhaseReporter {
  private testFileCount = 0;
  private include: string[] = [];
  /** Set when the file was written with SETUP_FAILED and Vitest has yet to print the real cause. */
  private awaitingCause?: { result: PhaseResult; causes: string[] };

  override onInit(vitest: Vitest): void {
    super.onInit(vitest);
    this.include = vitest.config.include;
    this.captureErrorsVitestKeepsFromReporters(vitest);
  }

  override onTestRunStart(specifications: ReadonlyArray<TestSpecification>): void {
    super.onTestRunStart(specifications);
    this.testFileCount = specifications.length;
    this.awaitingCause = undefined;
  }

  onTestRunEnd(
    testModules: ReadonlyArray<TestModule>,
    unhandledErrors: ReadonlyArray<SerializedError>,
    reason: TestRunEndReason,
  ): void {
    const tests = this.testResults(testModules, 'did not finish: the run was interrupted');
    const errors = [
      ...unhandledErrors.map((e) => this.unhandledErrorText(e)),
      ...testModules.flatMap((m) => this.loadErrors(m)),
    ];

    const nothingRan = testModules.length === 0 && reason === 'failed' && errors.length === 0;
    const setupFailed = nothingRan && this.testFileCount > 0;
    if (setupFailed) errors.push(SETUP_FAILED);
    else if (nothingRan) errors.push(`no test file matches ${this.include.join(', ')}`);

    const result = this.writeResult(this.outputFile, { outcome: reason, ...this.timing(new Date()), tests, errors });
    if (setupFailed) this.awaitingCause = { result, causes: [] };
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
      this.awaitingCause?.causes.push(errorText(error));
      printError(error, options);
    };
    vitest.onClose(() => {
      const pending = this.awaitingCause;
      this.awaitingCause = undefined;
      if (pending && pending.causes.length > 0) {
        const { schemaVersion: _v, phase: _p, runner: _r, status: _s, runId: _id, ...fields } = pending.result;
        this.writeResult(this.outputFile, {
          ...fields,
          outcome: 'failed',
          errors: pending.result.errors.filter((e) => e !== SETUP_FAILED).concat(pending.causes),
        });
      }
    });
  }
}
