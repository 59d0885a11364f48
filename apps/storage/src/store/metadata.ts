import fp from 'fastify-plugin';
import pg from 'pg';
import type { BucketSeed } from '../config.ts';
import { errors } from '../errors.ts';
import { migrate } from '../migrate.ts';

export interface Bucket {
  id: string;
  name: string;
  public: boolean;
  file_size_limit: number | null;
  allowed_mime_types: string[] | null;
  created_at: Date;
  updated_at: Date;
}

export type BucketPatch = Partial<Pick<Bucket, 'public' | 'file_size_limit' | 'allowed_mime_types'>>;

/** The `metadata` column, shaped like Supabase's (storage-js types it as `FileMetadata`). */
export interface ObjectMetadata {
  eTag: string;
  size: number;
  mimetype: string;
  cacheControl: string;
  lastModified: string;
  contentLength: number;
  httpStatusCode: number;
}

export interface StoredObject {
  id: string;
  bucket_id: string;
  name: string;
  version: string;
  metadata: ObjectMetadata;
  user_metadata: Record<string, unknown> | null;
  created_at: Date;
  updated_at: Date;
  last_accessed_at: Date;
}

export type NewObject = Pick<StoredObject, 'bucket_id' | 'name' | 'version' | 'metadata' | 'user_metadata'>;

/** A `list` entry: a file directly under the prefix, or a folder (every field but `name` null). */
export type ListEntry = Pick<StoredObject, 'name' | 'metadata' | 'created_at' | 'updated_at' | 'last_accessed_at'> & {
  id: string | null;
};

export interface ListOptions {
  prefix: string;
  search: string;
  limit: number;
  offset: number;
  sortColumn: 'name' | 'created_at' | 'updated_at' | 'last_accessed_at';
  sortOrder: 'asc' | 'desc';
}

export interface ListV2Options {
  prefix: string;
  limit: number;
  /** The last key of the previous page (`nextCursor`, decoded). */
  after: string | undefined;
  withDelimiter: boolean;
  sortOrder: 'asc' | 'desc';
}

/** A `list-v2` entry: an object, or (with the delimiter) a folder whose key ends with `/` and whose id is null. */
export type ListV2Entry = Pick<StoredObject, 'metadata' | 'created_at' | 'updated_at' | 'last_accessed_at'> & {
  key: string;
  id: string | null;
};

export interface BucketListOptions {
  limit?: number;
  offset?: number;
  search?: string;
  sortColumn: 'id' | 'name' | 'created_at' | 'updated_at';
  sortOrder: 'asc' | 'desc';
}

const BUCKET_COLUMNS =
  'id, name, public, file_size_limit::float8 AS file_size_limit, allowed_mime_types, created_at, updated_at';
const OBJECT_COLUMNS =
  'id, bucket_id, name, version, metadata, user_metadata, created_at, updated_at, last_accessed_at';

const escapeLike = (value: string) => value.replace(/[\\%_]/g, '\\$&');
/** Byte order, so listings sort the same whatever the database's collation. */
const orderBy = (column: string, order: 'asc' | 'desc') =>
  `${['id', 'name'].includes(column) ? `${column} COLLATE "C"` : column} ${order}`;

const violates = (error: unknown, code: string) => (error as { code?: string }).code === code;
const UNIQUE_VIOLATION = '23505';
const FOREIGN_KEY_VIOLATION = '23503';

/** Bucket and object rows in schema `storage`. Known constraint failures become `StorageError`s. */
export class MetadataStore {
  constructor(private readonly pool: pg.Pool) {}

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  async listBuckets(options: BucketListOptions): Promise<Bucket[]> {
    const search = options.search ? `%${escapeLike(options.search)}%` : null;
    const { rows } = await this.pool.query<Bucket>(
      `SELECT ${BUCKET_COLUMNS} FROM storage.buckets
       WHERE $1::text IS NULL OR name ILIKE $1
       ORDER BY ${orderBy(options.sortColumn, options.sortOrder)}, id COLLATE "C"
       LIMIT $2 OFFSET $3`,
      [search, options.limit ?? null, options.offset ?? 0],
    );
    return rows;
  }

