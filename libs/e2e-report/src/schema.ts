import type { RecordedRequest } from './recorded-requests.ts';

/**
 * The normalized result of one phase: every runner's reporter writes exactly this to
 * `dist/e2e/<phase>/results.json`, and the report executor reads nothing else. Bump
 * `schemaVersion` on any change a reader could misread; readers reject versions they do not know.
 * New optional fields do not bump it: a reader that does not know one loses nothing it relied on.
 * docs/report-schema.md documents every field.
 */
export const PHASE_RESULT_SCHEMA_VERSION = 1;

/**
 * Beside `results.json`, a phase may save the API's OpenAPI document it ran against under this
 * name; the report measures endpoint coverage against it (the stack is gone by then).
 */
export const API_DOCUMENT_FILE = 'openapi.json';

export type Runner = 'vitest' | 'playwright';
export type PhaseStatus = 'passed' | 'failed' | 'interrupted';
/** `flaky`: failed at least once, then passed on a retry. */
export type TestStatus = 'passed' | 'failed' | 'skipped' | 'flaky';

export interface PhaseResult {
  schemaVersion: typeof PHASE_RESULT_SCHEMA_VERSION;
  phase: string;
  runner: Runner;
  status: PhaseStatus;
  /** ISO 8601 */
  startedAt: string;
  /** ISO 8601 */
  endedAt: string;
  durationMs: number;
  tests: TestResult[];
  /** Errors that belong to no single test: global setup, unhandled errors, files that failed to load. */
  errors: string[];
  /**
   * UI phases only: every path (no query or hash) the phase's pages navigated to on the web app,
   * sorted and unique. Page coverage compares it with the web app's route manifest.
   */
  visitedRoutes?: string[];
  /**
   * The requests the phase's API client sent, unique by method and path, sorted. Endpoint
   * coverage compares them with the API's OpenAPI document.
   */
  requests?: RecordedRequest[];
  /** `E2E_RUN_ID` of the run that wrote the file; the report tells results restored from the Nx cache by it. */
  runId?: string;
  /**
   * Milliseconds from the start until the first test file started (global setup; for the gate,
   * waiting for the local stack). Budgets apply to `durationMs - setupMs`.
   */
  setupMs?: number;
  /**
   * Set when the phase was stopped at its hard timeout. Its unfinished tests are `failed` with a
   * "timed out" error; `notStarted` lists the test files that never started.
   */
  timedOut?: { limitMs: number; notStarted: string[] };
}

export interface TestResult {
  /** Workspace-root-relative, forward slashes. */
  file: string;
  /** Full title, suites and test joined with ` > `. */
  name: string;
  status: TestStatus;
  durationMs: number;
  /** Retries used: a flaky test's count says how many attempts failed before it passed. */
  retries: number;
  /** For `failed` the failure; for `flaky` the error of the failed attempt. */
  error?: TestError;
  attachments?: Attachment[];
}

export interface TestError {
  message: string;
  stack?: string;
}

export interface Attachment {
  name: string;
  /** Workspace-root-relative when the file is inside the workspace. */
  path: string;
}

const PHASE_STATUSES: readonly PhaseStatus[] = ['passed', 'failed', 'interrupted'];
const TEST_STATUSES: readonly TestStatus[] = ['passed', 'failed', 'skipped', 'flaky'];
const RUNNERS: readonly Runner[] = ['vitest', 'playwright'];

/** Thrown by {@link parsePhaseResult}; `problems` lists every field that is wrong, by path. */
export class InvalidPhaseResultError extends Error {
  // Plain fields, not parameter properties: Node's own TypeScript stripping rejects those.
  readonly source: string;
  readonly problems: string[];

