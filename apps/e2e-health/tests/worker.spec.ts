import { randomUUID } from 'node:crypto';
import { Job, Queue } from 'bullmq';
import { pollUntil } from '@streamkit/e2e-fixtures';
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

    const nonce = randomUUID();
    const job = await queue.add(PING, { nonce }, { attempts: 1 });
    onTestFinished(async () => {
      await job.remove().catch(() => undefined);
      await queue.close();
    });
    // Polled rather than awaited through QueueEvents, whose notification a fast job can beat; 12 s
    // leaves room for two stacks on two busy cores (the sharded proof) without hiding a dead worker.
    const done = await pollUntil(
      `a worker to answer the ping on queue "${QUEUE}" (is the worker running? .e2e/logs/worker.log)`,
      async () => {
        const current = await Job.fromId(queue, job.id!);
        return current?.finishedOn ? current : undefined;
      },
      { timeoutMs: 12_000 },
    );
    expect(done.failedReason, 'the worker failed the ping').toBeUndefined();
    const answer = done.returnvalue;
    expect(answer).toMatchObject({ nonce, worker: expect.stringMatching(/^.+:\d+$/), version: expect.any(String) });
  });
});
