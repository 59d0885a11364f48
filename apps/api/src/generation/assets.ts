import type { FastifyInstance } from 'fastify';
import { withTransaction, withUserTransaction } from '../plugins/database.ts';
import { HttpError } from '../plugins/error-handler.ts';
import type { AssetView } from './schemas.ts';

interface AssetRow {
  id: string;
  job_id: string | null;
  asset_type: string | null;
  bucket: string;
  path: string;
  width: number;
  height: number;
  mime_type: string;
  size_bytes: number;
  is_public: boolean;
  created_at: Date;
}

const COLUMNS = 'id, job_id, asset_type, bucket, path, width, height, mime_type, size_bytes, is_public, created_at';
export const ASSET_PREFIX = '/api/v1';

export function toAssetView(row: AssetRow): AssetView {
  return {
    id: row.id,
    job_id: row.job_id,
    asset_type: row.asset_type,
    width: row.width,
    height: row.height,
    mime_type: row.mime_type,
    size_bytes: row.size_bytes,
    is_public: row.is_public,
    created_at: row.created_at.toISOString(),
    content_url: `${ASSET_PREFIX}/assets/${row.id}`,
    public_url: row.is_public ? `${ASSET_PREFIX}/asset/${row.id}` : null,
  };
}

const notFound = () => new HttpError(404, 'asset_not_found', 'No asset with this id');

export async function listAssets(
  app: FastifyInstance,
  userId: string,
  { limit, offset }: { limit: number; offset: number },
) {
  return withUserTransaction(app.db, userId, async (client) => {
    // RLS also shows other users' public assets; the library is the caller's own.
    const { rows } = await client.query<AssetRow>(
      `select ${COLUMNS} from assets where user_id = $1 order by created_at desc, id limit $2 offset $3`,
      [userId, limit, offset],
    );
    const counted = await client.query<{ n: string }>('select count(*) as n from assets where user_id = $1', [userId]);
    return { items: rows.map(toAssetView), total: Number(counted.rows[0]!.n), limit, offset };
  });
}

export async function jobAssets(app: FastifyInstance, userId: string, jobId: string): Promise<AssetView[]> {
  return withUserTransaction(app.db, userId, async (client) => {
    const job = await client.query('select 1 from generation_jobs where id = $1', [jobId]);
    if (job.rowCount === 0) throw new HttpError(404, 'job_not_found', 'No generation job with this id');
    const { rows } = await client.query<AssetRow>(
      `select ${COLUMNS} from assets where job_id = $1 and user_id = $2 order by width desc, height desc, path`,
      [jobId, userId],
    );
    return rows.map(toAssetView);
  });
}

async function ownAsset(app: FastifyInstance, userId: string, id: string): Promise<AssetRow> {
  const { rows } = await withUserTransaction(app.db, userId, (client) =>
    client.query<AssetRow>(`select ${COLUMNS} from assets where id = $1 and user_id = $2`, [id, userId]),
  );
  if (!rows[0]) throw notFound();
  return rows[0];
}

/** The stored bytes of an asset, from object storage. */
async function download(app: FastifyInstance, row: AssetRow): Promise<Buffer> {
  const { data, error } = await app.storage.from(row.bucket).download(row.path);
  if (error || !data) {
    app.log.error({ err: error, bucket: row.bucket, path: row.path }, 'cannot read an asset from storage');
    throw new HttpError(503, 'storage_unavailable', 'The image cannot be read right now; try again shortly');
  }
  return Buffer.from(await data.arrayBuffer());
}

export async function ownAssetContent(app: FastifyInstance, userId: string, id: string) {
  const row = await ownAsset(app, userId, id);
  return { row, bytes: await download(app, row) };
}

/** A public asset, looked up as `anon` would (RLS: only public rows); unknown and private are alike. */
export async function publicAssetContent(app: FastifyInstance, id: string) {
  const { rows } = await withTransaction(app.db, async (client) => {
    await client.query("select set_config('role', 'anon', true)");
    return client.query<AssetRow>(`select ${COLUMNS} from assets where id = $1 and is_public`, [id]);
  });
  if (!rows[0]) throw notFound();
  return { row: rows[0], bytes: await download(app, rows[0]) };
}

export async function setVisibility(
  app: FastifyInstance,
  userId: string,
  id: string,
  isPublic: boolean,
): Promise<AssetView> {
  const { rows } = await withUserTransaction(app.db, userId, (client) =>
    client.query<AssetRow>(`update assets set is_public = $3 where id = $1 and user_id = $2 returning ${COLUMNS}`, [
      id,
      userId,
      isPublic,
    ]),
  );
  if (!rows[0]) throw notFound();
  return toAssetView(rows[0]);
}

/** Deletes the row and its object together: the object goes first, inside the row's transaction. */
export async function deleteAsset(app: FastifyInstance, userId: string, id: string): Promise<void> {
  await withUserTransaction(app.db, userId, async (client) => {
    const { rows } = await client.query<AssetRow>(
      `delete from assets where id = $1 and user_id = $2 returning ${COLUMNS}`,
      [id, userId],
    );
    if (!rows[0]) throw notFound();
    const { error } = await app.storage.from(rows[0].bucket).remove([rows[0].path]);
    if (error) {
      app.log.error({ err: error, path: rows[0].path }, 'cannot remove an asset object');
      throw new HttpError(503, 'storage_unavailable', 'The image cannot be removed right now; nothing was deleted');
    }
  });
}
