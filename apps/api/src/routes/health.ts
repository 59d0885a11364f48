import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { publicAccess } from '../auth/schemas.ts';
import { apiVersion } from '../plugins/openapi.ts';

/** Each check gets this long, so /health answers within 2 s even when a service hangs. */
const CHECK_TIMEOUT_MS = 1500;

const serviceStatus = z.object({
  status: z.enum(['up', 'down']),
  latency_ms: z.number(),
  error: z.string().optional(),
});
const healthResponse = z.object({
  status: z.enum(['ok', 'degraded']),
  version: z.string(),
  timestamp: z.iso.datetime(),
  services: z.object({ database: serviceStatus, redis: serviceStatus, storage: serviceStatus }),
});

async function check(probe: () => Promise<unknown>): Promise<z.infer<typeof serviceStatus>> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
  });
  try {
    await Promise.race([probe(), timeout]);
    return { status: 'up', latency_ms: Math.round(performance.now() - started) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { status: 'down', latency_ms: Math.round(performance.now() - started), error: message };
  } finally {
    clearTimeout(timer);
  }
}

function probes(app: FastifyInstance) {
  return {
    database: () => app.db.query('select 1'),
    redis: async () => {
      // Without an offline queue a command fails with a cryptic stream error; say what is wrong.
      if (app.redis.status !== 'ready') throw new Error(`not connected (${app.redis.status})`);
      if ((await app.redis.ping()) !== 'PONG') throw new Error('PING did not answer PONG');
    },
    storage: async () => {
      const { error } = await app.storage.listBuckets();
      if (error) throw error;
    },
  };
}

export default fp(
  async (app) => {
    app.withTypeProvider<ZodTypeProvider>().get(
      '/health',
      {
        schema: {
          operationId: 'getHealth',
          summary: 'Liveness and the status of every service the API needs',
          tags: ['health'],
          security: publicAccess,
          response: { 200: healthResponse, 503: healthResponse },
        },
      },
      async (_req, reply) => {
        const { database, redis, storage } = probes(app);
        const [db, rd, st] = await Promise.all([check(database), check(redis), check(storage)]);
        const services = { database: db, redis: rd, storage: st };
        const allUp = Object.values(services).every((service) => service.status === 'up');
        return reply.code(allUp ? 200 : 503).send({
          status: allUp ? 'ok' : 'degraded',
          version: apiVersion,
          timestamp: new Date().toISOString(),
          services,
        });
      },
    );
  },
  { name: 'health-routes', dependencies: ['database', 'redis', 'storage'] },
);
