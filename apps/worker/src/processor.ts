import { hostname } from 'node:os';
import { UnrecoverableError, type Job } from 'bullmq';
import type pg from 'pg';
import {
  findTemplate,
  PING_JOB,
  type JobParameters,
  type PingJobData,
  type PingResult,
  type RenderJobData,
} from '@streamkit/generation';
import { loadBrand } from './brand.ts';
import { asJobOwner } from './database.ts';
import { render } from './render.ts';
import { assetPath, type StorageClient } from './storage.ts';

export const WORKER_NAME = `${hostname()}:${process.pid}`;
const ASSETS_BUCKET = 'assets';

export interface ProcessorDeps {
  pool: pg.Pool;
  storage: StorageClient;
  version: string;
  log: (level: 'info' | 'warn' | 'error', message: string) => void;
}

interface StartedJob {
  brand_kit_id: string | null;
  parameters: JobParameters;
}

/** The BullMQ processor: answers pings, renders everything else. */
export function createProcessor(deps: ProcessorDeps) {
  return async (job: Job): Promise<unknown> => {
    if (job.name === PING_JOB) {
      const { nonce } = job.data as PingJobData;
      return { nonce, worker: WORKER_NAME, version: deps.version } satisfies PingResult;
    }
    return renderJob(deps, job as Job<RenderJobData>);
  };
}

async function setProgress({ pool }: ProcessorDeps, { jobId, userId }: RenderJobData, progress: number, job: Job) {
  await asJobOwner(pool, userId, (client) =>
    client.query(`update generation_jobs set progress = $2 where id = $1 and status = 'processing'`, [jobId, progress]),
  );
  await job.updateProgress(progress);
}

/**
 * queued → processing → completed. Each output is rendered, stored in the `assets` bucket under a
 * path fixed by the job (so a retry or a second worker overwrites, never duplicates), and the rows
 * are written last, in one transaction with the `completed` status.
 */
async function renderJob(deps: ProcessorDeps, job: Job<RenderJobData>): Promise<{ assets: number }> {
  const { pool, storage } = deps;
  const { jobId, userId } = job.data;
  try {
    const started = await asJobOwner(pool, userId, async (client) => {
      const { rows } = await client.query<StartedJob & { status: string }>(
        `update generation_jobs
            set status = 'processing', progress = 5, attempts = attempts + 1, started_at = coalesce(started_at, now())
          where id = $1 and status in ('queued', 'processing')
        returning brand_kit_id, parameters, status`,
        [jobId],
      );
      return rows[0];
    });
    // Deleted with its user, or already finished by an earlier delivery: nothing left to do.
    if (!started) throw new UnrecoverableError(`job ${jobId} is no longer waiting to be rendered`);
    await job.updateProgress(5);

    // Its own transaction: the attempt is on record as started even when the kit cannot be used.
    const { parameters } = started;
    const style = await asJobOwner(pool, userId, (client) => loadBrand(client, storage, started.brand_kit_id));
    const template = findTemplate(parameters.template_id);
    if (!template) throw new UnrecoverableError(`unknown template ${parameters.template_id}`);

    const stored: { path: string; assetType: string; width: number; height: number; size: number }[] = [];
    for (const [index, output] of parameters.outputs.entries()) {
      const png = await render({
        layout: template.layout,
        fields: parameters.fields,
        width: output.width,
        height: output.height,
        style,
      });
      const path = assetPath(userId, jobId, output.asset_type, output.name);
      const { error } = await storage.from(ASSETS_BUCKET).upload(path, png, { contentType: 'image/png', upsert: true });
      if (error) throw new Error(`storing ${path} in the ${ASSETS_BUCKET} bucket failed: ${error.message}`);
      stored.push({ path, assetType: output.asset_type, width: output.width, height: output.height, size: png.length });
      await setProgress(deps, job.data, 5 + Math.round((85 * (index + 1)) / parameters.outputs.length), job);
    }

    await asJobOwner(pool, userId, async (client) => {
      for (const asset of stored) {
        await client.query(
          `insert into assets (user_id, job_id, asset_type, bucket, path, width, height, mime_type, size_bytes)
           values ($1, $2, $3, $4, $5, $6, $7, 'image/png', $8)
           on conflict (bucket, path) do update set width = excluded.width, height = excluded.height, size_bytes = excluded.size_bytes`,
          [userId, jobId, asset.assetType, ASSETS_BUCKET, asset.path, asset.width, asset.height, asset.size],
        );
      }
      await client.query(
        `update generation_jobs set status = 'completed', progress = 100, error = null, finished_at = now() where id = $1`,
        [jobId],
      );
    });
    await job.updateProgress(100);
    return { assets: stored.length };
  } catch (error) {
    await recordFailure(deps, job, error as Error);
    throw error;
  }
}

/** After a failed attempt: back to `queued` while retries remain, `failed` with the reason after the last. */
async function recordFailure({ pool, log }: ProcessorDeps, job: Job<RenderJobData>, error: Error) {
  const final = error instanceof UnrecoverableError || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
  const reason = error.message.slice(0, 2000);
  log(
    final ? 'error' : 'warn',
    `job ${job.data.jobId} attempt ${job.attemptsMade + 1} failed${final ? ' for good' : ''}: ${reason}`,
  );
  await markFailed(pool, job.data, reason, final).catch((cause: Error) =>
    log('error', `job ${job.data.jobId}: cannot record the failure: ${cause.message}`),
  );
}

export async function markFailed(pool: pg.Pool, { jobId, userId }: RenderJobData, reason: string, final: boolean) {
  await asJobOwner(pool, userId, (client) =>
    client.query(
      final
        ? `update generation_jobs set status = 'failed', error = $2, finished_at = now() where id = $1 and status in ('queued', 'processing')`
        : `update generation_jobs set status = 'queued', error = $2, progress = 0 where id = $1 and status = 'processing'`,
      [jobId, reason],
    ),
  );
}
