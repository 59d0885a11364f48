import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type pg from 'pg';
import { withUserTransaction } from '../plugins/database.ts';
import { HttpError } from '../plugins/error-handler.ts';
import type { StorageClient } from '../plugins/storage.ts';
import { inspectLogo } from './logo-content.ts';
import { signLogoUrl } from './logo-urls.ts';
import { findKit } from './repository.ts';
import type { Logo, LogoType } from './schemas.ts';

export const LOGOS_BUCKET = 'logos';

interface LogoRow {
  type: LogoType;
  storage_path: string;
  mime_type: Logo['mime_type'];
  size_bytes: number;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = 'type, storage_path, mime_type, size_bytes, created_at, updated_at';

const storageUnavailable = () =>
  new HttpError(503, 'storage_unavailable', 'The file storage cannot be reached right now; try again shortly');

/** Runs a storage call; a failure is a 503 for the caller and a log line naming what failed. */
async function stored<T>(
  log: FastifyBaseLogger,
  what: string,
  call: PromiseLike<{ data: T; error: Error | null }>,
): Promise<T> {
  let result: { data: T; error: Error | null };
  try {
    result = await call;
  } catch (error) {
    log.error({ err: error }, `storage: ${what} failed`);
    throw storageUnavailable();
  }
  if (result.error) {
    log.error({ err: result.error }, `storage: ${what} failed`);
    throw storageUnavailable();
  }
  return result.data;
}

/**
 * Logos of brand kits: the row in `logos` (under the caller's identity, so RLS applies) and the
 * object in the `logos` bucket. Invariants: a row's object exists, and an object without a row is
 * removed in the same request that made it one (replace, delete, a failed upload).
 */
export class Logos {
  constructor(
    private readonly db: pg.Pool,
    private readonly storage: StorageClient,
    private readonly urlKey: Buffer,
    private readonly log: FastifyBaseLogger,
  ) {}

  private toLogo(row: LogoRow): Logo {
    const { url, expiresAt } = signLogoUrl(this.urlKey, row.storage_path);
    return {
      type: row.type,
      mime_type: row.mime_type,
      size_bytes: row.size_bytes,
      url,
      url_expires_at: expiresAt.toISOString(),
      created_at: row.created_at.toISOString(),
      updated_at: row.updated_at.toISOString(),
    };
  }

  async list(userId: string, kitId: string): Promise<Logo[]> {
    const rows = await withUserTransaction(this.db, userId, async (client) => {
      await findKit(client, kitId);
      return (
        await client.query<LogoRow>(`select ${COLUMNS} from logos where brand_kit_id = $1 order by type`, [kitId])
      ).rows;
    });
    return rows.map((row) => this.toLogo(row));
  }

  /**
   * Stores `bytes` as the kit's logo of `type`, replacing any earlier one. The new object is
   * uploaded under a fresh path first; the row then switches to it with the kit locked, so two
   * uploads to one kit queue up and each removes exactly the object it replaced.
   */
  async put(userId: string, kitId: string, type: LogoType, bytes: Buffer): Promise<{ logo: Logo; replaced: boolean }> {
    // Ownership first: someone else's kit is a 404 whatever was sent, then the content is judged.
    await withUserTransaction(this.db, userId, (client) => findKit(client, kitId));
    const format = await inspectLogo(bytes);

    const path = `${userId}/${kitId}/${type}-${randomUUID()}.${format.extension}`;
    await stored(
      this.log,
      `uploading ${LOGOS_BUCKET}/${path}`,
      this.storage.from(LOGOS_BUCKET).upload(path, bytes, { contentType: format.mimeType, upsert: false }),
    );

    let result: { row: LogoRow; previous?: string };
    try {
      result = await withUserTransaction(this.db, userId, async (client) => {
        await findKit(client, kitId, { lock: true });
        const { rows: old } = await client.query<{ storage_path: string }>(
          'select storage_path from logos where brand_kit_id = $1 and type = $2',
          [kitId, type],
        );
        const { rows } = await client.query<LogoRow>(
          `insert into logos (brand_kit_id, type, storage_path, mime_type, size_bytes) values ($1, $2, $3, $4, $5)
           on conflict (brand_kit_id, type) do update
             set storage_path = excluded.storage_path, mime_type = excluded.mime_type, size_bytes = excluded.size_bytes
           returning ${COLUMNS}`,
          [kitId, type, path, format.mimeType, bytes.length],
        );
        return { row: rows[0]!, previous: old[0]?.storage_path };
      });
    } catch (error) {
      await this.removeQuietly(path);
      throw error;
    }
    if (result.previous) await this.removeQuietly(result.previous);
    return { logo: this.toLogo(result.row), replaced: result.previous !== undefined };
  }

  /** Deletes the kit's logo of `type` and its object; the row goes only if the object did. */
  async delete(userId: string, kitId: string, type: LogoType): Promise<void> {
    await withUserTransaction(this.db, userId, async (client) => {
      await findKit(client, kitId, { lock: true });
      const { rows } = await client.query<{ storage_path: string }>(
        'delete from logos where brand_kit_id = $1 and type = $2 returning storage_path',
        [kitId, type],
      );
      if (!rows[0]) throw new HttpError(404, 'not_found', `This brand kit has no ${type} logo`);
      await this.remove([rows[0].storage_path]);
    });
  }

  /** Inside the transaction that deletes a kit: removes its logos' objects (the rows cascade). */
  async removeAllOf(client: pg.PoolClient, kitId: string): Promise<void> {
    const { rows } = await client.query<{ storage_path: string }>(
      'select storage_path from logos where brand_kit_id = $1',
      [kitId],
    );
    if (rows.length > 0) await this.remove(rows.map((row) => row.storage_path));
  }

  /** The bytes and type of a stored logo, or undefined when the object is gone. */
  async download(path: string): Promise<{ bytes: Buffer; contentType: string } | undefined> {
    const { data, error } = await this.storage.from(LOGOS_BUCKET).download(path);
    if (error) {
      const status =
        (error as { status?: number; statusCode?: string | number }).status ??
        Number((error as { statusCode?: string }).statusCode);
      if (status === 404 || status === 400) return undefined;
      this.log.error({ err: error }, `storage: downloading ${LOGOS_BUCKET}/${path} failed`);
      throw storageUnavailable();
    }
    return { bytes: Buffer.from(await data.arrayBuffer()), contentType: data.type };
  }

  private async remove(paths: string[]): Promise<void> {
    await stored(
      this.log,
      `removing ${paths.join(', ')} from ${LOGOS_BUCKET}`,
      this.storage.from(LOGOS_BUCKET).remove(paths),
    );
  }

  /** After the row no longer points at it: a failure leaves an orphan, logged by path for clean-up. */
  private async removeQuietly(path: string): Promise<void> {
    await this.remove([path]).catch((error: unknown) =>
      this.log.error({ err: error, orphan: `${LOGOS_BUCKET}/${path}` }, 'an unreferenced logo object was left behind'),
    );
  }
}
