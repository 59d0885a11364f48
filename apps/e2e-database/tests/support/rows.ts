import { randomUUID } from 'node:crypto';
import { uniqueName } from '@streamkit/e2e-fixtures';
import type { TableName } from './expected-schema.ts';
import type { RollbackTransaction } from './transaction.ts';

export type Row = Record<string, unknown> & { id: string };

/** The rows a valid row of each table points at. */
export interface Parents {
  userId: string;
  brandKitId: string;
  jobId: string;
}

const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString();

/** A new user's columns, with an email from the run's unique names. */
export const userValues = () => ({ email: `${uniqueName('db')}@example.test`, display_name: 'Database Test User' });

/** Column values that make a valid row of `table`; the database fills in the rest by default. */
export function validValues(table: TableName, parents: Parents): Record<string, unknown> {
  switch (table) {
    case 'users':
      return userValues();
    case 'auth_tokens':
      return {
        user_id: parents.userId,
        kind: 'refresh',
        family: randomUUID(),
        token_hash: uniqueName('token'),
        expires_at: inAnHour(),
      };
    case 'brand_kits':
      return { user_id: parents.userId, name: uniqueName('kit') };
    case 'logos':
      return {
        brand_kit_id: parents.brandKitId,
        type: 'primary',
        storage_path: `${uniqueName('logo')}/primary.png`,
        mime_type: 'image/png',
        size_bytes: 1234,
      };
    case 'generation_jobs':
      return { user_id: parents.userId, brand_kit_id: parents.brandKitId, asset_type: 'thumbnail' };
    case 'assets':
      return {
        user_id: parents.userId,
        job_id: parents.jobId,
        bucket: 'assets',
        path: `${uniqueName('asset')}/image.png`,
        width: 1280,
        height: 720,
        mime_type: 'image/png',
        size_bytes: 2048,
      };
    case 'coach_sessions':
      return { user_id: parents.userId, topic: 'thumbnails' };
  }
}

/** `insert into <table> (...) values (...) returning <returning>`, built from a column → value record. */
export function insertSql(
  table: TableName,
  values: Record<string, unknown>,
  returning = '*',
): { sql: string; params: unknown[] } {
  const columns = Object.keys(values);
  const placeholders = columns.map((_, index) => `$${index + 1}`);
  return {
    sql: `insert into public.${table} (${columns.map((c) => `"${c}"`).join(', ')}) values (${placeholders.join(', ')}) returning ${returning}`,
    params: Object.values(values),
  };
}

/** Inserts a row as the transaction's current identity and returns it; throws on failure. */
export async function insertRow(
  tx: RollbackTransaction,
  table: TableName,
  values: Record<string, unknown>,
): Promise<Row> {
  const { sql, params } = insertSql(table, values);
  const { rows } = await tx.query<Row>(sql, params);
  return rows[0]!;
}

/** Two users and one row of every table owned by the first, made as the admin. */
export interface World {
  owner: Row;
  other: Row;
  /** The owner's row in each table (for users, the owner). */
  rows: Record<TableName, Row>;
  parents: Parents;
}

export async function createWorld(tx: RollbackTransaction): Promise<World> {
  return tx.asAdminFor(async () => {
    const owner = await insertRow(tx, 'users', userValues());
    const other = await insertRow(tx, 'users', userValues());
    const parents: Parents = { userId: owner.id, brandKitId: '', jobId: '' };
    const brandKit = await insertRow(tx, 'brand_kits', validValues('brand_kits', parents));
    parents.brandKitId = brandKit.id;
    const job = await insertRow(tx, 'generation_jobs', validValues('generation_jobs', parents));
    parents.jobId = job.id;
    const rows: Record<TableName, Row> = {
      users: owner,
      brand_kits: brandKit,
      generation_jobs: job,
      auth_tokens: await insertRow(tx, 'auth_tokens', validValues('auth_tokens', parents)),
      // Not 'primary', which a test's own new logo uses (one logo per kit and type).
      logos: await insertRow(tx, 'logos', { ...validValues('logos', parents), type: 'watermark' }),
      assets: await insertRow(tx, 'assets', validValues('assets', parents)),
      coach_sessions: await insertRow(tx, 'coach_sessions', validValues('coach_sessions', parents)),
    };
    return { owner, other, rows, parents };
  });
}

/** A harmless change to one column of each table, for update checks. */
export const SAMPLE_CHANGES: Record<TableName, Record<string, unknown>> = {
  users: { display_name: 'Renamed User' },
  auth_tokens: { revoked_at: new Date('2026-01-01T00:00:00Z') },
  brand_kits: { name: 'Renamed kit' },
  logos: { storage_path: 'moved/logo.png' },
  generation_jobs: { progress: 50 },
  assets: { width: 640 },
  coach_sessions: { topic: 'overlays' },
};
