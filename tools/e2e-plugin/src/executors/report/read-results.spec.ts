import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { PhaseResult } from '@streamkit/e2e-report';
import { phaseResult, testResult } from '@streamkit/e2e-report/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readPhaseResults } from './read-results.ts';

const OPERATIONS = [
  { method: 'GET', path: '/health', operationId: 'getHealth' },
  { method: 'POST', path: '/api/v1/auth/login', operationId: 'login' },
];
const file = (n: number) => `apps/e2e-smoke-api/tests/f${n}.spec.ts`;

// What one machine running the whole phase writes: four files' tests, one of them failed, one flaky.
const whole = phaseResult({
  phase: 'e2e-smoke-api',
  runId: 'e2erun1',
  startedAt: '2026-11-30T10:00:00.000Z',
  endedAt: '2026-11-30T10:00:20.000Z',
  durationMs: 20_000,
  coverable: { operations: OPERATIONS },
  tests: [
    testResult({ file: file(1), name: 'a', requests: [{ method: 'GET', path: '/health' }] }),
    testResult({ file: file(2), name: 'b', status: 'failed', error: { message: 'expected 200, got 500' } }),
    testResult({ file: file(3), name: 'c', status: 'flaky', retries: 1 }),
    testResult({ file: file(4), name: 'd', status: 'skipped' }),
  ],
});
// The same phase split in two shards by file, as `vitest --shard=i/2` splits it.
const shard = (n: number, tests: PhaseResult['tests'], startedAt: string, endedAt: string, durationMs: number) =>
  phaseResult({
    phase: 'e2e-smoke-api',
    runId: 'e2erun1',
    startedAt,
    endedAt,
    durationMs,
    coverable: { operations: OPERATIONS },
    tests,
  });
const shards = [
  shard(1, [whole.tests[0]!, whole.tests[2]!], '2026-11-30T10:00:01.000Z', '2026-11-30T10:00:09.000Z', 8_000),
  shard(2, [whole.tests[1]!, whole.tests[3]!], '2026-11-30T10:00:00.500Z', '2026-11-30T10:00:12.500Z', 12_000),
];

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'read-results-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function write(relativePath: string, result: unknown): void {
  const path = join(root, 'dist/e2e', relativePath);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, JSON.stringify(result));
}
const read = (phases: string[]) => readPhaseResults(root, join(root, 'dist/e2e'), phases);
const comparable = (r: PhaseResult | undefined) =>
  r && { phase: r.phase, status: r.status, tests: sortTests(r.tests), coverable: r.coverable };
const sortTests = (tests: PhaseResult['tests']) =>
  [...tests].sort((a, b) => `${a.file} ${a.name}`.localeCompare(`${b.file} ${b.name}`));

