import { join } from 'node:path';
import { ServiceProcess } from '../process.ts';
import type { StackContext } from '../context.ts';

const READY = /worker ready: .*/;

/**
 * Stalled-job timing for the stack: a worker that dies mid-job loses its lock after 8 s, and the
 * next stalled-job check (every 2 s) hands the job to a live worker. Production keeps BullMQ's
 * 30 s; these only make the recovery quick enough to test.
 */
export const WORKER_TIMING = { WORKER_LOCK_DURATION_MS: '8000', WORKER_STALLED_INTERVAL_MS: '2000' };

/**
 * Starts the generation worker (apps/worker) and keeps it running like a process supervisor
 * would: a worker that dies (crashed, or killed mid-job by the flows test) is started again, and the jobs it held are taken up by the new one. Each one is tracked,
 * so the stack stops (and the leftover-killer finds) whichever is current. Resolves once the
 * first one consumes.
 */
export async function startWorker(ctx: StackContext, env: Record<string, string>): Promise<void> {
  const spawnWorker = (restart: boolean) =>
    ctx.track(
      new ServiceProcess('worker', process.execPath, ['--import', 'tsx', join(ctx.root, 'apps/worker/src/main.ts')], {
        cwd: ctx.root,
        env: { ...process.env, ...WORKER_TIMING, ...env },
        logDir: ctx.logDir,
        appendLog: restart,
      }),
    );

  // Only a worker that came up and then died is replaced: one that cannot start would only crash
  // again, and one that exited 0 was asked to stop (Nx signals the whole process tree at the end).
  const supervise = (worker: ServiceProcess) => {
    void worker.exited.then((code) => {
      if (worker.stopRequested || code === 0) return;
      console.warn(`stack: the worker exited (${code ?? worker.child.signalCode}); starting another`);
      const next = spawnWorker(true);
      next.waitForOutput(READY).then(
        () => supervise(next),
        (error: Error) => console.error(`stack: the restarted worker did not come up: ${error.message}`),
      );
    });
  };

  const first = spawnWorker(false);
  await first.waitForOutput(READY);
  supervise(first);
}
