import fp from 'fastify-plugin';
import { Redis } from 'ioredis';

export default fp(
  async (app) => {
    const redis = new Redis(app.config.REDIS_URL, {
      // Fail commands at once while disconnected instead of queueing them, so /health answers fast.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 1500,
      retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
    });
    redis.on('error', (error) => app.log.debug({ err: error }, 'redis connection error'));
    app.decorate('redis', redis);
    app.addHook('onClose', async () => {
      redis.disconnect();
    });
  },
  { name: 'redis' },
);

declare module 'fastify' {
  interface FastifyInstance {
    redis: Redis;
  }
}
