import type { TestResult } from '../contract/phase-result.ts';
import { DEFAULT_RELEASE_AFTER_PASSES, type QuarantineEntry, type QuarantineFile } from '../contract/quarantine.ts';
import type { QuarantinedTest, QuarantineSummary } from '../contract/run-report.ts';

/**
 * The quarantine file as the report executor hands it to `aggregate`: read, or unusable with
 * every problem named. No file at all is `{ file, quarantine: { tests: [] } }`.
 */
export type QuarantineInput =
  | { file: string; quarantine: QuarantineFile; problems?: undefined }
  | { file: string; problems: string[]; quarantine?: undefined };

/** `YYYY-MM-DD` of an ISO date-time, in UTC: the day the run is judged on. Not a date: its first ten characters. */
export function utcDay(isoDateTime: string): string {
  const time = Date.parse(isoDateTime);
  return Number.isNaN(time) ? isoDateTime.slice(0, 10) : new Date(time).toISOString().slice(0, 10);
}

/** An entry holds before its `expires` day; on that day and after, it has expired. */
export function isExpired(entry: Pick<QuarantineEntry, 'expires'>, today: string): boolean {
  return today >= entry.expires;
}

/** Whole days from `expires` to `today` (0 on the day it expires). */
export function daysSince(expires: string, today: string): number {
  return Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${expires}T00:00:00Z`)) / 86_400_000);
}

/** The entries that hold today, by test id: a failure of one of these does not fail the run. */
export function holdingEntries(input: QuarantineInput | undefined, today: string): Map<string, QuarantineEntry> {
  const entries = input?.quarantine?.tests ?? [];
  return new Map(entries.filter((e) => !isExpired(e, today)).map((e) => [e.test, e]));
}

/** Failed or flaky: the outcomes a holding quarantine entry keeps from failing the run. */
export function isQuarantinable(test: Pick<TestResult, 'status'>): boolean {
  return test.status === 'failed' || test.status === 'flaky';
}

export interface SeenTest {
  phase: string;
  test: TestResult;
}

/**
 * The report's quarantine section: every entry with what its test did in this run (`seen`, by
 * test id, over the phases that ran), and a warning for each entry no test of the run matches.
 */
export function quarantineSummary(
  input: QuarantineInput | undefined,
  seen: ReadonlyMap<string, SeenTest>,
  today: string,
): QuarantineSummary {
  const file = input?.file ?? 'e2e-quarantine.json';
  if (input?.problems) return { file, problems: input.problems, entries: [], warnings: [] };
  const entries = (input?.quarantine?.tests ?? []).map((entry): QuarantinedTest => {
    const ran = seen.get(entry.test);
    const expired = isExpired(entry, today);
    if (!ran) return { ...entry, outcome: 'not-found', expired };
    const { test } = ran;
    return {
      ...entry,
      phase: ran.phase,
      outcome: test.status,
      expired,
      ...(isQuarantinable(test) && test.error ? { error: test.error } : {}),
      ...(isQuarantinable(test) && test.attachments?.length ? { attachments: test.attachments } : {}),
    };
  });
  const warnings = entries
    .filter((e) => e.outcome === 'not-found')
    .map((e) => `no test of this run is "${e.test}" (its phase was not selected, or the test was renamed or removed)`);
  return { file, problems: [], entries, warnings };
}

/** Why the quarantine fails the run, one line each: a file it cannot read, and every expired entry. */
export function quarantineVerdictReasons(summary: QuarantineSummary, today: string): string[] {
  if (summary.problems.length > 0) {
    const more = summary.problems.length > 1 ? ` (and ${summary.problems.length - 1} more)` : '';
    return [`${summary.file} is not a valid quarantine file: ${summary.problems[0]}${more}`];
  }
  return summary.entries
    .filter((e) => e.expired)
    .map((e) => `quarantine of "${e.test}" expired ${expiredSince(e.expires, today)} (owner ${e.owner})`);
}

/** `today`, `yesterday`, `on 2026-11-20, 10 days ago`. */
export function expiredSince(expires: string, today: string): string {
  const days = daysSince(expires, today);
  if (days === 0) return `today (${expires})`;
  if (days === 1) return `yesterday (${expires})`;
  return `on ${expires}, ${days} days ago`;
}

/** What to do about an expired entry, for every renderer alike. */
export function expiredAdvice(file: string): string {
  return `fix the test and remove its entry from ${file}, or move \`expires\` with a new reason if the fix is under way`;
}

/** A quarantined test's outcome in one run of a flake hunt; `not-run` when that run did not run it. */
export type RunOutcome = TestResult['status'] | 'not-run';

export interface ReleaseSuggestion {
  test: string;
  owner: string;
  /** Passes in a row at the end of the history (skipped and not-run runs neither count nor break it). */
  passesInARow: number;
  releaseAfterPasses: number;
  suggested: boolean;
}

/**
 * Which quarantined tests have earned release: their last `releaseAfterPasses` runs (the history
 * is oldest first, one outcome per run) all passed cleanly. A flaky pass breaks the streak.
 */
export function releaseSuggestions(
  quarantine: QuarantineFile,
  history: ReadonlyMap<string, readonly RunOutcome[]>,
): ReleaseSuggestion[] {
  const releaseAfterPasses = quarantine.releaseAfterPasses ?? DEFAULT_RELEASE_AFTER_PASSES;
  return quarantine.tests.map((entry) => {
    const outcomes = (history.get(entry.test) ?? []).filter((o) => o !== 'skipped' && o !== 'not-run');
    let passesInARow = 0;
    for (let i = outcomes.length - 1; i >= 0 && outcomes[i] === 'passed'; i--) passesInARow++;
    return {
      test: entry.test,
      owner: entry.owner,
      passesInARow,
      releaseAfterPasses,
      suggested: passesInARow >= releaseAfterPasses,
    };
  });
}