describe('readPhaseResults', () => {
  it('merges the shards of a phase into what the whole-phase run wrote: same tests, statuses, coverage', () => {
    write('e2e-smoke-api/shard-1/results.json', shards[0]!);
    write('e2e-smoke-api/shard-2/results.json', shards[1]!);
    const { results, unreadable } = read(['e2e-smoke-api']);
    expect(unreadable).toEqual(new Map());
    const merged = results.get('e2e-smoke-api')!;
    expect(comparable(merged)).toEqual(comparable(whole));
    // Side by side on two machines: from the first start to the last end, as long as the longest shard.
    expect(merged).toMatchObject({
      startedAt: '2026-11-30T10:00:00.500Z',
      endedAt: '2026-11-30T10:00:12.500Z',
      durationMs: 12_000,
      runId: 'e2erun1',
    });
  });

  it('counts a phase that ran whole on every shard once, with its worst record', () => {
    const health = (status: 'passed' | 'failed') =>
      phaseResult({
        phase: 'e2e-health',
        tests: [testResult({ file: 'apps/e2e-health/tests/h.spec.ts', name: 'api is up', status })],
      });
    write('e2e-health/shard-1/results.json', health('passed'));
    write('e2e-health/shard-2/results.json', health('failed'));
    write('e2e-health/shard-3/results.json', health('passed'));
    const merged = read(['e2e-health']).results.get('e2e-health')!;
    expect(merged.tests.map((t) => [t.name, t.status])).toEqual([['api is up', 'failed']]);
    expect(merged.status).toBe('failed');
  });

  it('the whole-phase file wins over parts; no file is a phase that did not run', () => {
    write('e2e-smoke-api/results.json', whole);
    write('e2e-smoke-api/shard-1/results.json', shards[0]!);
    const { results } = read(['e2e-smoke-api', 'e2e-flows-api']);
    expect(results.get('e2e-smoke-api')).toEqual(whole);
    expect(results.has('e2e-flows-api')).toBe(true);
    expect(results.get('e2e-flows-api')).toBeUndefined();
  });

  it("credits no phase with another phase's whole-phase file, and names the file", () => {
    // e2e-flows-api's results copied under e2e-smoke-api, e.g. by a wrong artifact path in CI.
    write('e2e-smoke-api/results.json', { ...whole, phase: 'e2e-flows-api' });
    write('e2e-flows-api/results.json', phaseResult({ phase: 'e2e-flows-api' }));
    const { results, unreadable } = read(['e2e-smoke-api', 'e2e-flows-api']);
    expect(results.has('e2e-smoke-api')).toBe(false);
    expect(unreadable.get('e2e-smoke-api')).toEqual([
      'dist/e2e/e2e-smoke-api/results.json holds the results of phase "e2e-flows-api", not "e2e-smoke-api"',
    ]);
    expect(results.get('e2e-flows-api')?.phase).toBe('e2e-flows-api');
    expect(unreadable.has('e2e-flows-api')).toBe(false);
  });

  it('names a file it cannot read, and a file that is not a results file, without throwing', () => {
    mkdirSync(join(root, 'dist/e2e/e2e-smoke-api/results.json'), { recursive: true }); // a folder, not a file
    write('e2e-database/results.json', { schemaVersion: 2, phase: 'e2e-database' });
    const { results, unreadable } = read(['e2e-smoke-api', 'e2e-database']);
    expect(results.size).toBe(0);
    expect(unreadable.get('e2e-smoke-api')).toEqual([
      expect.stringMatching(/^cannot read dist\/e2e\/e2e-smoke-api\/results\.json: EISDIR/),
    ]);
    expect(unreadable.get('e2e-database')![0]).toMatch(
      /^dist\/e2e\/e2e-database\/results\.json is not a valid phase result:\n {2}- runner: /,
    );
  });

  it('reads parts only one folder down, in folder order, and ignores stray files beside them', () => {
    write('e2e-smoke-api/b/results.json', shards[1]!);
    write('e2e-smoke-api/a/results.json', shards[0]!);
    write('e2e-smoke-api/a/deeper/results.json', { ...shards[0]!, phase: 'elsewhere' });
    writeFileSync(join(root, 'dist/e2e/e2e-smoke-api/notes.txt'), 'not a part');
    mkdirSync(join(root, 'dist/e2e/e2e-smoke-api/empty'));
    const { results, unreadable } = read(['e2e-smoke-api']);
    expect(unreadable.size).toBe(0);
    const merged = results.get('e2e-smoke-api')!;
    expect(merged.tests.map((t) => t.name)).toEqual(['a', 'c', 'b', 'd']);
  });

  it('names every unusable part: a broken file, another phase under this folder', () => {
    write('e2e-smoke-api/shard-1/results.json', shards[0]!);
    write('e2e-smoke-api/shard-2/results.json', { ...shards[1]!, phase: 'e2e-database' });
    mkdirSync(join(root, 'dist/e2e/e2e-smoke-api/shard-3'));
    writeFileSync(join(root, 'dist/e2e/e2e-smoke-api/shard-3/results.json'), '{ not json');
    const { results, unreadable } = read(['e2e-smoke-api']);
    expect(results.has('e2e-smoke-api')).toBe(false);
    const problems = unreadable.get('e2e-smoke-api')!;
    expect(problems).toHaveLength(2);
    expect(problems[0]).toBe(
      'dist/e2e/e2e-smoke-api/shard-2/results.json holds the results of phase "e2e-database", not "e2e-smoke-api"',
    );
    expect(problems[1]).toContain('dist/e2e/e2e-smoke-api/shard-3/results.json');
  });
});

describe("tools/scripts/merge-shard-results.sh (CI's report job)", () => {
  it('lays downloaded shard artifacts out as <phase>/shard-<i>, which the report merges', () => {
    const script = resolve(__dirname, '../../../../scripts/merge-shard-results.sh');
    const trace = { name: 'trace', path: 'dist/e2e/e2e-smoke-api/test-results/b/trace.zip' };
    const withTrace = {
      ...shards[1]!,
      tests: shards[1]!.tests.map((t) => (t.name === 'b' ? { ...t, attachments: [trace] } : t)),
    };
    [shards[0]!, withTrace].forEach((result, i) => {
      const dir = join(root, `shards/e2e-shard-${i + 1}/e2e-smoke-api`);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'results.json'), JSON.stringify(result));
      writeFileSync(join(root, `shards/e2e-shard-${i + 1}/report.json`), '{}');
    });
    execFileSync('bash', [script, join(root, 'shards'), join(root, 'dist/e2e')]);
    const merged = read(['e2e-smoke-api']).results.get('e2e-smoke-api')!;
    expect(comparable({ ...merged, tests: merged.tests.map(({ attachments: _, ...t }) => t) })).toEqual(
      comparable(whole),
    );
    expect(merged.tests.find((t) => t.name === 'b')!.attachments).toEqual([
      { name: 'trace', path: 'dist/e2e/e2e-smoke-api/shard-2/test-results/b/trace.zip' },
    ]);
  });
});
