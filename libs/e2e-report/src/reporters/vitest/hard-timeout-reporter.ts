import type { SerializedError, TestModule, TestSpecification } from 'vitest/node';
import { formatDuration } from '../../report/format.ts';
import type { PhaseReporterOptions } from '../base.ts';
import { stopDescendants } from './process-tree.ts';
import { VitestPhaseReporter } from './vitest-phase.ts';

export interface HardTimeoutReporterOptions extends PhaseReporterOptions {
  /**
   * From the phase policy. Counted from the moment the first test file starts, a run still going
   * after this long is stopped: the results are written with every unfinished test failed as
   * timed out, the workers are killed and the process exits 1. Unset: no limit.
   */
  hardTimeoutMs?: number;
  /** The same, for the time before the first test file starts (global setup). Unset: no limit. */
  setupTimeoutMs?: number;
}

/**
 * The phase's watchdog. Vitest bounds a test, a hook and teardown, but not a run, so this
 * reporter (in the main process, beside the pool) enforces the policy's hard timeout. It writes
 * the same results file as `PhaseResultsReporter`, only when it stops the run, and then exits,
 * so the two never both write.
 */
export class HardTimeoutReporter extends VitestPhaseReporter<HardTimeoutReporterOptions> {
  private timer?: NodeJS.Timeout;

  override onTestRunStart(specifications: ReadonlyArray<TestSpecification>): void {
    super.onTestRunStart(specifications);
    // Vitest runs global setup after this hook and before the first file is queued.
    this.arm(this.options.setupTimeoutMs, 'setup');
  }

  override onTestModuleQueued(module?: TestModule): void {
    if (this.firstFileAt) return;
    super.onTestModuleQueued(module);
    this.arm(this.options.hardTimeoutMs, 'tests');
  }

  onTestRunEnd(): void {
    this.disarm();
  }

  private arm(limitMs: number | undefined, stage: 'setup' | 'tests'): void {
    this.disarm();
    if (limitMs === undefined || limitMs <= 0) return;
    // unref: the watchdog must never be what keeps a finished Vitest alive.
    this.timer = setTimeout(() => this.stop(limitMs, stage), limitMs).unref();
  }

  private disarm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /**
   * Writes what is known (finished tests as they ended, unfinished ones failed as timed out,
   * files that never started by name), then stops the workers and exits 1. Nothing graceful is
   * attempted: a phase this late is most likely stuck, and a stuck worker ignores cancellation.
   */
  private stop(limitMs: number, stage: 'setup' | 'tests'): void {
    const limit = formatDuration(limitMs);
    const testModules = this.vitest?.state.getTestModules() ?? [];
    const message = `timed out: still unfinished when the phase hit its hard timeout of ${limit}`;
    const tests = this.testResults(testModules, message);
    const withTests = new Set(testModules.filter((m) => m.children.size > 0).map((m) => m.moduleId));
    const notStarted = this.specifications
      .filter((s) => !withTests.has(s.moduleId))
      .map((s) => this.relativePath(s.moduleId));
    const errors = [
      stage === 'setup'
        ? `global setup did not finish within ${limit} (setup timeout of the phase policy); no test ran`
        : `the phase ran past its hard timeout of ${limit} (phase policy) and was stopped`,
      ...(this.vitest?.state.getUnhandledErrors() ?? []).map((e) => this.unhandledErrorText(e as SerializedError)),
    ];
    this.writeResult(this.outputFile, {
      outcome: 'failed',
      ...this.timing(new Date()),
      tests,
      errors,
      timedOut: { limitMs, notStarted },
    });

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
    this.terminate();
  }

  /** Kills the workers and ends Vitest's process; a spec driving the reporter in-process replaces it. */
  protected terminate(): void {
    stopDescendants(process.pid);
    process.exit(1);
  }
}
