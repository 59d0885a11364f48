import {
  QUARANTINE_FILE,
  releaseSuggestions,
  textTable,
  testId,
  type PhaseResult,
  type QuarantineFile,
  type ReleaseSuggestion,
  type RunOutcome,
} from '@streamkit/e2e-report';

/** One run of the suite, as the flake hunt reads it back: every phase's results that it left. */
export interface HuntRun {
  /** 1-based. */
  run: number;
  results: PhaseResult[];
}

export interface TestTally {
  /** `<file> > <name>`: what a quarantine entry names it by. */
  id: string;
  phase: string;
  /** Runs whose last attempt failed. */
  failed: number;
  /** Runs in which it failed, then passed on a retry. */
  flaky: number;
  /** Runs that ran it (not skipped, not missing). */
  ran: number;
  /** The error of the first run it failed or was flaky in, and which run that was. */
  firstError: { run: number; message: string };
  /** Its outcome in every run, oldest first. */
  outcomes: RunOutcome[];
}

export interface PhaseErrorTally {
  phase: string;
  /** Runs in which the phase had errors outside its tests (setup, unhandled, a hard timeout). */
  runs: number[];
  firstError: string;
}

export interface Tally {
  /** Every test that failed or was flaky at least once, most failures first. */
  tests: TestTally[];
  phaseErrors: PhaseErrorTally[];
  /** Per quarantine entry: passes in a row over these runs, and whether it has earned release. */
  release: ReleaseSuggestion[];
}

/**
 * Adds up N runs: every test that ever failed (or was flaky), with counts and its first error;
 * phases whose run itself went wrong; and release suggestions for the quarantine from these runs'
 * outcomes (a test a run did not reach is `not-run` there). Pure: the runs are read by the caller.
 */
export function tally(runs: readonly HuntRun[], quarantine: QuarantineFile): Tally {
  const outcomes = new Map<string, { phase: string; byRun: Map<number, PhaseResult['tests'][number]> }>();
  const phaseErrors = new Map<string, PhaseErrorTally>();
  for (const { run, results } of runs) {
    for (const result of results) {
      if (result.errors.length > 0) {
        const seen = phaseErrors.get(result.phase) ?? { phase: result.phase, runs: [], firstError: result.errors[0]! };
        if (!seen.runs.includes(run)) seen.runs.push(run);
        phaseErrors.set(result.phase, seen);
      }
      for (const test of result.tests) {
        const id = testId(test);
        const entry = outcomes.get(id) ?? { phase: result.phase, byRun: new Map() };
        entry.byRun.set(run, test);
        outcomes.set(id, entry);
      }
    }
  }

  const history = new Map<string, RunOutcome[]>();
  const tests: TestTally[] = [];
  for (const [id, { phase, byRun }] of outcomes) {
    const perRun = runs.map(({ run }): RunOutcome => outcomeOf(byRun.get(run)));
    history.set(id, perRun);
    const bad = runs.find(({ run }) => ['failed', 'flaky'].includes(outcomeOf(byRun.get(run))));
    if (!bad) continue;
    tests.push({
      id,
      phase,
      failed: perRun.filter((o) => o === 'failed').length,
      flaky: perRun.filter((o) => o === 'flaky').length,
      ran: perRun.filter((o) => o !== 'not-run' && o !== 'skipped').length,
      firstError: {
        run: bad.run,
        message: byRun.get(bad.run)!.error?.message ?? '(the runner recorded no error message)',
      },
      outcomes: perRun,
    });
  }
  tests.sort((a, b) => b.failed + b.flaky - (a.failed + a.flaky) || a.id.localeCompare(b.id));
  return {
    tests,
    phaseErrors: [...phaseErrors.values()].sort((a, b) => a.phase.localeCompare(b.phase)),
    release: releaseSuggestions(quarantine, history),
  };
}

/**
 * A test the runner never started (its phase hit the global timeout first: `did not run: …`) is
 * recorded as failed, but it says nothing about the test itself: here it did not run. The
 * phase's timeout is listed among the phase errors.
 */
function outcomeOf(test: PhaseResult['tests'][number] | undefined): RunOutcome {
  if (!test) return 'not-run';
  if (test.status === 'failed' && test.error?.message.startsWith('did not run:')) return 'not-run';
  return test.status;
}

/** The console table: one row per test that ever failed, then phase errors, then release suggestions. */
export function renderTally(result: Tally, runs: number): string {
  const out: string[] = [];
  if (result.tests.length === 0) out.push(`flake hunt: no test failed in ${runs} run(s)`);
  else {
    out.push(`flake hunt: ${result.tests.length} test(s) failed at least once in ${runs} run(s)`, '');
    const rows = result.tests.map((t) => [
      `${t.failed}/${t.ran}`,
      String(t.flaky),
      t.phase,
      t.id,
      `run ${t.firstError.run}: ${firstLine(t.firstError.message)}`,
    ]);
    out.push(...textTable(['failed/ran', 'flaky', 'phase', 'test', 'first error'], rows, [0, 1]));
  }
  for (const p of result.phaseErrors)
    out.push('', `phase ${p.phase}: run error in run(s) ${p.runs.join(', ')}: ${firstLine(p.firstError)}`);
  const quarantined = result.release;
  if (quarantined.length > 0) {
    out.push('', 'quarantine:');
    for (const r of quarantined) {
      out.push(
        r.suggested
          ? `  RELEASE ${r.test}: passed ${r.passesInARow} runs in a row (≥ ${r.releaseAfterPasses}): remove its entry from ${QUARANTINE_FILE} (owner ${r.owner})`
          : `  keep    ${r.test}: ${r.passesInARow} pass(es) in a row, ${r.releaseAfterPasses} needed for release`,
      );
    }
  }
  return out.join('\n');
}

function firstLine(text: string): string {
  const line = text.trim().split('\n', 1)[0] ?? '';
  return line.length > 120 ? `${line.slice(0, 119)}…` : line;
}
