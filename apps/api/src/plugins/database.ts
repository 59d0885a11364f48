import fp from 'fastify-plugin';
import pg from 'pg';

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
