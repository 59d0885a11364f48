import pg from 'pg';

/** A small pool for a script run, ended when `fn` settles. */
export async function withPool<T>(databaseUrl: string, fn: (pool: pg.Pool) => Promise<T>): Promise<T> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2, connectionTimeoutMillis: 5000 });
  pool.on('error', () => undefined); // an idle client dying is reported by the next query
  try {
    return await fn(pool);
  } finally {
    await pool.end();
  }
}

export { withTransaction as inTransaction } from '@streamkit/database';

/**
 * Row-level security would silently hide other users' rows from these scripts, so that a cleanup
 * "succeeds" having seen nothing: refuse to run as a role it applies to.
 */
export async function assertSeesEveryRow(pool: pg.Pool, script: string): Promise<void> {
  const { rows } = await pool.query<{ role: string; ok: boolean }>(
    'select current_user as role, rolsuper or rolbypassrls as ok from pg_roles where rolname = current_user',
  );
  const { role, ok } = rows[0]!;
  if (!ok) {
    throw new Error(
      `${script} connects as "${role}", which row-level security restricts: connect as a superuser or a role with BYPASSRLS`,
    );
  }
}
