import { describe, expect, it } from 'vitest';
import type { PhaseResult } from '../contract/phase-result.ts';
import type { QuarantineEntry } from '../contract/quarantine.ts';
import { phaseResult, testResult } from '../testing.ts';
import { aggregate, type PhaseNode } from './aggregate.ts';
import { releaseSuggestions, type QuarantineInput, type RunOutcome } from './quarantine.ts';

const GRAPH: PhaseNode[] = [
  { name: 'e2e-health', dependsOn: [] },
  { name: 'e2e-smoke-api', dependsOn: ['e2e-health'] },
  { name: 'e2e-flows-api', dependsOn: ['e2e-smoke-api'] },
];
const FLOWS = 'apps/e2e-flows-api/tests/auth.spec.ts';
const SMOKE = 'apps/e2e-smoke-api/tests/auth.spec.ts';
const FLAKY_ID = `${FLOWS} > auth > refresh rotates`;
const AT = '2026-12-01T10:00:00.000Z';

const entry = (test: string, expires = '2026-12-14'): QuarantineEntry => ({
  test,
  owner: '@alice',
  reason: 'ECONNRESET on refresh, #42',
  expires,
});
const file = (...tests: QuarantineEntry[]): QuarantineInput => ({ file: 'e2e-quarantine.json', quarantine: { tests } });

const refreshFailed = testResult({
  file: FLOWS,
  name: 'auth > refresh rotates',
  status: 'failed',
  error: { message: 'read ECONNRESET' },
  attachments: [{ name: 'response', path: 'dist/e2e/e2e-flows-api/refresh.json' }],
});
const passing = (phase: string, tests = [testResult({ file: `apps/${phase}/tests/a.spec.ts`, name: 'a' })]) =>
  phaseResult({ phase, tests });
const flowsWith = (...tests: PhaseResult['tests']) =>
  phaseResult({ phase: 'e2e-flows-api', tests: [testResult({ file: FLOWS, name: 'auth > signup' }), ...tests] });

function run(flows: PhaseResult, quarantine?: QuarantineInput, options: { at?: string; smoke?: PhaseResult } = {}) {
  const results = new Map([
    ['e2e-health', passing('e2e-health')],
    ['e2e-smoke-api', options.smoke ?? passing('e2e-smoke-api')],
    ['e2e-flows-api', flows],
  ]);
  return aggregate(GRAPH, results, { generatedAt: options.at ?? AT, quarantine });
}

