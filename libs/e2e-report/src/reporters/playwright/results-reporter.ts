import { isAbsolute, relative, resolve } from 'node:path';
import type {
  FullConfig,
  FullResult,
  Reporter,
  Suite,
  TestCase,
  TestError as PlaywrightError,
  TestResult as PlaywrightResult,
} from '@playwright/test/reporter';
import { perFileResultsFile } from '@streamkit/e2e-contract';
import {
  API_REQUESTS_ATTACHMENT,
  pathsIn,
  requestsIn,
  uniqueRequests,
  VISITED_ROUTES_ATTACHMENT,
} from '../../contract/coverage-data.ts';
import type { Attachment, TestError, TestResult } from '../../contract/phase-result.ts';
import { errorText, PhaseReporterBase, testError, withoutEmpty, type PhaseReporterOptions } from '../base.ts';

export interface PlaywrightPhaseReporterOptions extends PhaseReporterOptions {
  /**
   * The config's `outputDir`. `@nx/playwright`'s per-file `e2e-ci--<file>` targets run with
   * `--output=<outputDir>/<subfolder>` and expect every report in that subfolder too, so when the
   * run's outputDir is a subfolder of this one, results go to `<outputFile's folder>/<subfolder>/`.
   * (Nx also names the file in `PLAYWRIGHT_<reporter>_OUTPUT_FILE`, which wins when set, but that
   * name holds `@` and `/`, and `sh` drops such variables before Playwright starts.)
   */
  configOutputDir?: string;
  /** The route patterns of the web app's manifest: what the phase could cover (`coverable.pages`). */
  pages?: string[];
}

/** The name phases list this reporter under (`reporter: [[PLAYWRIGHT_REPORTER, options]]`). */
export const PLAYWRIGHT_REPORTER = '@streamkit/e2e-report/playwright-reporter';
/** The environment variable `@nx/playwright` sets for this reporter's output in atomized runs. */
export const OUTPUT_FILE_ENV = `PLAYWRIGHT_${PLAYWRIGHT_REPORTER.toUpperCase()}_OUTPUT_FILE`;

/**
 * Writes the phase's normalized `results.json` once, when the run ends. It reads the final test
 * tree in `onEnd` rather than collecting per attempt, because only a test's full list of
 * attempts says whether it passed on a retry (flaky) and how many retries it used.
 */
