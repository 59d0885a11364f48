import { Redis } from 'ioredis';
import { redactUrl } from './postgres.ts';

/** Connects to Redis, failing within a few seconds with a message that names Redis and its URL. */
export async function connectRedis(redisUrl: string): Promise<Redis> {
  const redis = new Redis(redisUrl, {
    lazyConnect: true,
    connectTimeout: 3000,
    maxRetriesPerRequest: 1,
    retryStrategy: () => null, // a test wants an answer, not endless reconnects
  });
  // connect() only says "Connection is closed"; the error event has the real cause.
  let cause: Error | undefined;
  redis.on('error', (error: Error) => (cause = error));
  try {
    await redis.connect();
    return redis;
  } catch (error) {
    redis.disconnect();
    const reason = cause?.message ?? (error instanceof Error ? error.message : String(error));
    throw new Error(`Redis at ${redactUrl(redisUrl)} is unreachable: ${reason}`);
  }
}

/**
 * Every key matching the glob `pattern` (`*<id>*`, say), by SCAN (never KEYS, which blocks the
 * server): how a test finds what the API stored about a thing without knowing its key scheme.
 */
export async function findKeys(redis: Redis, pattern: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, found] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    keys.push(...found);
    cursor = next;
  } while (cursor !== '0');
  return keys;
}