  async getBucket(id: string): Promise<Bucket | null> {
    const { rows } = await this.pool.query<Bucket>(`SELECT ${BUCKET_COLUMNS} FROM storage.buckets WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  async createBucket(bucket: Omit<Bucket, 'created_at' | 'updated_at'>): Promise<void> {
    try {
      await this.pool.query(
        `INSERT INTO storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
         VALUES ($1, $2, $3, $4, $5)`,
        [bucket.id, bucket.name, bucket.public, bucket.file_size_limit, bucket.allowed_mime_types],
      );
    } catch (error) {
      if (violates(error, UNIQUE_VIOLATION)) throw errors.bucketAlreadyExists();
      throw error;
    }
  }

  /** Creates the configured buckets that do not exist yet; existing ones keep their settings. */
  async ensureBuckets(seeds: readonly BucketSeed[]): Promise<void> {
    if (seeds.length === 0) return;
    await this.pool.query(
      `INSERT INTO storage.buckets (id, name, public)
       SELECT id, id, public FROM unnest($1::text[], $2::boolean[]) AS seed (id, public)
       ON CONFLICT DO NOTHING`,
      [seeds.map((seed) => seed.id), seeds.map((seed) => seed.public)],
    );
  }

  /** Sets the fields present in `patch` (null clears a limit); false when there is no such bucket. */
  async updateBucket(id: string, patch: BucketPatch): Promise<boolean> {
    const columns = (['public', 'file_size_limit', 'allowed_mime_types'] as const).filter(
      (column) => patch[column] !== undefined,
    );
    const assignments = columns.map((column, index) => `${column} = $${index + 2}`);
    const { rowCount } = await this.pool.query(
      `UPDATE storage.buckets SET ${[...assignments, 'updated_at = now()'].join(', ')} WHERE id = $1`,
      [id, ...columns.map((column) => patch[column])],
    );
    return rowCount === 1;
  }

  async deleteBucket(id: string): Promise<void> {
    try {
      const { rowCount } = await this.pool.query('DELETE FROM storage.buckets WHERE id = $1', [id]);
      if (rowCount === 0) throw errors.noSuchBucket();
    } catch (error) {
      if (violates(error, FOREIGN_KEY_VIOLATION)) throw errors.bucketNotEmpty();
      throw error;
    }
  }

  /** Deletes every object row of the bucket and returns the blob versions to remove. */
  async emptyBucket(id: string): Promise<string[]> {
    const { rows } = await this.pool.query<{ version: string }>(
      'DELETE FROM storage.objects WHERE bucket_id = $1 RETURNING version',
      [id],
    );
    return rows.map((row) => row.version);
  }

  async findObject(bucketId: string, name: string): Promise<StoredObject | null> {
    const { rows } = await this.pool.query<StoredObject>(
      `SELECT ${OBJECT_COLUMNS} FROM storage.objects WHERE bucket_id = $1 AND name = $2`,
      [bucketId, name],
    );
    return rows[0] ?? null;
  }

  /** Inserts a new object; 409 when the name is taken, 404 when the bucket went away. */
  async insertObject(object: NewObject): Promise<string> {
    const id = await this.insertRow(object, '');
    if (id === null) throw errors.keyAlreadyExists();
    return id;
  }

  private async insertRow(object: NewObject, onConflict: '' | 'ON CONFLICT (bucket_id, name) DO NOTHING') {
    try {
      const { rows } = await this.pool.query<{ id: string }>(
        `INSERT INTO storage.objects (bucket_id, name, version, metadata, user_metadata)
         VALUES ($1, $2, $3, $4, $5) ${onConflict} RETURNING id`,
        [object.bucket_id, object.name, object.version, object.metadata, object.user_metadata],
      );
      return rows[0]?.id ?? null;
    } catch (error) {
      if (violates(error, UNIQUE_VIOLATION)) return null;
      if (violates(error, FOREIGN_KEY_VIOLATION)) throw errors.noSuchBucket();
      throw error;
    }
  }

  /**
   * Points an existing object at a new blob version and returns the version it replaced (whose blob
   * the caller deletes), or null when there is no such object. The row lock makes concurrent
   * replacements queue, so each one learns exactly the version it displaced.
   */
  async replaceObject(object: NewObject): Promise<{ id: string; oldVersion: string } | null> {
    const { rows } = await this.pool.query<{ id: string; old_version: string }>(
      `UPDATE storage.objects AS target
       SET version = $3, metadata = $4, user_metadata = $5, updated_at = now()
       FROM (SELECT id, version FROM storage.objects WHERE bucket_id = $1 AND name = $2 FOR UPDATE) AS old
       WHERE target.id = old.id
       RETURNING target.id, old.version AS old_version`,
      [object.bucket_id, object.name, object.version, object.metadata, object.user_metadata],
    );
    const row = rows[0];
    return row ? { id: row.id, oldVersion: row.old_version } : null;
  }

  /** Inserts or replaces; retries when a concurrent delete slips between the two steps. */
  async upsertObject(object: NewObject): Promise<{ id: string; oldVersion: string | null }> {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const id = await this.insertRow(object, 'ON CONFLICT (bucket_id, name) DO NOTHING');
      if (id !== null) return { id, oldVersion: null };
      const replaced = await this.replaceObject(object);
      if (replaced) return replaced;
    }
    throw new Error(`upsert of ${object.bucket_id}/${object.name} kept racing with deletes`);
  }

  async deleteObjects(bucketId: string, names: readonly string[]): Promise<StoredObject[]> {
    const { rows } = await this.pool.query<StoredObject>(
      `DELETE FROM storage.objects WHERE bucket_id = $1 AND name = ANY($2::text[]) RETURNING ${OBJECT_COLUMNS}`,
      [bucketId, names],
    );
    return rows;
  }

  /** Renames an object, possibly into another bucket; the blob stays where it is. */
  async moveObject(bucketId: string, name: string, toBucketId: string, toName: string): Promise<void> {
    try {
      const { rowCount } = await this.pool.query(
        `UPDATE storage.objects SET bucket_id = $3, name = $4, updated_at = now()
         WHERE bucket_id = $1 AND name = $2`,
        [bucketId, name, toBucketId, toName],
      );
      if (rowCount === 0) throw errors.noSuchKey();
    } catch (error) {
      if (violates(error, UNIQUE_VIOLATION)) throw errors.keyAlreadyExists();
      if (violates(error, FOREIGN_KEY_VIOLATION)) throw errors.noSuchBucket();
      throw error;
    }
  }

  /**
   * Supabase's `storage.search`: below `prefix` (a folder), the objects directly in it and one entry
   * per sub-folder. Folders come first, by name; `search` matches the start of the entry name.
   * Matching is case-insensitive, as in Supabase.
   */
  async listObjects(bucketId: string, options: ListOptions): Promise<ListEntry[]> {
    const prefix = options.prefix === '' || options.prefix.endsWith('/') ? options.prefix : `${options.prefix}/`;
    const level = prefix.split('/').length;
    const order = options.sortOrder;
    const { rows } = await this.pool.query<ListEntry>(
      `WITH matches AS (
         SELECT * FROM storage.objects
         WHERE bucket_id = $1 AND name ILIKE $2 AND cardinality(path_tokens) >= $3
       )
       SELECT name, id, updated_at, created_at, last_accessed_at, metadata FROM (
         SELECT DISTINCT path_tokens[$3] AS name, NULL::uuid AS id, NULL::timestamptz AS updated_at,
           NULL::timestamptz AS created_at, NULL::timestamptz AS last_accessed_at, NULL::jsonb AS metadata,
           0 AS kind
         FROM matches WHERE cardinality(path_tokens) > $3
         UNION ALL
         SELECT path_tokens[$3], id, updated_at, created_at, last_accessed_at, metadata, 1
         FROM matches WHERE cardinality(path_tokens) = $3
       ) AS entries
       ORDER BY kind, (CASE WHEN kind = 0 THEN name END) COLLATE "C" ${order},
         ${orderBy(options.sortColumn, order)}, name COLLATE "C" ${order}
       LIMIT $4 OFFSET $5`,
      [bucketId, `${escapeLike(prefix)}${escapeLike(options.search)}%`, level, options.limit, options.offset],
    );
    return rows;
  }

  /**
   * Supabase's `list-v2`: keys starting with `prefix` (any string, not only a folder), in key order,
   * one page after `after`. With the delimiter, everything below the next `/` folds into one folder
   * entry, as S3's ListObjectsV2 does. Fetches one entry more than asked, so the caller knows
   * whether a next page exists.
   */
  async listObjectsV2(bucketId: string, options: ListV2Options): Promise<ListV2Entry[]> {
    const order = options.sortOrder;
    const { rows } = await this.pool.query<ListV2Entry>(
      `WITH matches AS (
         SELECT *, CASE WHEN $3 THEN strpos(substr(name, char_length($2) + 1), '/') ELSE 0 END AS slash
         FROM storage.objects WHERE bucket_id = $1 AND starts_with(name, $2)
       ), entries AS (
         SELECT DISTINCT left(name, char_length($2) + slash) AS key, NULL::uuid AS id, NULL::jsonb AS metadata,
           NULL::timestamptz AS created_at, NULL::timestamptz AS updated_at, NULL::timestamptz AS last_accessed_at
         FROM matches WHERE slash > 0
         UNION ALL
         SELECT name, id, metadata, created_at, updated_at, last_accessed_at FROM matches WHERE slash = 0
       )
       SELECT * FROM entries
       WHERE $4::text IS NULL OR key COLLATE "C" ${order === 'asc' ? '>' : '<'} $4::text COLLATE "C"
       ORDER BY key COLLATE "C" ${order}
       LIMIT $5`,
      [bucketId, options.prefix, options.withDelimiter, options.after ?? null, options.limit + 1],
    );
    return rows;
  }
}

export default fp(
  async (app) => {
    const { databaseUrl, buckets } = app.storageConfig;
    await migrate(databaseUrl, app.log);
    const pool = new pg.Pool({
      connectionString: databaseUrl,
      max: 10,
      connectionTimeoutMillis: 5000,
      application_name: 'streamkit-storage',
    });
    // An idle client losing its server must not crash the process; the next query reports it.
    pool.on('error', (error) => app.log.warn({ err: error }, 'idle database client failed'));
    app.addHook('onClose', () => pool.end());
    const store = new MetadataStore(pool);
    await store.ensureBuckets(buckets);
    app.decorate('metadata', store);
  },
  { name: 'metadata', decorators: { fastify: ['storageConfig'] } },
);

declare module 'fastify' {
  interface FastifyInstance {
    metadata: MetadataStore;
  }
}
