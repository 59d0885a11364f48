import type { CoverageSummary } from './coverage.ts';
import type { Attachment, Runner, TestError } from './schema.ts';

/**
 * `dist/e2e/report.json`: every phase of one run, aggregated. CI, the HTML and Slack renderers
 * read this rather than the per-phase files, so it is versioned the same way: bump on any change a
 * reader could misread. docs/report-schema.md documents every field.
 */
export const RUN_REPORT_SCHEMA_VERSION = 1;

export interface RunReport {
  schemaVersion: typeof RUN_REPORT_SCHEMA_VERSION;
  /** ISO 8601 */
  generatedAt: string;
  /** `E2E_RUN_ID` of the run being reported, when set. */
  runId?: string;
  /**
   * `failed` when any phase failed or did not run, when there was no phase at all, or when a test
   * was flaky and `failOnFlaky` is set.
   */
  verdict: 'passed' | 'failed';
  /** Why the verdict is `failed`, one short line each; empty when it passed. */
  verdictReasons: string[];
  /** `E2E_FAIL_ON_FLAKY=1` was set: flaky tests fail the run. */
  failOnFlaky: boolean;
  totals: Counts;
  /** Dependencies before dependents, then by name. */
  phases: PhaseSummary[];
  /**
   * The chain of phases that decided when the run ended: the phase that ended last, then the
   * dependency it waited for longest, and so on back to the gate. Cached phases are not on it.
   */
  criticalPath: string[];
  failures: Failure[];
  flaky: FlakyTest[];
  coverage: {
    /** API operations (OpenAPI) the API client called; null when no phase saved the API's document. */
    endpoints: CoverageSummary | null;
    /** Pages of the web app's route manifest the UI phases visited; null when no UI phase ran. */
    pages: CoverageSummary | null;
    /** Why a coverage is null, when it is. */
    notMeasured?: { endpoints?: string; pages?: string };
  };
}

/** Disjoint: a flaky test counts only as flaky, so the four add up to the number of tests. */
export interface Counts {
  passed: number;
  failed: number;
  skipped: number;
  flaky: number;
}

export type PhaseReportStatus = 'passed' | 'failed' | 'not-run';

export interface PhaseSummary {
  name: string;
  /** Phases this one waits for in the Nx task graph. */
  dependsOn: string[];
  /** An interrupted run or an unreadable results file is `failed`; `errors` says which. */
  status: PhaseReportStatus;
  /** Only for `not-run`: `"<phase> failed"`, `"<phase> not run"` or `"no results file"`. */
  notRunReason?: string;
  runner?: Runner;
  counts: Counts;
  durationMs: number;
  /** ISO 8601; null when the phase did not run. */
  startedAt: string | null;
  endedAt: string | null;
  /** Run-level errors: global setup, unhandled errors, an unreadable results file. */
  errors: string[];
  /** From the phase policy: what the phase's tests should take, and when it is stopped. */
  budgetMs: number;
  hardTimeoutMs: number;
  /** Part of `durationMs` spent before the first test file started (waiting for the stack). */
  setupMs: number;
  /** `durationMs - setupMs` exceeded `budgetMs`: a warning, the verdict ignores it. */
  overBudget: boolean;
  /** The phase was stopped at its hard timeout; its unfinished tests are failures. */
  timedOut: boolean;
  /** Test files that never started because the phase timed out. */
  notStarted?: string[];
  /** The results were restored from the Nx cache (written by an earlier run, `runId` differs). */
  cached: boolean;
}

export interface Failure {
  phase: string;
  file: string;
  name: string;
  error: TestError;
  attachments?: Attachment[];
}

export interface FlakyTest {
  phase: string;
  file: string;
  name: string;
  retries: number;
  /** The error of the attempt that failed. */
  error?: TestError;
  attachments?: Attachment[];
}