describe('quarantine in the report', () => {
  it('a quarantined test that fails does not fail the run: counted as quarantined, reported with its error', () => {
    const report = run(flowsWith(refreshFailed), file(entry(FLAKY_ID)));
    expect(report.verdict).toBe('passed');
    expect(report.verdictReasons).toEqual([]);
    expect(report.totals).toEqual({ passed: 3, failed: 0, skipped: 0, flaky: 0, quarantined: 1 });
    expect(report.phases.find((p) => p.name === 'e2e-flows-api')).toMatchObject({
      status: 'passed',
      counts: { passed: 1, failed: 0, quarantined: 1 },
    });
    expect(report.failures).toEqual([]);
    expect(report.quarantine).toEqual({
      file: 'e2e-quarantine.json',
      problems: [],
      entries: [
        {
          ...entry(FLAKY_ID),
          phase: 'e2e-flows-api',
          outcome: 'failed',
          expired: false,
          error: { message: 'read ECONNRESET' },
          attachments: [{ name: 'response', path: 'dist/e2e/e2e-flows-api/refresh.json' }],
        },
      ],
      warnings: [],
    });
  });

  it('without an entry the same failure fails the run', () => {
    const report = run(flowsWith(refreshFailed), file());
    expect(report.verdict).toBe('failed');
    expect(report.totals).toMatchObject({ failed: 1, quarantined: 0 });
    expect(report.failures.map((f) => f.name)).toEqual(['auth > refresh rotates']);
  });

  it('a quarantined flaky test does not fail a run with E2E_FAIL_ON_FLAKY, and a passing one counts as passed', () => {
    const flaky = { ...refreshFailed, status: 'flaky' as const, retries: 1 };
    const results = new Map([['e2e-health', phaseResult({ phase: 'e2e-health', tests: [flaky] })]]);
    const report = aggregate([GRAPH[0]!], results, {
      generatedAt: AT,
      failOnFlaky: true,
      quarantine: file(entry(FLAKY_ID)),
    });
    expect(report.verdict).toBe('passed');
    expect(report.totals).toMatchObject({ flaky: 0, quarantined: 1 });
    expect(report.flaky).toEqual([]);

    const passed = run(
      flowsWith({ ...refreshFailed, status: 'passed', error: undefined, attachments: undefined }),
      file(entry(FLAKY_ID)),
    );
    expect(passed.totals).toMatchObject({ passed: 4, quarantined: 0 });
    expect(passed.quarantine.entries[0]).toEqual({
      ...entry(FLAKY_ID),
      phase: 'e2e-flows-api',
      outcome: 'passed',
      expired: false,
    });
  });

  it('holds until the day before expiry; on the expiry day the entry fails the run, saying which, since when and whose', () => {
    expect(run(flowsWith(refreshFailed), file(entry(FLAKY_ID, '2026-12-02'))).verdict).toBe('passed');
    const onTheDay = run(flowsWith(refreshFailed), file(entry(FLAKY_ID, '2026-12-01')));
    expect(onTheDay.verdict).toBe('failed');
    expect(onTheDay.totals).toMatchObject({ failed: 1, quarantined: 0 });
    expect(onTheDay.verdictReasons).toEqual([
      'e2e-flows-api failed',
      `quarantine of "${FLAKY_ID}" expired today (2026-12-01) (owner @alice)`,
    ]);
    // An expired entry fails the run even when its test passed: the entry must go.
    const passedLongAfter = run(flowsWith({ ...refreshFailed, status: 'passed' }), file(entry(FLAKY_ID, '2026-11-21')));
    expect(passedLongAfter.verdict).toBe('failed');
    expect(passedLongAfter.verdictReasons).toEqual([
      `quarantine of "${FLAKY_ID}" expired on 2026-11-21, 10 days ago (owner @alice)`,
    ]);
    expect(passedLongAfter.quarantine.entries[0]).toMatchObject({ outcome: 'passed', expired: true });
  });

  it('warns about an entry no test of the run matches, without failing the run', () => {
    const report = run(flowsWith(), file(entry(`${FLOWS} > auth > renamed long ago`)));
    expect(report.verdict).toBe('passed');
    expect(report.quarantine.entries[0]).toMatchObject({ outcome: 'not-found', expired: false });
    expect(report.quarantine.entries[0]!.phase).toBeUndefined();
    expect(report.quarantine.warnings).toEqual([
      `no test of this run is "${FLOWS} > auth > renamed long ago" (its phase was not selected, or the test was renamed or removed)`,
    ]);
  });

  it('a malformed file fails the run, naming the file and its problem, and quarantines nothing', () => {
    const report = run(flowsWith(refreshFailed), {
      file: 'e2e-quarantine.json',
      problems: ['tests[0].expires: Invalid ISO date', 'tests[1].owner: Too small'],
    });
    expect(report.verdict).toBe('failed');
    expect(report.verdictReasons).toEqual([
      'e2e-flows-api failed',
      'e2e-quarantine.json is not a valid quarantine file: tests[0].expires: Invalid ISO date (and 1 more)',
    ]);
    expect(report.totals).toMatchObject({ failed: 1, quarantined: 0 });
    expect(report.quarantine).toEqual({
      file: 'e2e-quarantine.json',
      problems: ['tests[0].expires: Invalid ISO date', 'tests[1].owner: Too small'],
      entries: [],
      warnings: [],
    });
  });

  it('does not hide a run error: the phase still fails when something beside the quarantined test went wrong', () => {
    const flows = { ...flowsWith(refreshFailed), errors: ['Unhandled rejection: boom'] };
    const report = run(flows, file(entry(FLAKY_ID)));
    expect(report.verdict).toBe('failed');
    expect(report.verdictReasons).toEqual(['e2e-flows-api failed']);
    expect(report.totals).toMatchObject({ failed: 0, quarantined: 1 });
  });

  it('in a phase others wait for, the quarantined failure still stopped them: the run fails and the warning says why', () => {
    const smokeId = `${SMOKE} > auth > login answers`;
    const smoke = phaseResult({
      phase: 'e2e-smoke-api',
      tests: [testResult({ file: SMOKE, name: 'auth > login answers', status: 'failed', error: { message: '500' } })],
    });
    const results = new Map<string, PhaseResult | undefined>([
      ['e2e-health', passing('e2e-health')],
      ['e2e-smoke-api', smoke],
      // Left over from an earlier run: Nx did not run flows this time, so it must not count.
      ['e2e-flows-api', flowsWith()],
    ]);
    const report = aggregate(GRAPH, results, { generatedAt: AT, quarantine: file(entry(smokeId)) });
    expect(report.phases.map((p) => [p.name, p.status, p.notRunReason])).toEqual([
      ['e2e-health', 'passed', undefined],
      ['e2e-smoke-api', 'passed', undefined],
      ['e2e-flows-api', 'not-run', 'e2e-smoke-api failed'],
    ]);
    expect(report.verdict).toBe('failed');
    expect(report.verdictReasons).toEqual(['e2e-flows-api not run: e2e-smoke-api failed']);
    expect(report.quarantine.warnings).toEqual([
      'e2e-smoke-api failed only on quarantined tests, but Nx still stopped what waits for it (e2e-flows-api): a quarantine cannot hold a test in a phase others depend on; fix it first',
    ]);
  });
});

