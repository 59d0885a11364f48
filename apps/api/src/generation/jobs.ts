import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import {
  findTemplate,
  RENDER_JOB,
  RENDER_JOB_OPTIONS,
  type JobOutput,
  type JobParameters,
  type RenderJobData,
} from '@streamkit/generation';
import { withServiceTransaction, withUserTransaction } from '../plugins/database.ts';
import { HttpError } from '../plugins/error-handler.ts';
import type { JobView } from './schemas.ts';
import { usageLimitError } from './usage.ts';

export interface NewJob {
  /** What the job row records as its asset type: one type, or `pack:<id>`. */
  assetType: string;
  templateId: string;
  fields: Record<string, string>;
  brandKitId?: string;
  packId?: string;
  outputs: JobOutput[];
}

interface JobRow {
  id: string;
  status: JobView['status'];
  progress: number;
  attempts: number;
  asset_type: string;
  brand_kit_id: string | null;
  parameters: JobParameters;
  error: string | null;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
}

export const JOB_COLUMNS =
  'id, status, progress, attempts, asset_type, brand_kit_id, parameters, error, created_at, started_at, finished_at';

export function toJobView(row: JobRow): JobView {
  const { parameters } = row;
  return {
    id: row.id,
    status: row.status,
    progress: row.progress,
    attempts: row.attempts,
    asset_type: row.asset_type,
    template_id: parameters.template_id,
    template_version: parameters.template_version,
    fields: parameters.fields,
    pack_id: parameters.pack_id ?? null,
    brand_kit_id: row.brand_kit_id,
    outputs: parameters.outputs,
    error: row.error,
    created_at: row.created_at.toISOString(),
    started_at: row.started_at?.toISOString() ?? null,
    finished_at: row.finished_at?.toISOString() ?? null,
  };
}

const QUEUE_TIMEOUT_MS = 3000;

function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Counts the generation against the caller's monthly limit and records the job, in one
 * transaction, then queues it. Past the limit nothing is written and nothing is queued (429).
 * The usage row lock (inside increment_user_usage) serializes one user's concurrent requests,
 * so parallel requests cannot exceed the limit together.
 */
export async function createJob(app: FastifyInstance, userId: string, request: NewJob): Promise<JobView> {
  const template = findTemplate(request.templateId)!;
  const parameters: JobParameters = {
    template_id: template.id,
    template_version: template.version,
    fields: request.fields,
    ...(request.packId ? { pack_id: request.packId } : {}),
    outputs: request.outputs.map(({ assetType, name, width, height }) => ({
      asset_type: assetType,
      name,
      width,
      height,
    })),
  };

  const row = await withUserTransaction(app.db, userId, async (client) => {
    if (request.brandKitId) {
      // Under RLS another user's kit is not found either: the same 404 as for a kit that never existed.
      const kit = await client.query('select 1 from brand_kits where id = $1', [request.brandKitId]);
      if (kit.rowCount === 0) throw new HttpError(404, 'brand_kit_not_found', 'No brand kit with this id');
    }
    await countUsage(client, userId);
    const { rows } = await client.query<JobRow>(
      `insert into generation_jobs (user_id, brand_kit_id, asset_type, parameters)
       values ($1, $2, $3, $4) returning ${JOB_COLUMNS}`,
      [userId, request.brandKitId ?? null, request.assetType, parameters],
    );
    return rows[0]!;
  });

  try {
    const data: RenderJobData = { jobId: row.id, userId };
    await withTimeout(
      app.generationQueue.get().add(RENDER_JOB, data, { ...RENDER_JOB_OPTIONS, jobId: row.id }),
      QUEUE_TIMEOUT_MS,
      'the queue',
    );
  } catch (error) {
    app.log.error({ err: error, jobId: row.id }, 'cannot queue a generation job');
    await giveBack(app.db, userId, row.id).catch((cause) =>
      app.log.error({ err: cause }, 'cannot undo an unqueued job'),
    );
    throw new HttpError(
      503,
      'queue_unavailable',
      'The generation queue is unavailable; nothing was charged, try again shortly',
    );
  }
  return toJobView(row);
}

/**
 * increment_user_usage is the service's to call (only service_role may execute it: a user must
 * not move their own counter), so this one statement runs as service_role inside the caller's
 * transaction, then the transaction goes back to the caller's identity.
 */
async function countUsage(client: pg.PoolClient, userId: string) {
  await client.query("select set_config('role', 'service_role', true)");
  try {
    await client.query('select public.increment_user_usage($1, 1)', [userId]);
  } catch (error) {
    const limit = usageLimitError(error);
    if (limit) throw limit;
    throw error;
  }
  await client.query("select set_config('role', 'authenticated', true)");
}

/**
 * A job that could not be queued: failed with the reason, and the generation given back. A
 * privileged path (service_role): usage_count is the service's column, the caller may not write it.
 */
async function giveBack(db: pg.Pool, userId: string, jobId: string) {
  await withServiceTransaction(db, (client) =>
    client.query(
      `with job as (
       update generation_jobs set status = 'failed', error = 'could not be queued', finished_at = now()
        where id = $1 and user_id = $2 returning user_id)
     update users set usage_count = greatest(usage_count - 1, 0) where id = (select user_id from job)`,
      [jobId, userId],
    ),
  );
}

export async function listJobs(
  app: FastifyInstance,
  userId: string,
  query: { status?: string; limit: number; offset: number },
) {
  return withUserTransaction(app.db, userId, async (client) => {
    const { rows } = await client.query<JobRow & { total: string }>(
      `select ${JOB_COLUMNS}, count(*) over () as total from generation_jobs
        where ($1::text is null or status = $1)
        order by created_at desc, id limit $2 offset $3`,
      [query.status ?? null, query.limit, query.offset],
    );
    let total = Number(rows[0]?.total ?? 0);
    if (rows.length === 0 && query.offset > 0) {
      const counted = await client.query<{ n: string }>(
        'select count(*) as n from generation_jobs where ($1::text is null or status = $1)',
        [query.status ?? null],
      );
      total = Number(counted.rows[0]!.n);
    }
    return { items: rows.map(toJobView), total, limit: query.limit, offset: query.offset };
  });
}

export async function findJob(app: FastifyInstance, userId: string, jobId: string): Promise<JobView> {
  const { rows } = await withUserTransaction(app.db, userId, (client) =>
    client.query<JobRow>(`select ${JOB_COLUMNS} from generation_jobs where id = $1`, [jobId]),
  );
  if (!rows[0]) throw new HttpError(404, 'job_not_found', 'No generation job with this id');
  return toJobView(rows[0]);
}
