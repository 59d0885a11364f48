import { Queue, QueueEvents, Worker } from 'bullmq';
import { describe, expect, test } from '@streamkit/e2e-fixtures/vitest';
import { expectReachable, uniqueName } from '@streamkit/e2e-fixtures';

describe('redis health', () => {
  // First, and without fixtures: when redis is down this is the failure that says what to do.
  test('is reachable', async ({ target }) => {
    await expectReachable('redis', target);
  });

  test('connects', async ({ redis }) => {
    expect(redis.status).toBe('ready');
  });

  test('answers PING with PONG', async ({ redis }) => {
    expect(await redis.ping()).toBe('PONG');
  });

  test('round-trips SET/GET with an expiry', async ({ redis, onTestFinished }) => {
    const key = uniqueName('health');
    onTestFinished(async () => void (await redis.del(key)));
    expect(await redis.set(key, 'value', 'PX', 30_000)).toBe('OK');
    expect(await redis.get(key)).toBe('value');
    const ttl = await redis.pttl(key);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(30_000);
  });

  // Takes the `redis` fixture so an unreachable Redis fails here at once, naming it: BullMQ
  // itself would keep reconnecting until the test timed out.
  test('runs a queue round trip: enqueue, dequeue, acknowledge', async ({ target, redis, onTestFinished }) => {
    expect(redis.status).toBe('ready');
    const name = uniqueName('health-queue');
    const connection = { url: target.redisUrl, maxRetriesPerRequest: null };
    const queue = new Queue(name, { connection });
    const events = new QueueEvents(name, { connection });
    const worker = new Worker(name, async (job) => ({ echoed: job.data.ping }), { connection });
    onTestFinished(async () => {
      await worker.close();
      await events.close();
      await queue.obliterate({ force: true });
      await queue.close();
    });
    await events.waitUntilReady();

    const job = await queue.add('ping', { ping: name });
    expect(await job.waitUntilFinished(events, 10_000)).toEqual({ echoed: name });
    expect(await job.getState()).toBe('completed');
    expect(await queue.getJobCounts('wait', 'active')).toEqual({ wait: 0, active: 0 });
  });
});
