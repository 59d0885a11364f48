import { workerConnected } from './bullmq-worker.ts';

// The worker image's HEALTHCHECK (bundled to apps/worker/dist/healthcheck.mjs): exit 0 when the
// worker's BullMQ connection is in Redis' client list.
const url = process.env.REDIS_URL;
if (!url) {
  console.error('healthcheck: REDIS_URL is not set');
  process.exit(1);
}
process.exit((await workerConnected(url)) ? 0 : 1);
