import { randomUUID } from 'node:crypto';
import { Queue, QueueEvents } from 'bullmq';
import { describe, expect, test } from '@streamkit/e2e-fixtures/vitest';

// The generation queue and its health-check job, as the worker's contract names them.
const QUEUE = 'generation';
const PING = 'ping';

describe('worker health', () => {
  // Takes `redis` so an unreachable Redis fails here at once, naming it, instead of BullMQ retrying.
  test('a worker takes a job off the generation queue and answers it', async ({ target, redis, onTestFinished }) => {
    expect(redis.status).toBe('ready');
    const connection = { url: target.redisUrl, maxRetriesPerRequest: null };
    const queue = new Queue(QUEUE, { connection });
    const events = new QueueEvents(QUEUE, { connection });
    await events.waitUntilReady();

    const nonce = randomUUID();
    const job = await queue.add(PING, { nonce }, { attempts: 1 });
    onTestFinished(async () => {
      await job.remove().catch(() => undefined);
      await events.close();
      await queue.close();
    });
    const answer = await job.waitUntilFinished(events, 8_000).catch((error: Error) => {
      throw new Error(
        `no worker answered the ping on queue "${QUEUE}" within 8 s (${error.message}): is the worker running?`,
      );
    });
    expect(answer).toMatchObject({ nonce, worker: expect.stringMatching(/^.+:\d+$/), version: expect.any(String) });
  });
});
