import { inject } from 'vitest';
import { pollUntil } from '@streamkit/e2e-fixtures';
import { describe, expect, test } from '@streamkit/e2e-fixtures/vitest';
import { imageInfo } from './support/png.ts';

const WORKER_APP = /^streamkit-worker:(\d+)$/;
// Killing a process needs it on this machine: only the local stack's worker is.
const local = inject('target').kind === 'local';

describe('worker recovery', () => {
  /*
   * How the test catches the worker mid-job without sleeping or slowing the worker down: it holds
   * the job owner's row FOR UPDATE. The worker renders and stores the image, then blocks writing
   * the asset row (its foreign key to users needs a KEY SHARE lock on that row). PostgreSQL then
   * says which backend waits for the test's lock, and the worker's application_name says which
   * process it is. The stack runs the worker under supervision: a worker that dies is replaced,
   * and the replacement takes up the stalled job once the dead one's lock has expired.
   */
  test.skipIf(!local)(
    'a worker killed in the middle of a job: the job is taken up again and completes',
    { timeout: 40_000 },
    async ({ db, user, generation }) => {
      const lock = await db.connect();
      try {
        const lockPid = (await lock.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid;
        let job;
        let workerPid: number | undefined;
        // The worker could, in theory, finish before the lock is taken: then try again with a new job.
        for (let attempt = 1; attempt <= 3 && workerPid === undefined; attempt++) {
          await lock.query('begin');
          job = await generation.create(user, {
            template_id: 'headline',
            asset_type: 'twitch_offline_banner',
            fields: { title: 'Recovery' },
          });
          await lock.query('select 1 from users where id = $1 for update', [user.id]);
          const {
            rows: [row],
          } = await lock.query<{ status: string }>('select status from generation_jobs where id = $1', [job.id]);
          if (row!.status === 'completed') {
            await lock.query('rollback');
            continue;
          }
          const blocked = await pollUntil(
            `the worker to block on the lock in the middle of job ${job.id}`,
            async () => {
              // From another connection: inside a transaction, pg_stat_activity keeps its first snapshot.
              const { rows } = await db.query<{ application_name: string }>(
                'select application_name from pg_stat_activity where $1 = any(pg_blocking_pids(pid))',
                [lockPid],
              );
              const pid = rows.map((r) => WORKER_APP.exec(r.application_name)?.[1]).find(Boolean);
              if (pid) return pid;
              const {
                rows: [now],
              } = await db.query('select status, progress, attempts from generation_jobs where id = $1', [job!.id]);
              const { rows: workers } = await db.query(
                `select pid, application_name, wait_event_type, wait_event, pg_blocking_pids(pid) as blocked_by, state, left(query, 100) as query
               from pg_stat_activity where application_name like 'streamkit-worker%' and state <> 'idle'`,
              );
              throw new Error(
                `no worker waits for the lock (pid ${lockPid}); the job is ${JSON.stringify(now)}; busy worker connections: ${JSON.stringify(workers)}`,
              );
            },
            { timeoutMs: 20_000, intervalMs: 25 },
          );
          workerPid = Number(blocked);
        }
        expect(workerPid, 'the worker was caught mid-job').toBeDefined();

        const {
          rows: [midJob],
        } = await db.query('select status, progress, attempts from generation_jobs where id = $1', [job!.id]);
        expect(midJob, 'mid-job: started, images stored, rows not yet written').toMatchObject({
          status: 'processing',
          attempts: 1,
        });
        expect(midJob.progress).toBeGreaterThan(0);
        expect(midJob.progress).toBeLessThan(100);

        process.kill(workerPid!, 'SIGKILL');
        await pollUntil(
          `worker ${workerPid} to be gone`,
          async () => {
            try {
              process.kill(workerPid!, 0);
              return false;
            } catch {
              return true;
            }
          },
          { timeoutMs: 5000 },
        );
        await lock.query('rollback');

        const { job: done } = await generation.waitFor(user, job!.id, { timeoutMs: 30_000, intervalMs: 200 });
        expect(done, `the job ended ${done.status}: ${done.error}`).toMatchObject({
          status: 'completed',
          progress: 100,
          attempts: 2,
        });
        const assets = await generation.assets(user, done.id);
        expect(assets, 'one asset, not one per attempt').toHaveLength(1);
        expect(await imageInfo(await generation.download(user, assets[0]!.id))).toEqual({
          format: 'png',
          width: 1920,
          height: 1080,
        });
      } finally {
        await lock.query('rollback').catch(() => undefined);
        lock.release();
      }
    },
  );
});
