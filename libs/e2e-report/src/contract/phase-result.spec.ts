import { describe, expect, it } from 'vitest';
import { phaseResult, testResult } from '../testing.ts';
import { parsePhaseResult, PhaseResult, PHASE_RESULT_SCHEMA_VERSION } from './phase-result.ts';
import { InvalidResultFileError, schemaProblems } from './read.ts';

const FILE = 'dist/e2e/e2e-health/results.json';
const problems = (value: unknown) => schemaProblems(PhaseResult, PHASE_RESULT_SCHEMA_VERSION, value);

function problemsOf(text: string): string[] {
  try {
    parsePhaseResult(text, FILE);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidResultFileError);
    return (error as InvalidResultFileError).problems;
  }
  throw new Error('expected parsePhaseResult to reject the text');
}

describe('parsePhaseResult', () => {
  it('returns a valid result as it was written, every optional field included', () => {
    const result = phaseResult({
      phase: 'e2e-smoke-ui',
      runner: 'playwright',
      runId: 'e2e-1',
      setupMs: 120,
      timedOut: { limitMs: 90_000, notStarted: ['apps/e2e-smoke-ui/tests/a.spec.ts'] },
      coverable: {
        operations: [{ method: 'GET', path: '/health', operationId: 'getHealth' }],
        pages: ['/', '/dashboard/:id'],
      },
      tests: [
        testResult({ name: 'api > answers 200', requests: [{ method: 'GET', path: '/health' }] }),
        testResult({ name: 'redis > PING', status: 'failed', error: { message: 'ECONNREFUSED', stack: 'at x' } }),
        testResult({
          name: 'ui > page',
          attachments: [{ name: 'screenshot', path: 'dist/e2e/x.png' }],
          visitedRoutes: ['/login'],
        }),
      ],
    });
    expect(parsePhaseResult(JSON.stringify(result), FILE)).toEqual(result);
  });

  it('names the file and every wrong field by its path', () => {
    const broken = {
      ...phaseResult({ phase: 'e2e-health' }),
      status: 'green',
      startedAt: 'yesterday',
      errors: ['ok', 3],
      tests: [
        {
          file: 'a.spec.ts',
          name: 'x',
          status: 'ok',
          durationMs: -1,
          retries: 1.5,
          error: { stack: 's' },
          requests: [{ method: 'get', path: 'health' }],
        },
      ],
    };
    expect(problemsOf(JSON.stringify(broken))).toEqual([
      'status: Invalid option: expected one of "passed"|"failed"|"interrupted"',
      'startedAt: Invalid ISO datetime',
      'tests[0].status: Invalid option: expected one of "passed"|"failed"|"skipped"|"flaky"',
      'tests[0].durationMs: Too small: expected number to be >=0',
      'tests[0].retries: Invalid input: expected int, received number',
      'tests[0].error.message: Invalid input: expected string, received undefined',
      'tests[0].requests[0].method: Invalid string: must match pattern /^[A-Z]+$/',
      'tests[0].requests[0].path: Invalid string: must start with "/"',
      'errors[1]: Invalid input: expected string, received number',
    ]);
    expect(() => parsePhaseResult(JSON.stringify(broken), FILE)).toThrow(
      `${FILE} is not a valid phase result:\n  - status: Invalid option`,
    );
  });

  it('holds durations to whole milliseconds >= 0 and dates to ISO 8601 with a zone', () => {
    const base = phaseResult({ phase: 'p' });
    expect(problems({ ...base, durationMs: 1.5, setupMs: -3, endedAt: '2026-11-25 10:00' })).toEqual([
      'endedAt: Invalid ISO datetime',
      'durationMs: Invalid input: expected int, received number',
      'setupMs: Too small: expected number to be >=0',
    ]);
    expect(problems({ ...base, startedAt: '2026-11-25T10:00:00+01:00' })).toEqual([]);
  });

  it('rejects times that contradict each other', () => {
    const base = phaseResult({ phase: 'p' }); // 10:00:00.000 to 10:00:04.200, 4200 ms
    expect(problems({ ...base, endedAt: '2026-11-25T09:59:59.999Z' })).toEqual([
      'endedAt: ends before it starts (2026-11-25T10:00:00.000Z)',
    ]);
    expect(problems({ ...base, durationMs: 4201 })).toEqual([
      'durationMs: longer than from startedAt to endedAt (4200 ms)',
    ]);
    expect(problems({ ...base, setupMs: 4201 })).toEqual(['setupMs: longer than the whole run (durationMs 4200)']);
    // Limits themselves are fine: a run of 0 ms, all of it setup; parts that ran side by side.
    expect(problems({ ...base, endedAt: base.startedAt, durationMs: 0, setupMs: 0 })).toEqual([]);
    expect(problems({ ...base, durationMs: 4200, setupMs: 4200 })).toEqual([]);
    expect(problems({ ...base, durationMs: 1000 })).toEqual([]);
  });

  it('rejects retry counts that contradict the status', () => {
    const withTest = (test: object) => ({
      ...phaseResult({ phase: 'p' }),
      tests: [testResult({ name: 't', ...test })],
    });
    expect(problems(withTest({ status: 'flaky', retries: 0 }))).toEqual([
      'tests[0].retries: a flaky test passed on a retry: expected >= 1',
    ]);
    expect(problems(withTest({ status: 'passed', retries: 1 }))).toEqual([
      'tests[0].retries: a passed test used no retry: expected 0 (one that passed on a retry is flaky)',
    ]);
    expect(problems(withTest({ status: 'skipped', retries: 2 }))).toEqual([
      'tests[0].retries: a skipped test used no retry: expected 0 (one that passed on a retry is flaky)',
    ]);
    expect(problems(withTest({ status: 'flaky', retries: 1 }))).toEqual([]);
    expect(problems({ ...withTest({ status: 'failed', retries: 2 }), status: 'failed' })).toEqual([]);
  });

  it('rejects a status the file contradicts, so a red run cannot be read as green', () => {
    const failedTest = [testResult({ name: 't', status: 'failed' })];
    const passed = phaseResult({ phase: 'p' });
    const whyPassedIsWrong = 'status: passed, but a test failed or a run error is recorded';
    expect(problems({ ...passed, tests: failedTest })).toEqual([whyPassedIsWrong]);
    expect(problems({ ...passed, errors: ['global setup failed'] })).toEqual([whyPassedIsWrong]);
    expect(problems({ ...passed, timedOut: { limitMs: 1000, notStarted: [] } })).toEqual([
      'status: passed, but the phase timed out',
    ]);
    expect(problems({ ...passed, status: 'failed' })).toEqual([
      'status: failed, but no test failed and no run error says why',
    ]);
    expect(problems({ ...passed, status: 'failed', tests: failedTest })).toEqual([]);
    expect(problems({ ...passed, status: 'failed', errors: ['x'] })).toEqual([]);
    // Interrupted says nothing about the tests; flaky and skipped tests do not fail a phase.
    expect(problems({ ...passed, status: 'interrupted' })).toEqual([]);
    expect(problems({ ...passed, status: 'interrupted', tests: failedTest })).toEqual([]);
    const notFailing = [
      testResult({ name: 'a', status: 'flaky', retries: 1 }),
      testResult({ name: 'b', status: 'skipped' }),
    ];
    expect(problems({ ...passed, tests: notFailing })).toEqual([]);
  });

  it('reports text that is not JSON, e.g. a file cut short by a killed run', () => {
    expect(problemsOf('{"schemaVersion": 2, "pha')[0]).toMatch(/^not JSON: /);
  });

  it('rejects another schema version without listing field noise', () => {
    expect(problemsOf(JSON.stringify({ schemaVersion: 1, tests: 'whatever' }))).toEqual([
      'schemaVersion: expected 2, got 1 (written by a different version of @streamkit/e2e-report)',
    ]);
  });

  it('rejects a value that is not an object', () => {
    expect(problems([])).toEqual(['expected an object, got an array']);
    expect(problems(null)).toEqual(['expected an object, got null']);
  });

  it('ignores fields it does not know, as a reader of a newer minor writer must', () => {
    const result = { ...phaseResult({ phase: 'p' }), addedLater: true };
    expect(problems(result)).toEqual([]);
    expect(parsePhaseResult(JSON.stringify(result), FILE)).not.toHaveProperty('addedLater');
  });
});
