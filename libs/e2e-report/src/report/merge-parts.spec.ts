import { describe, expect, it } from 'vitest';
import type { PhaseStatus, TestStatus } from '../contract/phase-result.ts';
import { phaseResult, testResult } from '../testing.ts';
import { mergePhaseParts } from './merge-parts.ts';

const part = phaseResult;
const phase = 'e2e-smoke-api';

describe('mergePhaseParts', () => {
  it('refuses nothing to merge and parts of two phases or two runners', () => {
    expect(() => mergePhaseParts([])).toThrow(/no parts/);
    expect(() => mergePhaseParts([part({ phase }), part({ phase: 'e2e-health' })])).toThrow(
      /e2e-smoke-api \(vitest\) and e2e-health \(vitest\) cannot be merged/,
    );
    expect(() => mergePhaseParts([part({ phase }), part({ phase, runner: 'playwright' })])).toThrow(/cannot be merged/);
  });

  it('gives a single part back as it is', () => {
    const only = part({ phase, runId: 'e2e1' });
    expect(mergePhaseParts([only])).toBe(only);
  });

  it.each<[PhaseStatus[], PhaseStatus]>([
    [['passed', 'passed'], 'passed'],
    [['passed', 'failed'], 'failed'],
    [['failed', 'passed'], 'failed'],
    [['passed', 'interrupted', 'failed'], 'interrupted'],
    [['failed', 'interrupted'], 'interrupted'],
  ])('a phase whose parts are %j is %s: one red part makes the phase red', (statuses, expected) => {
    expect(mergePhaseParts(statuses.map((status) => part({ phase, status }))).status).toBe(expected);
  });

  it.each<[TestStatus, TestStatus, TestStatus]>([
    ['passed', 'failed', 'failed'],
    ['failed', 'passed', 'failed'],
    ['passed', 'flaky', 'flaky'],
    ['flaky', 'failed', 'failed'],
    ['skipped', 'passed', 'passed'],
    ['passed', 'skipped', 'passed'],
  ])('a test that is %s in one part and %s in another is %s', (a, b, expected) => {
    const merged = mergePhaseParts([
      part({ phase, tests: [testResult({ name: 'answers', status: a })] }),
      part({ phase, tests: [testResult({ name: 'answers', status: b })] }),
    ]);
    expect(merged.tests.map((t) => t.status)).toEqual([expected]);
  });

  it('keeps every distinct test once: the same name in another file is another test', () => {
    const merged = mergePhaseParts([
      part({ phase, tests: [testResult({ file: 'a.spec.ts', name: 'works' })] }),
      part({
        phase,
        tests: [testResult({ file: 'b.spec.ts', name: 'works' }), testResult({ file: 'a.spec.ts', name: 'works' })],
      }),
    ]);
    expect(merged.tests.map((t) => `${t.file} ${t.name}`)).toEqual(['a.spec.ts works', 'b.spec.ts works']);
  });

  it('spans the parts in time: earliest start, latest end, longest duration and setup', () => {
    const merged = mergePhaseParts([
      part({ phase, startedAt: '2026-11-25T10:00:05.000Z', endedAt: '2026-11-25T10:00:09.000Z', durationMs: 4000 }),
      part({
        phase,
        startedAt: '2026-11-25T10:00:01.000Z',
        endedAt: '2026-11-25T10:00:07.000Z',
        durationMs: 6000,
        setupMs: 900,
      }),
      part({
        phase,
        startedAt: '2026-11-25T10:00:03.000Z',
        endedAt: '2026-11-25T10:00:12.000Z',
        durationMs: 5000,
        setupMs: 300,
      }),
    ]);
    expect(merged).toMatchObject({
      startedAt: '2026-11-25T10:00:01.000Z',
      endedAt: '2026-11-25T10:00:12.000Z',
      durationMs: 6000,
      setupMs: 900,
    });
  });

  it('leaves out what no part has: setup time, run id, timeout, coverable, agents', () => {
    const merged = mergePhaseParts([part({ phase }), part({ phase })]);
    for (const field of ['setupMs', 'runId', 'timedOut', 'coverable', 'agents'])
      expect(merged).not.toHaveProperty(field);
  });

  it('keeps every error once, the run id of a part that has one, and every file a timeout left unstarted', () => {
    const merged = mergePhaseParts([
      part({ phase, errors: ['global setup failed'] }),
      part({
        phase,
        runId: 'e2e42',
        errors: ['global setup failed', 'worker crashed'],
        status: 'failed',
        timedOut: { limitMs: 60_000, notStarted: ['c.spec.ts', 'a.spec.ts'] },
      }),
      part({ phase, status: 'failed', timedOut: { limitMs: 60_000, notStarted: ['b.spec.ts', 'a.spec.ts'] } }),
    ]);
    expect(merged.errors).toEqual(['global setup failed', 'worker crashed']);
    expect(merged.runId).toBe('e2e42');
    expect(merged.timedOut).toEqual({ limitMs: 60_000, notStarted: ['a.spec.ts', 'b.spec.ts', 'c.spec.ts'] });
  });

  it('covers the union of what the parts could cover, each operation and page once', () => {
    const login = { method: 'POST', path: '/api/v1/auth/login', operationId: 'login' };
    const me = { method: 'GET', path: '/api/v1/auth/me', operationId: 'me' };
    const merged = mergePhaseParts([
      part({ phase, coverable: { operations: [login], pages: ['/login'] } }),
      part({ phase }),
      part({ phase, coverable: { operations: [{ ...login, operationId: 'other' }, me], pages: ['/login', '/'] } }),
    ]);
    expect(merged.coverable).toEqual({ operations: [login, me], pages: ['/login', '/'] });
  });

  it('lists operations only when a part knew them, and pages only when a part knew them', () => {
    const pagesOnly = mergePhaseParts([part({ phase, coverable: { pages: ['/'] } }), part({ phase })]);
    expect(pagesOnly.coverable).toEqual({ pages: ['/'] });
    const operationsOnly = mergePhaseParts([
      part({ phase, coverable: { operations: [{ method: 'GET', path: '/health' }] } }),
      part({ phase }),
    ]);
    expect(operationsOnly.coverable).toEqual({ operations: [{ method: 'GET', path: '/health' }] });
  });

  it('names every agent that ran a part', () => {
    const merged = mergePhaseParts([
      part({ phase, agents: [{ agent: 'shard-1', files: ['a.spec.ts'] }] }),
      part({ phase, agents: [{ agent: 'shard-2', files: ['b.spec.ts'] }] }),
    ]);
    expect(merged.agents?.map((a) => a.agent).sort()).toEqual(['shard-1', 'shard-2']);
  });
});
