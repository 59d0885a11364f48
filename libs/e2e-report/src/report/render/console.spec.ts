import { describe, expect, it } from 'vitest';
import { aggregate } from '../aggregate.ts';
import { formatDuration, textTable } from '../format.ts';
import { renderConsole } from './console.ts';
import type { PhaseResult } from '../../contract/phase-result.ts';
import { phaseResult, testResult } from '../../testing.ts';

const AT = '2026-11-25T10:05:00.000Z';
const SMOKE = 'apps/e2e-smoke-api/tests/auth.spec.ts';

describe('renderConsole', () => {
  it('prints the table, each failure, flaky tests, and the totals line last', () => {
    const report = aggregate(
      [
        { name: 'e2e-health', dependsOn: [] },
        { name: 'e2e-smoke-api', dependsOn: ['e2e-health'] },
        { name: 'e2e-flows-api', dependsOn: ['e2e-smoke-api'] },
      ],
      new Map([
        [
          'e2e-health',
          phaseResult({
            phase: 'e2e-health',
            durationMs: 850,
            tests: [
              testResult({ name: 'api > 200' }),
              testResult({ name: 'redis > PING', status: 'flaky', retries: 1, error: { message: 'ECONNRESET' } }),
            ],
          }),
        ],
        [
          'e2e-smoke-api',
          phaseResult({
            phase: 'e2e-smoke-api',
            durationMs: 125_000,
            errors: ['unhandled error: socket hang up'],
            coverable: {
              operations: [
                { method: 'POST', path: '/api/v1/auth/signup' },
                { method: 'GET', path: '/api/v1/auth/me' },
                { method: 'POST', path: '/api/v1/auth/logout' },
              ],
            },
            tests: [
              testResult({ name: 'auth > signup', requests: [{ method: 'POST', path: '/api/v1/auth/signup' }] }),
              testResult({ name: 'auth > reset', status: 'skipped' }),
              testResult({
                file: SMOKE,
                name: 'auth > login > rejects a wrong password',
                status: 'failed',
                error: { message: 'expected 401, got 200\nPOST /api/v1/auth/login', stack: 'Error: at auth.spec.ts:3' },
                attachments: [{ name: 'body', path: 'dist/e2e/body.json' }],
              }),
            ],
          }),
        ],
      ]),
      { generatedAt: AT },
    );

    expect(renderConsole(report)).toBe(
      [
        'E2E report: FAILED (e2e-smoke-api failed; e2e-flows-api not run: e2e-smoke-api failed)',
        '',
        'phase          passed  failed  flaky  skipped  duration  budget  status',
        'e2e-health          1       0      1        0    850 ms  10.0 s  passed',
        'e2e-smoke-api       1       1      0        1  2 m 05 s  20.0 s  failed, over budget',
        'e2e-flows-api       -       -      -        -         -  40.0 s  not run: e2e-smoke-api failed',
        'critical path: e2e-health → e2e-smoke-api',
        '',
        'Failures (2)',
        '',
        '  FAIL  e2e-smoke-api: run error',
        '        unhandled error: socket hang up',
        '',
        `  FAIL  e2e-smoke-api · ${SMOKE}`,
        '        auth > login > rejects a wrong password',
        '          expected 401, got 200',
        '          POST /api/v1/auth/login',
        '          body: dist/e2e/body.json',
        '',
        'Flaky (1): failed, then passed on retry; reported, not failing the run',
        '',
        '  FLAKY e2e-health · apps/e2e-demo/tests/demo.spec.ts',
        '        redis > PING (1 retry)',
        '          ECONNRESET',
        '',
        'Coverage',
        '  endpoints 1/3 (33%), listed by e2e-smoke-api',
        '    not called: GET /api/v1/auth/me, POST /api/v1/auth/logout',
        '  pages     not measured: no UI phase ran',
        '',
        'e2e: 3 passed, 1 failed, 1 skipped',
      ].join('\n'),
    );
  });

  it('is short when everything passed, and clips very long messages', () => {
    const long = Array.from({ length: 40 }, (_, i) => `line ${i + 1}`).join('\n');
    const passed = aggregate(
      [{ name: 'e2e-health', dependsOn: [] }],
      new Map([['e2e-health', phaseResult({ phase: 'e2e-health', tests: [testResult({ name: 'a' })] })]]),
      { generatedAt: AT },
    );
    expect(renderConsole(passed).split('\n')).toEqual([
      'E2E report: passed',
      '',
      'phase       passed  failed  flaky  skipped  duration  budget  status',
      'e2e-health       1       0      0        0     4.2 s  10.0 s  passed',
      '',
      'Coverage',
      "  endpoints not measured: no phase that ran listed the API's operations (its global setup could not fetch /openapi.json)",
      '  pages     not measured: no UI phase ran',
      '',
      'e2e: 1 passed, 0 failed, 0 skipped',
    ]);

    const failed = aggregate(
      [{ name: 'p', dependsOn: [] }],
      new Map([['p', phaseResult({ phase: 'p', errors: [long] })]]),
      { generatedAt: AT },
    );
    const lines = renderConsole(failed).split('\n');
    expect(lines).toContain('        line 30');
    expect(lines).not.toContain('        line 31');
    expect(lines).toContain('        … 10 more lines in report.json');
  });

  it('shows setup apart from duration, over budget, a timed-out phase with what never started, cached phases and flaky tests that fail the run', () => {
    const report = aggregate(
      [
        { name: 'e2e-health', dependsOn: [] },
        { name: 'e2e-smoke-api', dependsOn: ['e2e-health'] },
        { name: 'e2e-database', dependsOn: ['e2e-health'] },
      ],
      new Map([
        // 30 s in all, 21 s of it waiting for the stack: 9 s of tests is within the 10 s budget.
        [
          'e2e-health',
          phaseResult({
            phase: 'e2e-health',
            runId: 'run-2',
            durationMs: 30_000,
            setupMs: 21_000,
            tests: [
              testResult({
                name: 'a',
                status: 'flaky',
                retries: 2,
                error: { message: 'ECONNRESET' },
                attachments: [{ name: 'screenshot', path: 'dist/e2e/e2e-health/a.png' }],
              }),
            ],
          }),
        ],
        [
          'e2e-smoke-api',
          phaseResult({
            phase: 'e2e-smoke-api',
            runId: 'run-2',
            startedAt: '2026-11-25T10:00:05.000Z',
            endedAt: '2026-11-25T10:01:35.000Z',
            durationMs: 90_000,
            setupMs: 100,
            status: 'failed',
            timedOut: { limitMs: 90_000, notStarted: ['apps/e2e-smoke-api/tests/later.spec.ts'] },
            errors: ['the phase ran past its hard timeout of 1 m 30 s (phase policy) and was stopped'],
            tests: [
              testResult({
                name: 'hangs',
                status: 'failed',
                error: { message: 'timed out: still unfinished when the phase hit its hard timeout of 1 m 30 s' },
              }),
            ],
          }),
        ],
        [
          'e2e-database',
          phaseResult({
            phase: 'e2e-database',
            runId: 'run-1',
            durationMs: 16_000,
            tests: [testResult({ name: 'b' })],
          }),
        ],
      ]),
      { generatedAt: AT, runId: 'run-2', failOnFlaky: true },
    );
    const text = renderConsole(report);
    expect(text).toContain(
      'E2E report: FAILED (e2e-smoke-api timed out after 1 m 30 s; 1 flaky test and E2E_FAIL_ON_FLAKY=1)',
    );
    expect(text).toMatch(/^e2e-health +0 +0 +1 +0 +9\.0 s +10\.0 s {2}passed$/m);
    expect(text).toMatch(/^e2e-smoke-api +0 +1 +0 +0 +1 m 30 s +20\.0 s {2}TIMED OUT at 1 m 30 s$/m);
    expect(text).toMatch(/^e2e-database +1 +0 +0 +0 +16\.0 s +15\.0 s {2}passed, over budget \(cached\)$/m);
    expect(text).toContain('duration excludes the wait before the first test: e2e-health 21.0 s');
    expect(text).toContain('critical path: e2e-health → e2e-smoke-api');
    expect(text).toContain(
      [
        '  FAIL  e2e-smoke-api: run error',
        '        stopped at its hard timeout of 1 m 30 s',
        '        the phase ran past its hard timeout of 1 m 30 s (phase policy) and was stopped',
        '        never started: apps/e2e-smoke-api/tests/later.spec.ts',
      ].join('\n'),
    );
    expect(text).toContain(
      '  FAIL  e2e-smoke-api · apps/e2e-demo/tests/demo.spec.ts\n        hangs\n          timed out: still unfinished when the phase hit its hard timeout of 1 m 30 s\n\nFlaky (1)',
    );
    expect(text).toContain('Flaky (1): failed, then passed on retry; they fail the run (E2E_FAIL_ON_FLAKY=1)');
    expect(text).toContain(
      '        a (2 retries)\n          ECONNRESET\n          screenshot: dist/e2e/e2e-health/a.png',
    );
  });

  it('says so when there are no phases, still ending with the totals line', () => {
    const lines = renderConsole(aggregate([], new Map(), { generatedAt: AT })).split('\n');
    expect(lines[2]).toMatch(/^No e2e phases found/);
    expect(lines.at(-1)).toBe('e2e: 0 passed, 0 failed, 0 skipped');
  });
});

