import { applyCleanup, planCleanup } from '../src/cleanup.ts';
import { seedDemoData } from '../src/seed.ts';
import { testDataPattern } from '../src/test-data-pattern.ts';
import { describe, expect, runScript, test } from './support/environment.ts';
import { makeOtherData, makeRunData, newRunId, surviving } from './support/test-data.ts';
import { demoSnapshot } from './support/demo-snapshot.ts';

describe('cleanup-test-data', () => {
  // Boots PostgreSQL and storage under the hook timeout rather than the first test's.
  test.beforeAll(({ environment }) => void environment);

  test("--prefix deletes one run's rows and objects, and nothing of another run's", async ({ environment }) => {
    const { pool, storage } = environment;
    const [doomed, spared] = [newRunId(), newRunId()];
    const doomedData = await makeRunData(pool, storage, doomed);
    const sparedData = await makeRunData(pool, storage, spared);

    const result = await applyCleanup(pool, storage, await planCleanup(pool, storage, testDataPattern(doomed)));

    expect(await surviving(pool, storage, doomedData), `left of run ${doomed}`).toEqual([]);
    expect(await surviving(pool, storage, sparedData), `left of run ${spared}`).toHaveLength(
      sparedData.rows.length + sparedData.objects.length,
    );
    expect(result.rows, 'rows deleted per table').toEqual({
      users: 1,
      brand_kits: 1,
      generation_jobs: 1,
      logos: 1,
      assets: 1,
      auth_tokens: 1,
      coach_sessions: 1,
    });
    expect(result.objects, 'objects deleted').toBe(doomedData.objects.length);
  });

  test('by default deletes every run, leaves demo and other data intact, and is safe to run twice', async ({
    environment,
  }) => {
    const { pool, storage } = environment;
    await seedDemoData(pool, storage);
    const demoBefore = await demoSnapshot(pool, storage);
    const other = await makeOtherData(pool, storage);
    const runs = [await makeRunData(pool, storage, newRunId()), await makeRunData(pool, storage, newRunId())];

    await applyCleanup(pool, storage, await planCleanup(pool, storage, testDataPattern()));

    for (const run of runs) expect(await surviving(pool, storage, run), 'test data left').toEqual([]);
    expect(await surviving(pool, storage, other), 'other data left').toHaveLength(
      other.rows.length + other.objects.length,
    );
    expect(await demoSnapshot(pool, storage), 'demo data after the cleanup').toEqual(demoBefore);

    const again = await planCleanup(pool, storage, testDataPattern());
    expect(again, 'what a second cleanup finds').toMatchObject({ matched: [], owned: {}, objects: [] });
    expect(await applyCleanup(pool, storage, again), 'a second cleanup').toEqual({ rows: {}, objects: 0 });
  });

  test('--dry-run lists the rows and objects it would delete and deletes nothing', async ({ environment }) => {
    const { pool, storage, env } = environment;
    const runId = newRunId();
    const data = await makeRunData(pool, storage, runId);

    const { code, stdout, stderr } = await runScript('cleanup-test-data.ts', ['--dry-run', '--prefix', runId], env);

    expect({ code, stderr }, 'exit code and stderr').toEqual({ code: 0, stderr: '' });
    expect(stdout).toContain(`would delete, for run ${runId}`);
    expect(stdout).toMatch(/users \(1\)\n {4}user-.*@example\.test \/ Test User/);
    expect(stdout).toContain(
      'and what those users own: auth_tokens 1, brand_kits 1, generation_jobs 1, assets 1, coach_sessions 1, logos 1',
    );
    for (const object of data.objects) expect(stdout).toContain(`${object.bucket}/${object.path}`);
    expect(await surviving(pool, storage, data), 'data after a dry run').toHaveLength(
      data.rows.length + data.objects.length,
    );

    // The real thing, through the same entry point.
    const deleted = await runScript('cleanup-test-data.ts', ['--prefix', runId], env);
    expect(deleted.stdout).toContain(`deleted data of run ${runId}`);
    expect(await surviving(pool, storage, data), 'data after the cleanup').toEqual([]);
  });

  test('explains a run id that is not one instead of guessing', async ({ environment }) => {
    const { code, stderr } = await runScript('cleanup-test-data.ts', ['--prefix', 'E2E*'], environment.env);
    expect(code).toBe(1);
    expect(stderr).toContain('"E2E*" is not a run id');
    expect(stderr).toContain('usage: cleanup-test-data');
  });
});
