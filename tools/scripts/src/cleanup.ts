import type pg from 'pg';
import type { StorageClient } from '@streamkit/e2e-fixtures/storage';
import { assertSeesEveryRow } from './database.ts';
import { findObjects, removeObjects, type ObjectRef } from './storage-objects.ts';
import { matchesTestData } from './test-data-pattern.ts';

/**
 * The columns that carry the names tests give things. Deleting a matched user cascades to
 * everything they own; the other tables are matched too, for rows a test made for someone else.
 */
const NAMED_COLUMNS = [
  { table: 'users', columns: ['email', 'display_name'] },
  { table: 'brand_kits', columns: ['name'] },
  { table: 'logos', columns: ['storage_path'] },
  { table: 'assets', columns: ['path'] },
  { table: 'coach_sessions', columns: ['topic'] },
] as const;

/** Owned tables, for the "and what belongs to them" counts. */
const OWNED = ['auth_tokens', 'brand_kits', 'generation_jobs', 'assets', 'coach_sessions'] as const;

const matchSql = (columns: readonly string[]) => columns.map((column) => `${column}::text ~* $1`).join(' or ');
const DOOMED_USERS = `select id from public.users where ${matchSql(NAMED_COLUMNS[0].columns)}`;

export interface CleanupPlan {
  pattern: string;
  /** Rows whose own name matches, per table, with the value that matched. */
  matched: { table: string; id: string; name: string }[];
  /** Rows of the matched users, which go with them by ON DELETE CASCADE. */
  owned: Record<string, number>;
  /** Objects under a matching top-level name or a doomed user's folder, and objects the doomed rows point at (none without storage). */
  objects: ObjectRef[];
}

export async function planCleanup(
  pool: pg.Pool,
  storage: StorageClient | undefined,
  pattern: string,
): Promise<CleanupPlan> {
  await assertSeesEveryRow(pool, 'cleanup-test-data');
  const matched: CleanupPlan['matched'] = [];
  for (const { table, columns } of NAMED_COLUMNS) {
    const { rows } = await pool.query<{ id: string; name: string }>(
      `select id, concat_ws(' / ', ${columns.map((c) => `${c}::text`).join(', ')}) as name
         from public.${table} where ${matchSql(columns)} order by 2`,
      [pattern],
    );
    matched.push(...rows.map((row) => ({ table, ...row })));
  }

  const owned = await countOwned(pool, pattern);

  // Objects the API stored under ids (assets/<user id>/…) carry no test name: their rows say where.
  const referenced = await pool.query<ObjectRef>(
    `with doomed_kits as (
       select id from public.brand_kits where user_id in (${DOOMED_USERS}) or name ~* $1
     )
     select bucket, path from public.assets where user_id in (${DOOMED_USERS}) or path ~* $1
     union
     select 'logos', storage_path from public.logos where brand_kit_id in (select id from doomed_kits) or storage_path ~* $1`,
    [pattern],
  );
  if (!storage) return { pattern, matched, owned, objects: [] };
  // The API files objects under their owner's id (assets/<user>/…, logos/<user>/<kit>/…): a doomed
  // user's folder goes whole, including objects whose rows are already gone.
  const doomedUsers = new Set((await pool.query<{ id: string }>(DOOMED_USERS, [pattern])).rows.map((row) => row.id));
  const named = await findObjects(storage, (name) => matchesTestData(pattern, name) || doomedUsers.has(name));
  const objects = new Map([...named, ...referenced.rows].map((ref) => [`${ref.bucket}/${ref.path}`, ref]));
  return { pattern, matched, owned, objects: [...objects.values()] };
}

/** Rows of the matched users in each owned table (logos through their brand kits). */
async function countOwned(db: pg.Pool | pg.PoolClient, pattern: string): Promise<Record<string, number>> {
  const { rows } = await db.query<{ table: string; n: number }>(
    [
      ...OWNED.map(
        (table) =>
          `select '${table}' as "table", count(*)::int as n from public.${table} where user_id in (${DOOMED_USERS})`,
      ),
      `select 'logos', count(*)::int from public.logos l join public.brand_kits k on k.id = l.brand_kit_id
        where k.user_id in (${DOOMED_USERS})`,
    ].join(' union all '),
    [pattern],
  );
  return Object.fromEntries(rows.filter((row) => row.n > 0).map((row) => [row.table, row.n]));
}

export interface CleanupResult {
  /** Rows deleted per table, cascades included. */
  rows: Record<string, number>;
  objects: number;
}

/**
 * Storage first, then the rows in one transaction: were it the other way round, a failure in
 * between would leave objects whose only trace, their rows, is gone.
 */
export async function applyCleanup(
  pool: pg.Pool,
  storage: StorageClient | undefined,
  plan: CleanupPlan,
): Promise<CleanupResult> {
  const objects = storage ? await removeObjects(storage, plan.objects) : 0;
  const client = await pool.connect();
  try {
    await client.query('begin');
    const rows = await countOwned(client, plan.pattern);
    for (const { table, columns } of NAMED_COLUMNS) {
      const result = await client.query(`delete from public.${table} where ${matchSql(columns)}`, [plan.pattern]);
      if (result.rowCount) rows[table] = (rows[table] ?? 0) + result.rowCount;
    }
    await client.query('commit');
    return { rows, objects };
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
