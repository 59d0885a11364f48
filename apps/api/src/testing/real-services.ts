import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { expect, inject, vi } from 'vitest';
import { ServiceGroup, startRedis } from '@streamkit/stack/services';
import { buildApp } from '../app.ts';
import { unreachableConfig } from './unreachable.ts';

const WORKSPACE = fileURLToPath(new URL('../../../../', import.meta.url));

export interface RealServices {
  /** The API, listening on a free port: real HTTP, so parallel requests are really parallel. */
  url: string;
  app: Awaited<ReturnType<typeof buildApp>>;
  /** A privileged connection, for what a test must see or arrange behind the API's back. */
  admin: pg.Pool;
  stopRedis(): Promise<void>;
  startRedis(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The API as the stack runs it (logged in as `authenticator`) on the run's PostgreSQL and on a
 * Redis of this suite's own, which the suite may stop and start again. Mail and storage stay
 * unreachable: nothing tested here waits for them.
 */
export async function startApiWithRealServices(env: NodeJS.ProcessEnv = {}): Promise<RealServices> {
  const database = inject('database');
  const services = new ServiceGroup(WORKSPACE);
  const redisUrl = await startRedis(services);
  const redisPort = Number(new URL(redisUrl).port);
  const app = await buildApp(await unreachableConfig({ DATABASE_URL: database.apiUrl, REDIS_URL: redisUrl, ...env }));
  await app.listen({ host: '127.0.0.1', port: 0 });
  // The API fails Redis commands at once while it connects (no offline queue): wait for it.
  const redisReady = () => vi.waitFor(() => expect(app.redis.status).toBe('ready'), { timeout: 5000, interval: 20 });
  await redisReady();
  const admin = new pg.Pool({ connectionString: database.adminUrl, max: 2 });
  admin.on('error', () => undefined); // an idle client's server going away is reported on next use
  return {
    url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`,
    app,
    admin,
    stopRedis: () => services.stopService('redis'),
    async startRedis() {
      await startRedis(services, redisPort);
      await redisReady();
    },
    async close() {
      await app.close();
      await admin.end();
      await services.stop();
    },
  };
}

/** A JSON request to the API; answers status, headers and parsed body. */
export async function call(
  base: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

/** How many answers had each status, e.g. `{ 401: 5, 429: 15 }`. */
export function countStatuses(answers: { status: number }[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const { status } of answers) counts[status] = (counts[status] ?? 0) + 1;
  return counts;
}