describe('renderConsole, line by line', () => {
  const one = (result: Partial<PhaseResult>, options: Parameters<typeof aggregate>[2] = {}) =>
    renderConsole(
      aggregate(
        [{ name: 'e2e-health', dependsOn: [] }],
        new Map([['e2e-health', phaseResult({ phase: 'e2e-health', ...result })]]),
        { generatedAt: AT, ...options },
      ),
    );

  it('names a setup of exactly a second, every one of them, and not a cached one', () => {
    const report = aggregate(
      [
        { name: 'e2e-health', dependsOn: [] },
        { name: 'e2e-smoke-api', dependsOn: ['e2e-health'] },
        { name: 'e2e-database', dependsOn: ['e2e-health'] },
      ],
      new Map([
        ['e2e-health', phaseResult({ phase: 'e2e-health', runId: 'now', setupMs: 1000 })],
        ['e2e-smoke-api', phaseResult({ phase: 'e2e-smoke-api', runId: 'now', setupMs: 2500 })],
        ['e2e-database', phaseResult({ phase: 'e2e-database', runId: 'old', setupMs: 3000 })],
      ]),
      { generatedAt: AT, runId: 'now' },
    );
    expect(renderConsole(report)).toContain(
      'duration excludes the wait before the first test: e2e-health 1.0 s, e2e-smoke-api 2.5 s\n',
    );
    expect(one({ setupMs: 999 })).not.toContain('duration excludes');
  });

  it('lists a flaky test with no recorded error by its name only', () => {
    const text = one({ tests: [testResult({ name: 'f', status: 'flaky', retries: 1 })] });
    expect(text).toContain('  FLAKY e2e-health · apps/e2e-demo/tests/demo.spec.ts\n        f (1 retry)\n\nCoverage');
  });

  it('says why a coverage was not measured when the report says, and cuts a long list of what was missed', () => {
    const report = aggregate([], new Map(), { generatedAt: AT });
    const text = renderConsole({
      ...report,
      coverage: { endpoints: null, pages: null, notMeasured: { endpoints: 'E', pages: 'P' } },
    });
    expect(text).toContain('  endpoints not measured: E\n  pages     not measured: P');
    const uncovered = Array.from({ length: 17 }, (_, i) => `/p${i}`);
    const many = renderConsole({
      ...report,
      coverage: {
        endpoints: null,
        pages: { covered: 1, total: 18, uncovered, unmatched: [], listedBy: ['a', 'b'], items: [] },
      },
    });
    expect(many).toContain(
      `  pages     1/18 (5%), listed by a, b\n    not visited: ${uncovered.slice(0, 15).join(', ')}, … and 2 more in report.json\n`,
    );
    const all = renderConsole({
      ...report,
      coverage: {
        endpoints: null,
        pages: { covered: 18, total: 18, uncovered: [], unmatched: [], listedBy: ['a'], items: [] },
      },
    });
    expect(all).toContain('  pages     18/18 (100%), listed by a\n\n');
  });

  it('keeps a message of exactly 30 lines whole, trims trailing blank lines, and says "1 more line" past it', () => {
    const lines = (n: number) => Array.from({ length: n }, (_, i) => `line ${i + 1}`).join('\n');
    const thirty = one({ errors: [`${lines(30)}\n\n`] });
    expect(thirty).toContain('        line 30\n\n');
    expect(thirty).not.toContain('more line');
    expect(one({ errors: [lines(31)] })).toContain('        line 30\n        … 1 more line in report.json\n');
    expect(one({ errors: ['  indented'] })).toContain('          indented\n');
  });

  it('aligns the numbers of the table right, the phase name left', () => {
    const text = one({ tests: Array.from({ length: 12 }, (_, i) => testResult({ name: `t${i}` })) });
    expect(text).toContain(
      'phase       passed  failed  flaky  skipped  duration  budget  status\ne2e-health      12       0      0        0',
    );
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0 ms'],
    [999.4, '999 ms'],
    [1000, '1.0 s'],
    [59_949, '59.9 s'],
    [60_000, '1 m 00 s'],
    [3_725_000, '62 m 05 s'],
  ])('%d ms → %s', (ms, text) => expect(formatDuration(ms)).toBe(text));
});

describe('textTable', () => {
  it('pads each column to its widest cell, right-aligns the listed ones and leaves the last unpadded', () => {
    expect(
      textTable(
        ['name', 'n', 'note'],
        [
          ['a', '12', 'a long note'],
          ['bbb', '3', ''],
        ],
        [1],
      ),
    ).toEqual(['name   n  note', 'a     12  a long note', 'bbb    3']);
  });
});
