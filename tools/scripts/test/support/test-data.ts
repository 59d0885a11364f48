import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { newRunId as contractRunId } from '@streamkit/e2e-contract';
import { runId as fixturesRunId, uniqueName } from '@streamkit/e2e-fixtures';
import type { StorageClient } from '@streamkit/e2e-fixtures/storage';
import type { ObjectRef } from '../../src/storage-objects.ts';

/** A fresh run id, the contract's with a random tail: two made in one millisecond still differ. */
export const newRunId = () => `${contractRunId()}${randomBytes(2).toString('hex')}`;

/** `uniqueName` exactly as the fixtures make it, but for `runId` instead of this process's run. */
export const nameIn = (runId: string, prefix: string) => uniqueName(prefix).replace(fixturesRunId, runId);

export interface MadeData {
  rows: { table: string; id: string }[];
  objects: ObjectRef[];
}

async function insert(pool: pg.Pool, table: string, values: Record<string, unknown>): Promise<string> {
  const columns = Object.keys(values);
  const { rows } = await pool.query<{ id: string }>(
    `insert into public.${table} (${columns.join(', ')}) values (${columns.map((_, i) => `$${i + 1}`).join(', ')}) returning id`,
    Object.values(values),
  );
  return rows[0]!.id;
}

async function upload(storage: StorageClient, ref: ObjectRef): Promise<ObjectRef> {
  const { error } = await storage
    .from(ref.bucket)
    .upload(ref.path, `made by a test: ${ref.path}`, { contentType: 'text/plain' });
  if (error) throw new Error(`upload ${ref.bucket}/${ref.path}: ${error.message}`);
  return ref;
}

/**
 * What a test run leaves behind: a user who owns one row of every table, objects stored under
 * ids as the API stores them, and objects under test-named folders as the phases make them.
 */
export async function makeRunData(pool: pg.Pool, storage: StorageClient, runId: string): Promise<MadeData> {
  const userId = await insert(pool, 'users', {
    email: `${nameIn(runId, 'user')}@example.test`,
    display_name: 'Test User',
  });
  const kitId = await insert(pool, 'brand_kits', { user_id: userId, name: nameIn(runId, 'kit') });
  const jobId = await insert(pool, 'generation_jobs', {
    user_id: userId,
    brand_kit_id: kitId,
    asset_type: 'thumbnail',
  });
  const assetPath = `${userId}/${jobId}/thumbnail.png`;
  // As the API stores logos; the second object has no row (a logo whose row went without it).
  const logoPath = `${userId}/${kitId}/primary-${randomBytes(4).toString('hex')}.png`;
  const orphanLogoPath = `${userId}/${kitId}/icon-${randomBytes(4).toString('hex')}.png`;
  const rows = [
    { table: 'users', id: userId },
    { table: 'brand_kits', id: kitId },
    { table: 'generation_jobs', id: jobId },
    {
      table: 'logos',
      id: await insert(pool, 'logos', {
        brand_kit_id: kitId,
        type: 'primary',
        storage_path: logoPath,
        mime_type: 'image/png',
        size_bytes: 10,
      }),
    },
    {
      table: 'assets',
      id: await insert(pool, 'assets', {
        user_id: userId,
        job_id: jobId,
        bucket: 'assets',
        path: assetPath,
        width: 1,
        height: 1,
        mime_type: 'image/png',
        size_bytes: 10,
      }),
    },
    {
      table: 'auth_tokens',
      id: await insert(pool, 'auth_tokens', {
        user_id: userId,
        kind: 'password_reset',
        token_hash: nameIn(runId, 'token'),
        expires_at: new Date(Date.now() + 3_600_000),
      }),
    },
    { table: 'coach_sessions', id: await insert(pool, 'coach_sessions', { user_id: userId }) },
  ];
  const objects = await Promise.all([
    upload(storage, { bucket: 'assets', path: assetPath }),
    upload(storage, { bucket: 'logos', path: logoPath }),
    upload(storage, { bucket: 'logos', path: orphanLogoPath }),
    upload(storage, { bucket: 'uploads', path: `${nameIn(runId, 'health')}/blob.bin` }),
    upload(storage, { bucket: 'uploads', path: `${nameIn(runId, 'flow')}/deep/er/file.txt` }),
    upload(storage, { bucket: 'brand-assets', path: `${nameIn(runId, 'root')}.txt` }),
  ]);
  return { rows, objects };
}

/**
 * Data no cleanup may touch: a real user whose names only resemble test names, and objects whose
 * paths do too.
 */
export async function makeOtherData(pool: pg.Pool, storage: StorageClient): Promise<MadeData> {
  const suffix = randomBytes(4).toString('hex');
  const userId = await insert(pool, 'users', {
    email: `someone-e2e-${suffix}@example.com`,
    display_name: 'e2eabc-w1-notatest',
  });
  const kitId = await insert(pool, 'brand_kits', { user_id: userId, name: `kit-e2e1-w1-zzzzzzzz-${suffix}` });
  const objects = await Promise.all([
    upload(storage, { bucket: 'uploads', path: `e2e-notes-${suffix}/readme.txt` }),
    upload(storage, { bucket: 'uploads', path: `keep-e2e1x-w1-zzzzzzzz-${suffix}/x.txt` }),
    upload(storage, { bucket: 'assets', path: `${userId}/kept.png` }),
  ]);
  return {
    rows: [
      { table: 'users', id: userId },
      { table: 'brand_kits', id: kitId },
    ],
    objects,
  };
}

/** Which of `data`'s rows and objects still exist, as `table:id` and `bucket/path`. */
export async function surviving(pool: pg.Pool, storage: StorageClient, data: MadeData): Promise<string[]> {
  const left: string[] = [];
  for (const { table, id } of data.rows) {
    const { rowCount } = await pool.query(`select 1 from public.${table} where id = $1`, [id]);
    if (rowCount) left.push(`${table}:${id}`);
  }
  for (const { bucket, path } of data.objects) {
    const { data: exists, error } = await storage.from(bucket).exists(path);
    if (error && !/not found/i.test(error.message)) throw error;
    if (exists) left.push(`${bucket}/${path}`);
  }
  return left;
}
