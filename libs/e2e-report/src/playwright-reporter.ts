import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import type {
  FullConfig,
  FullResult,
  Reporter,
  Suite,
  TestCase,
  TestError as PlaywrightError,
  TestResult as PlaywrightResult,
} from '@playwright/test/reporter';
import { findWorkspaceRoot, perFileResultsFile, phaseResultsFile } from '@streamkit/e2e-contract';
import { PHASE_RESULT_SCHEMA_VERSION, type Attachment, type PhaseResult, type TestError, type TestResult } from './schema.ts';

export interface PlaywrightPhaseReporterOptions {
  /** The phase's Nx project name; the report matches results to the graph by it. */
  phase: string;
  /** Absolute, or relative to the workspace root. Default `dist/e2e/<phase>/results.json`. */
  outputFile?: string;
  /**
   * The config's `outputDir`. `@nx/playwright`'s per-file `e2e-ci--<file>` targets run with
   * `--output=<outputDir>/<subfolder>` and expect every report in that subfolder too, so when the
   * run's outputDir is a subfolder of this one, results go to `<outputFile's folder>/<subfolder>/`.
   * (Nx also names the file in `PLAYWRIGHT_<reporter>_OUTPUT_FILE`, which wins when set, but that
   * name holds `@` and `/`, and `sh` drops such variables before Playwright starts.)
   */
  configOutputDir?: string;
  /** Default: the nearest folder above Playwright's rootDir that holds `nx.json`. */
  workspaceRoot?: string;
}

/** The name phases list this reporter under (`reporter: [[PLAYWRIGHT_REPORTER, options]]`). */
export const PLAYWRIGHT_REPORTER = '@streamkit/e2e-report/playwright-reporter';
/** The environment variable `@nx/playwright` sets for this reporter's output in atomized runs. */
export const OUTPUT_FILE_ENV = `PLAYWRIGHT_${PLAYWRIGHT_REPORTER.toUpperCase()}_OUTPUT_FILE`;
/**
 * Test attachment (JSON array of paths) in which the fixtures record the routes a test's pages
 * visited; gathered into the phase's `visitedRoutes`.
 */
export const VISITED_ROUTES_ATTACHMENT = 'visited-routes';

/**
 * Writes the phase's normalized `results.json` once, when the run ends. It reads the final test
 * tree in `onEnd` rather than collecting per attempt, because only a test's full list of
 * attempts says whether it passed on a retry (flaky) and how many retries it used.
 */
export default class PlaywrightPhaseReporter implements Reporter {
  private root?: Suite;
  private runOutputDir?: string;
  private globalTimeoutMs?: number;
  private multipleProjects = false;
  private workspaceRoot = '';
  private readonly errors: string[] = [];

  constructor(private readonly options: PlaywrightPhaseReporterOptions) {}

  printsToStdio(): boolean {
    return false;
  }

  onBegin(config: FullConfig, suite: Suite): void {
    this.root = suite;
    this.multipleProjects = config.projects.length > 1;
    this.runOutputDir = config.projects[0]?.outputDir;
    this.globalTimeoutMs = config.globalTimeout;
    this.workspaceRoot = resolve(this.options.workspaceRoot ?? findWorkspaceRoot(config.rootDir, resolve(config.rootDir)));
  }

  /** Errors outside any test: global setup, a file that failed to load, `test.only` in CI. */
  onError(error: PlaywrightError): void {
    this.errors.push(this.errorText(error));
  }

