import type { PhaseResult, TestResult } from '../contract/phase-result.ts';
import {
  RUN_REPORT_SCHEMA_VERSION,
  type Counts,
  type Coverage,
  type Failure,
  type FlakyTest,
  type PhaseSummary,
  type RunReport,
} from '../contract/run-report.ts';
import { testId } from '../contract/quarantine.ts';
import { phasePolicy, type PhasePolicy } from '../policy/policy.ts';
import { coverageInputs, endpointCoverage, pageCoverage } from './coverage.ts';
import { formatDuration, plural } from './format.ts';
import {
  holdingEntries,
  isQuarantinable,
  quarantineSummary,
  quarantineVerdictReasons,
  utcDay,
  type QuarantineInput,
  type SeenTest,
} from './quarantine.ts';

/** Why a coverage is null. */
export const NO_API_OPERATIONS =
  "no phase that ran listed the API's operations (its global setup could not fetch /openapi.json)";
export const NO_UI_PHASE = 'no UI phase ran';
export const NO_PAGES = "no UI phase that ran listed the web app's pages (the `pages` option of its reporter)";

export interface PhaseNode {
  name: string;
  /** Other phases this one depends on (names that are not phases are ignored). */
  dependsOn: string[];
}

export interface AggregateOptions {
  /** ISO 8601; passed in so the function stays pure. Defaults to now. */
  generatedAt?: string;
  /** Phases whose results file exists but could not be read, with what is wrong with it. */
  unreadable?: ReadonlyMap<string, string[]>;
  /** Budget and hard timeout per phase. Defaults to {@link phasePolicy}. */
  policy?: (phase: string) => Pick<PhasePolicy, 'budgetMs' | 'hardTimeoutMs'>;
  /** Flaky tests fail the verdict (`E2E_FAIL_ON_FLAKY=1`). Default false. */
  failOnFlaky?: boolean;
  /** This run's `E2E_RUN_ID`: results written under another id came from the Nx cache. */
  runId?: string;
  /**
   * The quarantine file (`e2e-quarantine.json`), read or unusable. Judged on the day of
   * `generatedAt`: an entry holds before its `expires` day. Unset: nothing is quarantined.
   */
  quarantine?: QuarantineInput;
}

/**
 * Turns the per-phase results of one run into a {@link RunReport}: a pure function of the
 * results files (coverage included: each phase lists what it could cover and what its tests
 * reached).
 *
 * A phase downstream of a failed or not-run phase is `not-run` even when a results file exists
 * for it: Nx never starts a task whose dependency failed, so such a file is left over from an
 * earlier run and must not be reported as this run's outcome.
 */
export function aggregate(
  phases: readonly PhaseNode[],
  results: ReadonlyMap<string, PhaseResult | undefined>,
  options: AggregateOptions = {},
): RunReport {
  const policy = options.policy ?? ((name: string) => phasePolicy(name));
  const generatedAt = options.generatedAt ?? new Date().toISOString();
  const today = utcDay(generatedAt);
  const holding = holdingEntries(options.quarantine, today);
  const quarantined = (test: TestResult) => isQuarantinable(test) && holding.has(testId(test));
  const seen = new Map<string, SeenTest>();
  // Phases whose runner failed although the report lets them pass on quarantine: Nx stopped what
  // depends on them all the same, so their dependents are still blocked.
  const runnerFailed = new Set<string>();
  const summaries = new Map<string, PhaseSummary>();
  // Root cause per not-run phase, so a phase two hops downstream still names the phase that failed.
  const blockedBy = new Map<string, string>();
  const failures: Failure[] = [];
  const flaky: FlakyTest[] = [];
  const ran: PhaseResult[] = [];

  for (const phase of topologicalOrder(phases)) {
    const dependsOn = phase.dependsOn.filter((d) => d !== phase.name && phases.some((p) => p.name === d));
    const node = { name: phase.name, dependsOn };
    const blocker = pickBlocker(dependsOn, summaries, runnerFailed);
    if (blocker) {
      const failedThere = summaries.get(blocker)!.status === 'failed' || runnerFailed.has(blocker);
      const cause = failedThere ? blocker : blockedBy.get(blocker);
      if (cause) blockedBy.set(phase.name, cause);
      summaries.set(phase.name, notRun(node, policy, cause ? `${cause} failed` : `${blocker} not run`));
      continue;
    }
    const problems = options.unreadable?.get(phase.name);
    if (problems) {
      summaries.set(phase.name, { ...emptySummary(node, policy), status: 'failed', errors: problems });
      continue;
    }
    const result = results.get(phase.name);
    if (!result) {
      summaries.set(phase.name, notRun(node, policy, 'no results file'));
      continue;
    }
    const summary = summarize(node, result, policy, options.runId, quarantined);
    summaries.set(phase.name, summary);
    if (summary.status === 'passed' && result.status !== 'passed') runnerFailed.add(phase.name);
    ran.push(result);
    for (const test of result.tests) {
      seen.set(testId(test), { phase: phase.name, test });
      if (quarantined(test)) continue;
      if (test.status === 'failed') {
        failures.push({
          phase: phase.name,
          file: test.file,
          name: test.name,
          error: test.error ?? { message: '(the runner recorded no error message)' },
          ...(test.attachments?.length ? { attachments: test.attachments } : {}),
        });
      } else if (test.status === 'flaky') {
        flaky.push({
          phase: phase.name,
          file: test.file,
          name: test.name,
          retries: test.retries,
          ...(test.error ? { error: test.error } : {}),
          ...(test.attachments?.length ? { attachments: test.attachments } : {}),
        });
      }
    }
  }

  const ordered = [...summaries.values()];
  const totals = ordered.reduce((sum, p) => addCounts(sum, p.counts), emptyCounts());
  const failOnFlaky = options.failOnFlaky ?? false;
  const quarantine = quarantineSummary(options.quarantine, seen, today);
  const verdictReasons = [
    ...reasons(ordered, failOnFlaky ? totals.flaky : 0),
    ...quarantineVerdictReasons(quarantine, today),
  ];
  return {
    schemaVersion: RUN_REPORT_SCHEMA_VERSION,
    generatedAt,
    ...(options.runId ? { runId: options.runId } : {}),
    verdict: verdictReasons.length === 0 ? 'passed' : 'failed',
    verdictReasons,
    failOnFlaky,
    totals,
    phases: ordered,
    criticalPath: criticalPath(ordered),
    failures,
    flaky,
    coverage: measureCoverage(ran),
    quarantine: { ...quarantine, warnings: [...quarantine.warnings, ...stoppedByQuarantined(ordered, runnerFailed)] },
  };
}

