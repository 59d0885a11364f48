import fp from 'fastify-plugin';
import { Redis, ReplyError } from 'ioredis';
import { HttpError } from './error-handler.ts';

/**
 * Runs a Redis command; when Redis cannot be reached, answers 503 instead. Callers put Redis work
 * before anything they cannot undo (or inside the database transaction, before commit), so a
 * 503 means nothing happened. An error Redis itself replied (a bad command) stays a 500: a bug.
 */
export async function redisOrUnavailable<T>(command: () => Promise<T>): Promise<T> {
  try {
    return await command();
  } catch (error) {
    if (error instanceof ReplyError) throw error;
    throw new HttpError(
      503,
      'unavailable',
      'A service the API needs is unavailable; nothing was changed, try again shortly',
      {
        dependency: 'redis',
      },
    );
  }
}

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
