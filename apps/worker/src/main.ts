import { readFileSync } from 'node:fs';
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { GENERATION_QUEUE, RENDER_JOB, type RenderJobData } from '@streamkit/generation';
import { ConfigError, loadConfig } from './config.ts';
import { createPool } from './database.ts';
import { createProcessor, markFailed, WORKER_NAME } from './processor.ts';
import { createStorageClient } from './storage.ts';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};
const LEVELS = ['error', 'warn', 'info', 'debug'] as const;

async function main() {
  const config = loadConfig();
  const log = (level: (typeof LEVELS)[number], message: string) => {
    if (LEVELS.indexOf(level) <= LEVELS.indexOf(config.LOG_LEVEL)) console.error(`[worker ${level}] ${message}`);
  };
  const pool = createPool(config.DATABASE_URL);
  const storage = createStorageClient(config.STORAGE_URL, config.STORAGE_SERVICE_KEY);
  // BullMQ's blocking commands need a connection that never gives up on a request.
  const connection = new Redis(config.REDIS_URL, { maxRetriesPerRequest: null });
  connection.on('error', (error) => log('debug', `redis: ${error.message}`));

  const worker = new Worker(GENERATION_QUEUE, createProcessor({ pool, storage, version, log }), {
    connection,
    name: WORKER_NAME,
    concurrency: config.WORKER_CONCURRENCY,
    lockDuration: config.WORKER_LOCK_DURATION_MS,
    stalledInterval: config.WORKER_STALLED_INTERVAL_MS,
    // A job whose worker died is taken up once more; dying twice on the same job fails it.
    maxStalledCount: 1,
  });
  worker.on('error', (error) => log('error', error.message));
  // Failures the processor never saw (stalled too often) still end the job's row as failed.
  worker.on('failed', (job, error) => {
    if (!job || job.name !== RENDER_JOB) return;
    void job
      .getState()
      .then((state) => {
        if (state === 'failed') return markFailed(pool, job.data as RenderJobData, error.message, true);
      })
      .catch((cause: Error) => log('error', `job ${job.id}: cannot record the failure: ${cause.message}`));
  });
  await worker.waitUntilReady();
  // The stack reads this line to know the worker is consuming.
  console.log(`worker ready: queue ${GENERATION_QUEUE}, ${WORKER_NAME}, concurrency ${config.WORKER_CONCURRENCY}`);

  const close = async (signal: string) => {
    log('info', `${signal}: finishing running jobs, then exiting`);
    await worker.close();
    connection.disconnect();
    await pool.end();
    process.exit(0);
  };
  process.once('SIGTERM', (signal) => void close(signal));
  process.once('SIGINT', (signal) => void close(signal));
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
