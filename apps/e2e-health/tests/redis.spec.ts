import { Job, Queue, Worker } from 'bullmq';
import { describe, expect, test } from '@streamkit/e2e-fixtures/vitest';
import { expectReachable, pollUntil, uniqueName } from '@streamkit/e2e-fixtures';

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
    const worker = new Worker(name, async (job) => ({ echoed: job.data.ping }), { connection });
    onTestFinished(async () => {
      await worker.close();
      await queue.obliterate({ force: true });
      await queue.close();
    });

    const { id } = await queue.add('ping', { ping: name });
    // Polls the job itself rather than waiting for a QueueEvents notification: a job finished
    // before the listener's first stream read is never announced to it (the flake hunt caught
    // "no finish notification arrived after 10000ms" on a loaded machine).
    const done = await pollUntil(
      `job ${id} of queue ${name} completed`,
      async () => {
        const job = await Job.fromId(queue, id!);
        return job?.finishedOn ? job : undefined;
      },
      { timeoutMs: 10_000 },
    );
    expect(done.returnvalue).toEqual({ echoed: name });
    expect(await done.getState()).toBe('completed');
    expect(await queue.getJobCounts('wait', 'active')).toEqual({ wait: 0, active: 0 });
  });
});
