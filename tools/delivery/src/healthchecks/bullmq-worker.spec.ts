import { spawn, type ChildProcess } from 'node:child_process';
import { connect, createServer } from 'node:net';
import { Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pollUntil } from '@streamkit/e2e-contract';
import { workerConnected } from './bullmq-worker.ts';

let redis: ChildProcess;
let url: string;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.end();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

beforeAll(async () => {
  const port = await freePort();
  url = `redis://127.0.0.1:${port}`;
  redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });
  await pollUntil(`redis-server on ${port}`, () => accepts(port), { timeoutMs: 5_000 });
});
afterAll(() => void redis?.kill('SIGTERM'));

describe('the worker image health check', () => {
  it('is unhealthy while no BullMQ worker is connected, healthy while one is, unhealthy again after', async () => {
    expect(await workerConnected(url)).toBe(false);
    const worker = new Worker('healthcheck-test', async () => undefined, { connection: { url } });
    try {
      await worker.waitUntilReady();
      await expect.poll(() => workerConnected(url), { timeout: 5_000 }).toBe(true);
    } finally {
      await worker.close();
    }
    await expect.poll(() => workerConnected(url), { timeout: 5_000 }).toBe(false);
  });

  it('is unhealthy when Redis does not answer', async () => {
    expect(await workerConnected(`redis://127.0.0.1:${await freePort()}`)).toBe(false);
  });
});