export default class PlaywrightPhaseReporter
  extends PhaseReporterBase<PlaywrightPhaseReporterOptions>
  implements Reporter
{
  protected readonly runner = 'playwright';
  private root?: Suite;
  private runOutputDir?: string;
  private globalTimeoutMs?: number;
  private multipleProjects = false;
  private readonly errors: string[] = [];

  printsToStdio(): boolean {
    return false;
  }

  onBegin(config: FullConfig, suite: Suite): void {
    this.root = suite;
    this.multipleProjects = config.projects.length > 1;
    this.runOutputDir = config.projects[0]?.outputDir;
    this.globalTimeoutMs = config.globalTimeout;
    this.useRoot(config.rootDir);
  }

  /** Errors outside any test: global setup, a file that failed to load, `test.only` in CI. */
  onError(error: PlaywrightError): void {
    this.errors.push(this.errorText(error));
  }

  onEnd(result: FullResult): void {
    if (!this.workspaceRoot) this.useRoot(process.cwd());
    const stoppedBy = result.status === 'interrupted' || result.status === 'timedout' ? result.status : undefined;
    const tests = (this.root?.allTests() ?? []).map((test) => this.toTestResult(test, stoppedBy));
    const errors = [...this.errors];
    if (result.status === 'timedout')
      errors.push(`the run hit Playwright's global timeout after ${(result.duration / 1000).toFixed(1)} s`);
    const durationMs = Math.round(result.duration);
    const pages = this.options.pages;
    this.writeResult(this.outputFile(), {
      outcome: result.status === 'interrupted' ? 'interrupted' : result.status === 'passed' ? 'passed' : 'failed',
      startedAt: result.startTime.toISOString(),
      endedAt: new Date(result.startTime.getTime() + durationMs).toISOString(),
      durationMs,
      tests,
      errors,
      ...(result.status === 'timedout'
        ? { timedOut: { limitMs: this.globalTimeoutMs ?? durationMs, notStarted: [] } }
        : {}),
      ...(pages ? { coverable: { pages: [...new Set(pages)].sort() } } : {}),
    });
  }

  private outputFile(): string {
    if (process.env[OUTPUT_FILE_ENV]) return this.resolveOutputFile(OUTPUT_FILE_ENV);
    const file = this.resolveOutputFile();
    const { configOutputDir } = this.options;
    const subfolder =
      configOutputDir && this.runOutputDir
        ? relative(resolve(this.workspaceRoot, configOutputDir), this.runOutputDir)
        : '';
    return subfolder && !subfolder.startsWith('..') && !isAbsolute(subfolder)
      ? perFileResultsFile(file, subfolder)
      : file;
  }

  private toTestResult(test: TestCase, stoppedBy?: 'interrupted' | 'timedout'): TestResult {
    const attempts = test.results;
    const base = withoutEmpty({
      file: this.relativePath(test.location.file),
      name: this.fullTitle(test),
      durationMs: Math.round(attempts.reduce((sum, attempt) => sum + attempt.duration, 0)),
      retries: Math.max(0, attempts.length - 1),
      attachments: this.attachments(attempts),
      // Every attempt's: a request a failed attempt made still reached the endpoint.
      requests: uniqueRequests(attempts.flatMap((a) => requestsIn(attachedJson(a, API_REQUESTS_ATTACHMENT)))),
      visitedRoutes: [...new Set(attempts.flatMap((a) => pathsIn(attachedJson(a, VISITED_ROUTES_ATTACHMENT))))].sort(),
    });
    const failedAttempt = attempts.find((a) => a.status !== 'passed' && a.status !== 'skipped');

    switch (test.outcome()) {
      case 'expected':
        return { ...base, status: 'passed' };
      case 'flaky':
        return { ...base, status: 'flaky', ...(failedAttempt ? { error: this.attemptError(failedAttempt) } : {}) };
      case 'unexpected':
        return { ...base, status: 'failed', error: this.attemptError(attempts.at(-1)) };
      case 'skipped':
        // A test the run was stopped before or during did not pass: it counts as failed. At the
        // global timeout Playwright reports the test it cut short as skipped too, with one
        // `skipped` attempt; only `expectedStatus` tells a test skipped on purpose.
        if (stoppedBy && test.expectedStatus !== 'skipped') {
          const why = stoppedBy === 'timedout' ? 'the global timeout ran out' : 'the run was interrupted';
          const message = attempts.length === 0 ? `did not run: ${why} first` : `did not finish: ${why}`;
          return { ...base, status: 'failed', error: { message } };
        }
        return { ...base, status: 'skipped' };
    }
  }

  private attemptError(attempt?: PlaywrightResult): TestError {
    if (!attempt) return { message: 'failed without a result' };
    if (attempt.status === 'interrupted' && attempt.errors.length === 0)
      return { message: 'did not finish: the run was interrupted' };
    return testError(attempt.errors, `ended as ${attempt.status}`);
  }

  /** Screenshots, traces, videos and error context of every attempt, named by attempt when retried. */
  private attachments(attempts: readonly PlaywrightResult[]): Attachment[] {
    return attempts.flatMap((attempt, index) =>
      attempt.attachments.flatMap((a) =>
        a.path
          ? [
              {
                name: attempts.length > 1 ? `${a.name} (attempt ${index + 1})` : a.name,
                path: this.relativePath(a.path),
              },
            ]
          : [],
      ),
    );
  }

  /** Describe blocks and the test's title joined with ` > `, as the Vitest reporter names tests. */
  private fullTitle(test: TestCase): string {
    const titles = [test.title];
    for (let suite = test.parent; suite.type === 'describe'; suite = suite.parent!) titles.unshift(suite.title);
    const project = this.multipleProjects ? `[${test.parent.project()?.name}] ` : '';
    return `${project}${titles.join(' > ')}`;
  }

  private errorText(error: PlaywrightError): string {
    const at = error.location ? `${this.relativePath(error.location.file)}:${error.location.line}: ` : '';
    return `${at}${errorText(error)}`;
  }
}

/** The JSON body of the attempt's attachment `name`; undefined when absent or not JSON. */
function attachedJson(attempt: PlaywrightResult, name: string): unknown {
  const body = attempt.attachments.find((a) => a.name === name)?.body;
  if (!body) return undefined;
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}
