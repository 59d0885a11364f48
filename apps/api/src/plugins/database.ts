import fp from 'fastify-plugin';
import pg from 'pg';

/** Runs `work` on one pooled client inside a transaction: committed if it resolves, rolled back if it throws. */
export async function withTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
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
 * Runs `work` in a transaction under the caller's identity, the Supabase way: role `authenticated`
 * and the JWT claims set for this transaction only, so `auth.uid()` and the row-level security
 * policies decide which rows it sees and changes. Every query made for a signed-in user goes
 * through here; the pool's own role is kept for what truly needs it (sign-up, login, tokens).
 */
export async function withUserTransaction<T>(
  pool: pg.Pool,
  userId: string,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  return withTransaction(pool, async (client) => {
    await client.query("select set_config('role', 'authenticated', true), set_config('request.jwt.claims', $1, true)", [
      JSON.stringify({ sub: userId, role: 'authenticated' }),
    ]);
    return work(client);
  });
}

export default fp(
  async (app) => {
    const pool = new pg.Pool({
      connectionString: app.config.DATABASE_URL,
      max: 10,
      connectionTimeoutMillis: 1500,
      application_name: 'streamkit-api',
    });
    // An idle client losing its server must not crash the API; the next query reports it.
    pool.on('error', (error) => app.log.warn({ err: error }, 'idle database client failed'));
    app.decorate('db', pool);
    app.addHook('onClose', () => pool.end());
  },
  { name: 'database' },
);

declare module 'fastify' {
  interface FastifyInstance {
    db: pg.Pool;
  }
}
