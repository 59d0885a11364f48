import type pg from 'pg';

type Work<T> = (client: pg.PoolClient) => Promise<T>;

/** Runs `work` on one pooled client inside a transaction: committed if it resolves, rolled back if it throws. */
export async function withTransaction<T>(pool: pg.Pool, work: Work<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    const result = await work(client);
    await client.query('commit');
    return result;
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/**
 * Runs `work` in a transaction under a user's identity, the Supabase way: role `authenticated` and
 * the JWT claims set for this transaction only, so `auth.uid()` and the row-level security policies
 * decide which rows it sees and changes. The pool's login role (`authenticator`: no superuser, no
 * BYPASSRLS, no table privileges of its own) may switch to `authenticated` for this.
 */
export async function withUserTransaction<T>(pool: pg.Pool, userId: string, work: Work<T>): Promise<T> {
  return withTransaction(pool, async (client) => {
    await client.query("select set_config('role', 'authenticated', true), set_config('request.jwt.claims', $1, true)", [
      JSON.stringify({ sub: userId, role: 'authenticated' }),
    ]);
    return work(client);
  });
}
