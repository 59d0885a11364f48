import fp from 'fastify-plugin';
import pg from 'pg';
import { withTransaction, withUserTransaction } from '@streamkit/database';

// One transaction helper and one identity switch for the API, the worker and the scripts. Every
// query made for a signed-in user goes through withUserTransaction.
export { withTransaction, withUserTransaction };

/**
 * The privileged path: role `service_role` (BYPASSRLS, sees password hashes, writes the token
 * tables) for this transaction only. Used where no signed-in user is the caller or the tables
 * are the API's own, and nowhere else:
 *  - sign-up and OAuth sign-in (the user row does not exist yet),
 *  - login and password-reset request (looking an account up by email, reading its hash),
 *  - the token tables: issuing, rotating and revoking sessions, reset links (`authenticated`
 *    may only read its own auth_tokens rows, never change them),
 *  - the usage counter (generation/jobs.ts): increment_user_usage, executable by service_role
 *    only, and giving a generation back when its job could not be queued.
 */
export async function withServiceTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  return withTransaction(pool, async (client) => {
    await client.query("select set_config('role', 'service_role', true)");
    return work(client);
  });
}

export default fp(
  async (app) => {
    const pool = new pg.Pool({
      connectionString: app.config.DATABASE_URL,
      max: 10,
      // Waiting for a free connection counts too: a burst of logins queues here. /health has
      // its own, shorter, deadline.
      connectionTimeoutMillis: 5000,
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
