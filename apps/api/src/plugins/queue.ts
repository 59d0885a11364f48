import fp from 'fastify-plugin';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { GENERATION_QUEUE } from '@streamkit/generation';

export interface GenerationQueue {
  /** The BullMQ queue, connected on first use: the API starts (and answers /health) without it. */
  get(): Queue;
}

/** The generation queue the worker drains. Its own connection: BullMQ owns the commands it sends. */
export default fp(
  async (app) => {
    let queue: Queue | undefined;
    let connection: Redis | undefined;
    app.decorate('generationQueue', {
      get() {
        if (queue) return queue;
        connection = new Redis(app.config.REDIS_URL, {
          // Fail at once while Redis is away, so POST /generate answers 503 instead of hanging.
          enableOfflineQueue: false,
          maxRetriesPerRequest: 1,
          connectTimeout: 1500,
          retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
        });
        connection.on('error', (error) => app.log.debug({ err: error }, 'queue redis connection error'));
        queue = new Queue(GENERATION_QUEUE, { connection });
        queue.on('error', (error) => app.log.debug({ err: error }, 'queue error'));
        return queue;
      },
    } satisfies GenerationQueue);
    app.addHook('onClose', async () => {
      await queue?.close().catch(() => undefined);
      connection?.disconnect();
    });
  },
  { name: 'queue' },
);

declare module 'fastify' {
  interface FastifyInstance {
    generationQueue: GenerationQueue;
  }
}
