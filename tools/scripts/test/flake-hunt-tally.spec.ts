import { phaseResult, testResult } from '@streamkit/e2e-report/testing';
import { describe, expect, it } from 'vitest';
import { renderTally, tally, type HuntRun } from '../src/flake-hunt/tally.ts';
import { countOption, stringOption } from '../src/suite-run.ts';

const FILE = 'apps/e2e-flows-api/tests/auth.spec.ts';
const id = (name: string) => `${FILE} > ${name}`;
const test = (name: string, status: 'passed' | 'failed' | 'flaky' | 'skipped', message?: string) =>
  testResult({ file: FILE, name, status, ...(message ? { error: { message } } : {}) });
const run = (n: number, ...tests: ReturnType<typeof test>[]): HuntRun => ({
  run: n,
  results: [phaseResult({ phase: 'e2e-flows-api', tests })],
});

describe('flake hunt tally', () => {
  const runs = [
    run(
      1,
      test('signup', 'passed'),
      test('refresh', 'failed', 'read ECONNRESET\n  at socket'),
      test('later', 'skipped'),
    ),
    run(2, test('signup', 'flaky', 'timeout'), test('refresh', 'passed'), test('later', 'skipped')),
    run(3, test('signup', 'passed'), test('refresh', 'failed', 'second error'), test('later', 'skipped')),
  ];

  it('lists every test that ever failed or was flaky, with failed/ran and the error of the first bad run', () => {
    const found = tally(runs, { tests: [] });
    expect(found.tests).toEqual([
      {
        id: id('refresh'),
        phase: 'e2e-flows-api',
        failed: 2,
        flaky: 0,
        ran: 3,
        firstError: { run: 1, message: 'read ECONNRESET\n  at socket' },
        outcomes: ['failed', 'passed', 'failed'],
      },
      {
        id: id('signup'),
        phase: 'e2e-flows-api',
        failed: 0,
        flaky: 1,
        ran: 3,
        firstError: { run: 2, message: 'timeout' },
        outcomes: ['passed', 'flaky', 'passed'],
      },
    ]);
    expect(tally([run(1, test('signup', 'passed'))], { tests: [] }).tests).toEqual([]);
  });

  it('counts a run that did not reach a test as not-run, and names phases whose run itself went wrong', () => {
    const broken: HuntRun = {
      run: 2,
      results: [phaseResult({ phase: 'e2e-flows-api', tests: [], errors: ['globalSetup: no stack'] })],
    };
    const found = tally([run(1, test('refresh', 'failed', 'x')), broken], { tests: [] });
    expect(found.tests[0]).toMatchObject({ failed: 1, ran: 1, outcomes: ['failed', 'not-run'] });
    expect(found.phaseErrors).toEqual([{ phase: 'e2e-flows-api', runs: [2], firstError: 'globalSetup: no stack' }]);
    // Never started because the phase's global timeout ran out first: not the test's failure.
    const cutShort = tally(
      [
        run(1, test('refresh', 'failed', 'did not run: the global timeout ran out first')),
        run(2, test('refresh', 'passed')),
      ],
      { tests: [] },
    );
    expect(cutShort.tests).toEqual([]);
    const unfinished = tally([run(1, test('refresh', 'failed', 'did not finish: the global timeout ran out'))], {
      tests: [],
    });
    expect(unfinished.tests[0]).toMatchObject({ failed: 1, ran: 1 });
  });

  it('suggests releasing a quarantined test that passed enough runs in a row, from these runs only', () => {
    const quarantine = {
      releaseAfterPasses: 2,
      tests: [
        { test: id('signup'), owner: '@a', reason: 'r', expires: '2027-01-01' },
        { test: id('refresh'), owner: '@b', reason: 'r', expires: '2027-01-01' },
      ],
    };
    expect(tally(runs, quarantine).release).toEqual([
      { test: id('signup'), owner: '@a', passesInARow: 1, releaseAfterPasses: 2, suggested: false },
      { test: id('refresh'), owner: '@b', passesInARow: 0, releaseAfterPasses: 2, suggested: false },
    ]);
    const clean = [run(1, test('signup', 'passed')), run(2, test('signup', 'passed'))];
    expect(tally(clean, quarantine).release[0]).toMatchObject({ passesInARow: 2, suggested: true });
  });

  it('prints one row per test, most failures first, then run errors and the quarantine verdicts', () => {
    const text = renderTally(
      {
        ...tally(runs, {
          releaseAfterPasses: 1,
          tests: [{ test: id('signup'), owner: '@a', reason: 'r', expires: '2027-01-01' }],
        }),
        phaseErrors: [{ phase: 'e2e-health', runs: [3], firstError: 'stack did not start\nmore' }],
      },
      3,
    );
    expect(text.split('\n')).toEqual([
      'flake hunt: 2 test(s) failed at least once in 3 run(s)',
      '',
      'failed/ran  flaky  phase          test                                             first error',
      `       2/3      0  e2e-flows-api  ${id('refresh')}  run 1: read ECONNRESET`,
      `       0/3      1  e2e-flows-api  ${id('signup')}   run 2: timeout`,
      '',
      'phase e2e-health: run error in run(s) 3: stack did not start',
      '',
      'quarantine:',
      `  RELEASE ${id('signup')}: passed 1 runs in a row (≥ 1): remove its entry from e2e-quarantine.json (owner @a)`,
    ]);
    expect(renderTally({ tests: [], phaseErrors: [], release: [] }, 5)).toBe('flake hunt: no test failed in 5 run(s)');
  });

  it('reads --runs N and --runs=N, and refuses what is not a whole number ≥ 1', () => {
    expect(countOption(['--runs', '5'], '--runs', 3)).toBe(5);
    expect(countOption(['--runs=2'], '--runs', 3)).toBe(2);
    expect(countOption([], '--runs', 3)).toBe(3);
    expect(() => countOption(['--runs', '0'], '--runs', 3)).toThrow('--runs 0: a whole number ≥ 1');
    expect(() => countOption(['--runs', 'x'], '--runs', 3)).toThrow('--runs x');
    expect(stringOption(['--out=dist/x'], '--out')).toBe('dist/x');
  });
});