/** A quarantined failure cannot unblock what Nx already stopped: say so where it happened. */
function stoppedByQuarantined(phases: PhaseSummary[], runnerFailed: ReadonlySet<string>): string[] {
  return [...runnerFailed].flatMap((name) => {
    const stopped = phases.filter((p) => p.status === 'not-run' && p.dependsOn.includes(name)).map((p) => p.name);
    return stopped.length === 0
      ? []
      : [
          `${name} failed only on quarantined tests, but Nx still stopped what waits for it (${stopped.join(', ')}): a quarantine cannot hold a test in a phase others depend on; fix it first`,
        ];
  });
}

function measureCoverage(ran: readonly PhaseResult[]): Coverage {
  const inputs = coverageInputs(ran);
  const endpoints =
    inputs.operationsListedBy.length > 0
      ? endpointCoverage(inputs.operations, inputs.requests, inputs.operationsListedBy)
      : null;
  const pages =
    inputs.pagesListedBy.length > 0 ? pageCoverage(inputs.pages, inputs.visits, inputs.pagesListedBy) : null;
  const notMeasured = {
    ...(endpoints ? {} : { endpoints: NO_API_OPERATIONS }),
    ...(pages ? {} : { pages: ran.some((r) => r.runner === 'playwright') ? NO_PAGES : NO_UI_PHASE }),
  };
  return { endpoints, pages, ...(Object.keys(notMeasured).length > 0 ? { notMeasured } : {}) };
}

function summarize(
  node: PhaseNode,
  result: PhaseResult,
  policy: NonNullable<AggregateOptions['policy']>,
  runId: string | undefined,
  quarantined: (test: TestResult) => boolean,
): PhaseSummary {
  const counts = emptyCounts();
  for (const test of result.tests) counts[quarantined(test) ? 'quarantined' : test.status] += 1;
  const { budgetMs, hardTimeoutMs } = policy(node.name);
  const setupMs = Math.min(result.setupMs ?? 0, result.durationMs);
  // The Vitest reporter marks a hard timeout; Playwright's reporter says its `globalTimeout` (set
  // to the hard timeout) ran out only in its run errors. Duration alone would misread a slow failure.
  const timedOut =
    result.timedOut !== undefined ||
    (result.runner === 'playwright' && result.errors.some((e) => /global timeout/i.test(e)));
  const errors = [...result.errors];
  if (result.timedOut) errors.unshift(`stopped at its hard timeout of ${formatDuration(result.timedOut.limitMs)}`);
  if (result.status === 'interrupted') errors.unshift('the run was interrupted before it finished');
  // The runner failed the phase for its failed tests only, and every one of them is quarantined.
  const onlyQuarantinedFailed =
    result.status === 'failed' &&
    result.errors.length === 0 &&
    !timedOut &&
    counts.failed === 0 &&
    result.tests.some((t) => t.status === 'failed');
  return {
    name: node.name,
    dependsOn: node.dependsOn,
    status: result.status === 'passed' || onlyQuarantinedFailed ? 'passed' : 'failed',
    runner: result.runner,
    counts,
    durationMs: result.durationMs,
    startedAt: result.startedAt,
    endedAt: result.endedAt,
    errors,
    budgetMs,
    hardTimeoutMs,
    setupMs,
    overBudget: result.durationMs - setupMs > budgetMs,
    timedOut,
    ...(result.timedOut?.notStarted.length ? { notStarted: result.timedOut.notStarted } : {}),
    cached: Boolean(runId && result.runId && result.runId !== runId),
    ...(result.agents ? { agents: result.agents } : {}),
  };
}