describe('release suggestions', () => {
  const history = (outcomes: RunOutcome[]) => new Map([[FLAKY_ID, outcomes]]);

  it('suggests release after releaseAfterPasses clean passes in a row (5 by default)', () => {
    const five: RunOutcome[] = ['failed', 'passed', 'passed', 'passed', 'passed', 'passed'];
    expect(releaseSuggestions({ tests: [entry(FLAKY_ID)] }, history(five))).toEqual([
      { test: FLAKY_ID, owner: '@alice', passesInARow: 5, releaseAfterPasses: 5, suggested: true },
    ]);
    expect(releaseSuggestions({ tests: [entry(FLAKY_ID)] }, history(five.slice(0, 5)))[0]).toMatchObject({
      passesInARow: 4,
      suggested: false,
    });
    expect(
      releaseSuggestions({ releaseAfterPasses: 2, tests: [entry(FLAKY_ID)] }, history(['passed', 'passed']))[0],
    ).toMatchObject({ passesInARow: 2, releaseAfterPasses: 2, suggested: true });
  });

  it('a flaky pass or a failure breaks the streak; skipped and not-run runs neither count nor break it', () => {
    const suggestion = (outcomes: RunOutcome[]) =>
      releaseSuggestions({ releaseAfterPasses: 2, tests: [entry(FLAKY_ID)] }, history(outcomes))[0]!;
    expect(suggestion(['passed', 'passed', 'flaky'])).toMatchObject({ passesInARow: 0, suggested: false });
    expect(suggestion(['passed', 'failed', 'passed'])).toMatchObject({ passesInARow: 1, suggested: false });
    expect(suggestion(['passed', 'not-run', 'skipped', 'passed'])).toMatchObject({ passesInARow: 2, suggested: true });
    expect(releaseSuggestions({ tests: [entry(FLAKY_ID)] }, new Map())[0]).toMatchObject({
      passesInARow: 0,
      suggested: false,
    });
  });
});
