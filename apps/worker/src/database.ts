import pg from 'pg';
import { withUserTransaction } from '@streamkit/database';

export function createPool(databaseUrl: string): pg.Pool {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: 8,
    connectionTimeoutMillis: 5000,
    // The pid names the process in pg_stat_activity: an operator (or a test) can tell which
    // worker holds which query.
    application_name: `streamkit-worker:${process.pid}`,
  });
  pool.on('error', () => undefined); // an idle client dying is reported by the next query
  return pool;
}

/**
 * Runs `work` in a transaction as the job's owner. The worker is a service: it logs in as a role
 * that may act for any user (the API's `authenticator`, which may switch to `authenticated` or
 * `service_role`), but every transaction it runs for a job switches to role `authenticated` with
 * that user's JWT claims, as the API does for a signed-in caller, so row-level security confines
 * it to that one user's rows: a bug here cannot read another user's brand kit or write into
 * another user's job. It never uses `service_role`.
 */
export function asJobOwner<T>(pool: pg.Pool, userId: string, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  return withUserTransaction(pool, userId, work);
}