  constructor(source: string, problems: string[]) {
    super(`${source} is not a valid phase result:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'InvalidPhaseResultError';
    this.source = source;
    this.problems = problems;
  }
}

/**
 * Parses the text of a results file. `source` (usually the file path) names it in the error.
 * @throws InvalidPhaseResultError when the text is not JSON or does not match the schema.
 */
export function parsePhaseResult(text: string, source: string): PhaseResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InvalidPhaseResultError(source, [`not JSON: ${(error as Error).message}`]);
  }
  const problems = validatePhaseResult(value);
  if (problems.length > 0) throw new InvalidPhaseResultError(source, problems);
  return value as PhaseResult;
}

/** Every way `value` differs from the schema, as `path: what is wrong`; empty when valid. */
export function validatePhaseResult(value: unknown): string[] {
  const problems: string[] = [];
  if (!isObject(value)) return [`expected an object, got ${show(value)}`];
  // A newer writer may have changed meanings; checking the rest would produce misleading noise.
  if (value.schemaVersion !== PHASE_RESULT_SCHEMA_VERSION) {
    return [
      `schemaVersion: expected ${PHASE_RESULT_SCHEMA_VERSION}, got ${show(value.schemaVersion)} ` +
        '(written by a different version of @streamkit/e2e-report)',
    ];
  }
  const check = checker(problems);
  check.string(value, 'phase');
  check.oneOf(value, 'runner', RUNNERS);
  check.oneOf(value, 'status', PHASE_STATUSES);
  check.isoDate(value, 'startedAt');
  check.isoDate(value, 'endedAt');
  check.duration(value, 'durationMs');
  if (check.array(value, 'errors')) {
    (value.errors as unknown[]).forEach((e, i) => {
      if (typeof e !== 'string') problems.push(`errors[${i}]: expected a string, got ${show(e)}`);
    });
  }
  if (value.visitedRoutes !== undefined && check.array(value, 'visitedRoutes')) {
    (value.visitedRoutes as unknown[]).forEach((r, i) => {
      if (typeof r !== 'string') problems.push(`visitedRoutes[${i}]: expected a string, got ${show(r)}`);
    });
  }
  if (value.requests !== undefined && check.array(value, 'requests')) {
    (value.requests as unknown[]).forEach((r, i) => {
      if (!isObject(r) || typeof r.method !== 'string' || typeof r.path !== 'string') {
        problems.push(`requests[${i}]: expected { method, path } strings, got ${show(r)}`);
      }
    });
  }
  if (value.runId !== undefined) check.string(value, 'runId');
  if (value.setupMs !== undefined) check.duration(value, 'setupMs');
  if (value.timedOut !== undefined) {
    const t = value.timedOut;
    if (!isObject(t) || typeof t.limitMs !== 'number' || !Array.isArray(t.notStarted) || t.notStarted.some((f) => typeof f !== 'string')) {
      problems.push(`timedOut: expected { limitMs: number, notStarted: string[] }, got ${show(t)}`);
    }
  }
  if (check.array(value, 'tests')) {
    (value.tests as unknown[]).forEach((test, i) => validateTest(test, `tests[${i}]`, problems));
  }
  return problems;
}

function validateTest(test: unknown, at: string, problems: string[]): void {
  if (!isObject(test)) {
    problems.push(`${at}: expected an object, got ${show(test)}`);
    return;
  }
  const check = checker(problems, at);
  check.string(test, 'file');
  check.string(test, 'name');
  check.oneOf(test, 'status', TEST_STATUSES);
  check.duration(test, 'durationMs');
  if (!Number.isInteger(test.retries) || (test.retries as number) < 0) {
    problems.push(`${at}.retries: expected a whole number >= 0, got ${show(test.retries)}`);
  }
  if (test.error !== undefined) {
    if (!isObject(test.error)) problems.push(`${at}.error: expected an object, got ${show(test.error)}`);
    else {
      check.string(test.error, 'message', 'error.');
      if (test.error.stack !== undefined) check.string(test.error, 'stack', 'error.');
    }
  }
  if (test.attachments !== undefined && check.array(test, 'attachments')) {
    (test.attachments as unknown[]).forEach((a, i) => {
      if (!isObject(a)) problems.push(`${at}.attachments[${i}]: expected an object, got ${show(a)}`);
      else {
        check.string(a, 'name', `attachments[${i}].`);
        check.string(a, 'path', `attachments[${i}].`);
      }
    });
  }
}

type Obj = Record<string, unknown>;

function checker(problems: string[], at = '') {
  const where = (key: string, sub = '') => `${at ? `${at}.` : ''}${sub}${key}`;
  return {
    string(o: Obj, key: string, sub?: string): boolean {
      if (typeof o[key] === 'string') return true;
      problems.push(`${where(key, sub)}: expected a string, got ${show(o[key])}`);
      return false;
    },
    oneOf(o: Obj, key: string, allowed: readonly string[]): void {
      if (!allowed.includes(o[key] as string)) {
        problems.push(`${where(key)}: expected one of ${allowed.join(' | ')}, got ${show(o[key])}`);
      }
    },
    isoDate(o: Obj, key: string): void {
      const v = o[key];
      if (typeof v !== 'string' || Number.isNaN(Date.parse(v))) {
        problems.push(`${where(key)}: expected an ISO 8601 date, got ${show(v)}`);
      }
    },
    duration(o: Obj, key: string): void {
      const v = o[key];
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
        problems.push(`${where(key)}: expected a number of milliseconds >= 0, got ${show(v)}`);
      }
    },
    array(o: Obj, key: string): boolean {
      if (Array.isArray(o[key])) return true;
      problems.push(`${where(key)}: expected an array, got ${show(o[key])}`);
      return false;
    },
  };
}

function isObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  return 'an object';
}
