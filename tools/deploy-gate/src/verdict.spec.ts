import { describe, expect, it } from 'vitest';
import { aggregate, type RunReport } from '@streamkit/e2e-report';
import { phaseResult, testResult } from '@streamkit/e2e-report/testing';
import { judge } from './verdict.ts';

const phases = [
  { name: 'e2e-health', dependsOn: [] },
  { name: 'e2e-smoke-api', dependsOn: ['e2e-health'] },
];
const report = (health: ReturnType<typeof testResult>[], smoke?: ReturnType<typeof testResult>[]): RunReport => ({
  ...aggregate(
    phases,
    new Map([
      ['e2e-health', phaseResult({ phase: 'e2e-health', tests: health })],
      ['e2e-smoke-api', smoke && phaseResult({ phase: 'e2e-smoke-api', tests: smoke })],
    ]),
  ),
  coverage: { endpoints: null, pages: null },
});

describe('judge', () => {
  it('is green only when the suite exited 0 and its report passed', () => {
    const passed = report([testResult({ name: 'api > 200' })], [testResult({ name: 'auth > 422' })]);
    expect(judge({ exitCode: 0, report: passed, output: 'log' })).toEqual({
      green: true,
      summary: '2 passed, 0 failed, 0 skipped',
      reasons: [],
    });
    expect(judge({ exitCode: 1, report: passed, output: 'suite.log' })).toMatchObject({
      green: false,
      reasons: ['the suite exited with 1 though its report passed; its output is in suite.log'],
    });
  });

  it('says which phases failed or did not run, then the first failed tests with the first line of their error', () => {
    const failing = [1, 2, 3].map((n) =>
      testResult({
        name: `storage > check ${n}`,
        status: 'failed',
        error: { message: `expected 200, got 503\nbody: {}` },
      }),
    );
    const verdict = judge({ exitCode: 1, report: report(failing), output: 'log' }, 2);
    expect(verdict).toEqual({
      green: false,
      summary: '0 passed, 3 failed, 0 skipped',
      reasons: [
        'e2e-health failed',
        'e2e-smoke-api not run: e2e-health failed',
        'e2e-health › storage > check 1: expected 200, got 503',
        'e2e-health › storage > check 2: expected 200, got 503',
        '… and 1 more failed tests',
      ],
    });
  });

  it('is never green without a report', () => {
    expect(judge({ exitCode: 0, output: 'suite.log' })).toEqual({
      green: false,
      summary: 'no report (the suite exited with 0)',
      reasons: ['the suite wrote no report; its output is in suite.log'],
    });
  });
});
