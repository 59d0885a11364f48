import { describe, expect, it } from 'vitest';
import { InvalidPhaseResultError, parsePhaseResult, validatePhaseResult } from './schema.ts';
import { phaseResult, testResult } from './testing.ts';

const FILE = 'dist/e2e/e2e-health/results.json';

function problemsOf(text: string): string[] {
  try {
    parsePhaseResult(text, FILE);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidPhaseResultError);
    return (error as InvalidPhaseResultError).problems;
  }
  throw new Error('expected parsePhaseResult to reject the text');
}

describe('parsePhaseResult', () => {
  it('returns a valid result as it was written', () => {
    const result = phaseResult({
      phase: 'e2e-health',
      tests: [
        testResult({ name: 'api > answers 200' }),
        testResult({ name: 'redis > PING', status: 'failed', error: { message: 'ECONNREFUSED', stack: 'at x' } }),
        testResult({ name: 'ui > page', attachments: [{ name: 'screenshot', path: 'dist/e2e/x.png' }] }),
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
      tests: [{ file: 'a.spec.ts', name: 'x', status: 'ok', durationMs: -1, retries: 1.5, error: { stack: 's' } }],
    };
    const problems = problemsOf(JSON.stringify(broken));
    expect(problems).toEqual([
      'status: expected one of passed | failed | interrupted, got "green"',
      'startedAt: expected an ISO 8601 date, got "yesterday"',
      'errors[1]: expected a string, got 3',
      'tests[0].status: expected one of passed | failed | skipped | flaky, got "ok"',
      'tests[0].durationMs: expected a number of milliseconds >= 0, got -1',
      'tests[0].retries: expected a whole number >= 0, got 1.5',
      'tests[0].error.message: expected a string, got nothing',
    ]);
    expect(() => parsePhaseResult(JSON.stringify(broken), FILE)).toThrow(`${FILE} is not a valid phase result:`);
  });

  it('reports text that is not JSON, e.g. a file cut short by a killed run', () => {
    expect(problemsOf('{"schemaVersion": 1, "pha')[0]).toMatch(/^not JSON: /);
  });

  it('rejects another schema version without listing field noise', () => {
    expect(problemsOf(JSON.stringify({ schemaVersion: 2, tests: 'whatever' }))).toEqual([
      'schemaVersion: expected 1, got 2 (written by a different version of @streamkit/e2e-report)',
    ]);
  });

  it('rejects a value that is not an object', () => {
    expect(validatePhaseResult([])).toEqual(['expected an object, got an array']);
    expect(validatePhaseResult(null)).toEqual(['expected an object, got null']);
  });
});

describe('visitedRoutes (UI phases, optional)', () => {
  it('accepts a list of paths, and a result without one', () => {
    expect(validatePhaseResult(phaseResult({ phase: 'e2e-smoke-ui', runner: 'playwright', visitedRoutes: ['/', '/login'] }))).toEqual([]);
    expect(validatePhaseResult(phaseResult({ phase: 'e2e-health' }))).toEqual([]);
  });

  it('names an entry that is not a path', () => {
    expect(validatePhaseResult({ ...phaseResult({ phase: 'e2e-smoke-ui' }), visitedRoutes: ['/', 4] })).toEqual([
      'visitedRoutes[1]: expected a string, got 4',
    ]);
    expect(validatePhaseResult({ ...phaseResult({ phase: 'e2e-smoke-ui' }), visitedRoutes: '/' })).toEqual([
      'visitedRoutes: expected an array, got "/"',
    ]);
  });
});

describe('requests, runId, setupMs, timedOut (optional, schema version 1)', () => {
  it('accepts them, and a result without them', () => {
    const full = phaseResult({
      phase: 'e2e-smoke-api',
      requests: [{ method: 'GET', path: '/health' }],
      runId: 'e2e-1',
      setupMs: 120,
      timedOut: { limitMs: 90_000, notStarted: ['apps/e2e-smoke-api/tests/a.spec.ts'] },
    });
    expect(validatePhaseResult(full)).toEqual([]);
  });

  it('names what is wrong with each', () => {
    expect(
      validatePhaseResult({
        ...phaseResult({ phase: 'p' }),
        requests: [{ method: 'GET' }],
        runId: 7,
        setupMs: -1,
        timedOut: { limitMs: '90 s', notStarted: [] },
      }),
    ).toEqual([
      'requests[0]: expected { method, path } strings, got an object',
      'runId: expected a string, got 7',
      'setupMs: expected a number of milliseconds >= 0, got -1',
      'timedOut: expected { limitMs: number, notStarted: string[] }, got an object',
    ]);
  });
});
