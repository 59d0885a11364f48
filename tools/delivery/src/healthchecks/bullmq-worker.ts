import { Redis } from 'ioredis';

/**
 * The worker image's health check: the worker has no port, so "healthy" means its BullMQ worker
 * is connected to Redis. BullMQ names a worker's connection `bull:<base64 queue name>` (or with
 * `:w:<worker name>` after it) — the names `Queue.getWorkers()` matches.
 */
export const BULLMQ_WORKER_CONNECTION = /^bull:[A-Za-z0-9+/=]+(:w:.*)?$/;

export async function workerConnected(redisUrl: string): Promise<boolean> {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 2_000 });
  redis.on('error', () => undefined); // the result says it; an unhandled error would crash first
  try {
    await redis.connect();
    const clients = (await redis.client('LIST')) as string;
    return clients.split('\n').some((line) => BULLMQ_WORKER_CONNECTION.test(line.match(/\bname=(\S*)/)?.[1] ?? ''));
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}