function notRun(node: PhaseNode, policy: NonNullable<AggregateOptions['policy']>, reason: string): PhaseSummary {
  return { ...emptySummary(node, policy), notRunReason: reason };
}

function emptySummary(node: PhaseNode, policy: NonNullable<AggregateOptions['policy']>): PhaseSummary {
  const { budgetMs, hardTimeoutMs } = policy(node.name);
  return {
    name: node.name,
    dependsOn: node.dependsOn,
    status: 'not-run',
    counts: emptyCounts(),
    durationMs: 0,
    startedAt: null,
    endedAt: null,
    errors: [],
    budgetMs,
    hardTimeoutMs,
    setupMs: 0,
    overBudget: false,
    timedOut: false,
    cached: false,
  };
}

function reasons(phases: PhaseSummary[], flakyThatFail: number): string[] {
  // No phase at all means nothing was tested, which must not read as green in CI.
  if (phases.length === 0) return ['no e2e phase found'];
  const out: string[] = [];
  for (const p of phases) {
    if (p.status === 'failed')
      out.push(p.timedOut ? `${p.name} timed out after ${formatDuration(p.hardTimeoutMs)}` : `${p.name} failed`);
    else if (p.status === 'not-run') out.push(`${p.name} not run: ${p.notRunReason}`);
  }
  if (flakyThatFail > 0) out.push(`${plural(flakyThatFail, 'flaky test', 'flaky tests')} and E2E_FAIL_ON_FLAKY=1`);
  return out;
}

/**
 * Backwards from the phase that ended last, always to the dependency that ended last: the chain
 * whose every step made the next one wait. Phases restored from the cache did not run now.
 */
function criticalPath(phases: PhaseSummary[]): string[] {
  const ran = new Map(phases.filter((p) => p.endedAt && !p.cached).map((p) => [p.name, p]));
  const latest = (names: Iterable<string>) =>
    [...names]
      .map((n) => ran.get(n))
      .filter((p): p is PhaseSummary => p !== undefined)
      .sort((a, b) => Date.parse(b.endedAt!) - Date.parse(a.endedAt!))[0];
  const path: string[] = [];
  for (let p = latest(ran.keys()); p && !path.includes(p.name); p = latest(p.dependsOn)) path.unshift(p.name);
  return path;
}

/** A failed dependency explains more than one that merely did not run, so it wins. */
function pickBlocker(
  dependsOn: string[],
  summaries: Map<string, PhaseSummary>,
  runnerFailed: ReadonlySet<string>,
): string | undefined {
  return (
    dependsOn.find((d) => summaries.get(d)?.status === 'failed' || runnerFailed.has(d)) ??
    dependsOn.find((d) => summaries.get(d)?.status === 'not-run')
  );
}

/** Kahn's algorithm, alphabetical among equals so the table reads the same on every run. */
function topologicalOrder(phases: readonly PhaseNode[]): PhaseNode[] {
  const byName = new Map(phases.map((p) => [p.name, p]));
  const waitingOn = new Map(
    phases.map((p) => [p.name, new Set(p.dependsOn.filter((d) => d !== p.name && byName.has(d)))]),
  );
  const ordered: PhaseNode[] = [];
  while (waitingOn.size > 0) {
    const ready = [...waitingOn]
      .filter(([, deps]) => deps.size === 0)
      .map(([name]) => name)
      .sort();
    // Nx rejects cycles before anything runs; if one slips through, keep going rather than hang.
    const next = ready[0] ?? [...waitingOn.keys()].sort()[0]!;
    ordered.push(byName.get(next)!);
    waitingOn.delete(next);
    for (const deps of waitingOn.values()) deps.delete(next);
  }
  return ordered;
}

function emptyCounts(): Counts {
  return { passed: 0, failed: 0, skipped: 0, flaky: 0, quarantined: 0 };
}

function addCounts(a: Counts, b: Counts): Counts {
  return {
    passed: a.passed + b.passed,
    failed: a.failed + b.failed,
    skipped: a.skipped + b.skipped,
    flaky: a.flaky + b.flaky,
    quarantined: a.quarantined + b.quarantined,
  };
}