  onEnd(result: FullResult): void {
    this.workspaceRoot ||= resolve(this.options.workspaceRoot ?? findWorkspaceRoot(process.cwd(), process.cwd()));
    const stoppedBy = result.status === 'interrupted' || result.status === 'timedout' ? result.status : undefined;
    const tests = (this.root?.allTests() ?? []).map((test) => this.toTestResult(test, stoppedBy));
    const errors = [...this.errors];
    if (result.status === 'timedout') errors.push(`the run hit Playwright's global timeout after ${formatSeconds(result.duration)}`);
    const anyFailed = tests.some((t) => t.status === 'failed');
    if (result.status === 'failed' && !anyFailed && errors.length === 0) {
      errors.push('Playwright reported the run as failed without a failing test; see the phase output');
    }
    const visitedRoutes = this.visitedRoutes();
    const durationMs = Math.round(result.duration);
    const endedAt = new Date(result.startTime.getTime() + durationMs);
    const phase: PhaseResult = {
      schemaVersion: PHASE_RESULT_SCHEMA_VERSION,
      phase: this.options.phase,
      runner: 'playwright',
      status: result.status === 'interrupted' ? 'interrupted' : anyFailed || errors.length > 0 ? 'failed' : 'passed',
      startedAt: result.startTime.toISOString(),
      endedAt: endedAt.toISOString(),
      durationMs,
      tests,
      errors,
      ...(visitedRoutes.length > 0 ? { visitedRoutes } : {}),
    };
    const runId = process.env.E2E_RUN_ID;
    // Tells the report which run made the file, so a cache hit is shown as one.
    if (runId) phase.runId = runId;
    if (result.status === 'timedout') phase.timedOut = { limitMs: this.globalTimeoutMs ?? durationMs, notStarted: [] };
    const file = this.outputFile();
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(phase, null, 2)}\n`);
  }

  private outputFile(): string {
    const fromEnv = process.env[OUTPUT_FILE_ENV];
    if (fromEnv) return resolve(this.workspaceRoot, fromEnv);
    const file = resolve(this.workspaceRoot, this.options.outputFile ?? phaseResultsFile(this.options.phase));
    const { configOutputDir } = this.options;
    const subfolder = configOutputDir && this.runOutputDir ? relative(resolve(this.workspaceRoot, configOutputDir), this.runOutputDir) : '';
    return subfolder && !subfolder.startsWith('..') && !isAbsolute(subfolder) ? perFileResultsFile(file, subfolder) : file;
  }

  private toTestResult(test: TestCase, stoppedBy?: 'interrupted' | 'timedout'): TestResult {
    const attempts = test.results;
    const base = {
      file: this.relativePath(test.location.file),
      name: this.fullTitle(test),
      durationMs: Math.round(attempts.reduce((sum, attempt) => sum + attempt.duration, 0)),
      retries: Math.max(0, attempts.length - 1),
    };
    const attachments = this.attachments(attempts);
    const extra = attachments.length > 0 ? { attachments } : {};
    const failedAttempt = attempts.find((a) => a.status !== 'passed' && a.status !== 'skipped');

    switch (test.outcome()) {
      case 'expected':
        return { ...base, status: 'passed', ...extra };
      case 'flaky':
        return { ...base, status: 'flaky', ...(failedAttempt ? { error: this.attemptError(failedAttempt) } : {}), ...extra };
      case 'unexpected':
        return { ...base, status: 'failed', error: this.attemptError(attempts.at(-1)), ...extra };
      case 'skipped':
        // A test the run never reached before it was stopped did not pass: it counts as failed.
        if (stoppedBy && attempts.length === 0 && test.expectedStatus !== 'skipped') {
          const why = stoppedBy === 'timedout' ? 'the global timeout ran out' : 'the run was interrupted';
          return { ...base, status: 'failed', error: { message: `did not run: ${why} first` }, ...extra };
        }
        return { ...base, status: 'skipped', ...extra };
    }
  }

  private attemptError(attempt?: PlaywrightResult): TestError {
    if (!attempt) return { message: 'failed without a result' };
    if (attempt.status === 'interrupted' && attempt.errors.length === 0) return { message: 'did not finish: the run was interrupted' };
    const [first] = attempt.errors;
    const message = attempt.errors.map(errorMessage).join('\n\n') || `ended as ${attempt.status}`;
    return first?.stack ? { message, stack: stripAnsi(first.stack) } : { message };
  }

  /** Screenshots, traces, videos and error context of every attempt, named by attempt when retried. */
  private attachments(attempts: readonly PlaywrightResult[]): Attachment[] {
    return attempts.flatMap((attempt, index) =>
      attempt.attachments.flatMap((a) =>
        a.path ? [{ name: attempts.length > 1 ? `${a.name} (attempt ${index + 1})` : a.name, path: this.relativePath(a.path) }] : [],
      ),
    );
  }

  private visitedRoutes(): string[] {
    const routes = new Set<string>();
    for (const test of this.root?.allTests() ?? []) {
      for (const attempt of test.results) {
        for (const a of attempt.attachments) {
          if (a.name === VISITED_ROUTES_ATTACHMENT && a.body) parseRoutes(a.body.toString('utf8')).forEach((r) => routes.add(r));
        }
      }
    }
    return [...routes].sort();
  }

  /** Describe blocks and the test's title joined with ` > `, as the Vitest reporter names tests. */
  private fullTitle(test: TestCase): string {
    const titles = [test.title];
    for (let suite = test.parent; suite.type === 'describe'; suite = suite.parent!) titles.unshift(suite.title);
    const project = this.multipleProjects ? `[${test.parent.project()?.name}] ` : '';
    return `${project}${titles.join(' > ')}`;
  }

  private errorText(error: PlaywrightError): string {
    const message = errorMessage(error);
    const at = error.location ? `${this.relativePath(error.location.file)}:${error.location.line}: ` : '';
    return `${at}${message}`;
  }

  private relativePath(path: string): string {
    const rel = relative(this.workspaceRoot, path);
    return (isAbsolute(rel) || rel.startsWith('..') ? path : rel).split(sep).join('/');
  }
}

/** The routes of one attachment body; anything but an array of strings counts as none. */
export function parseRoutes(body: string): string[] {
  try {
    const value: unknown = JSON.parse(body);
    return Array.isArray(value) ? value.filter((r): r is string => typeof r === 'string') : [];
  } catch {
    return [];
  }
}

/** Playwright prefixes plain errors with `Error: `; the Vitest reporter does not, nor does this one. */
function errorMessage(error: PlaywrightError): string {
  return stripAnsi(error.message ?? error.value ?? 'unknown error').replace(/^Error: /, '');
}

function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}
