import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@supabase/supabase-js';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { test as base } from 'vitest';
import WebSocket from 'ws';
import { buildApp } from '../app.ts';
import type { StorageConfig } from '../config.ts';
import { startPostgres, type TestPostgres } from './postgres.ts';

export const SERVICE_KEY = 'test-service-key-0123456789abcdef';

/** Buckets every test server starts with, as `STORAGE_BUCKETS=assets,logos:public` would give. */
export const SEEDED_BUCKETS = [
  { id: 'assets', public: false },
  { id: 'logos', public: true },
];

export const uniqueName = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

/** The storage part of a supabase-js client, the way test code builds one. */
export function storageClient(url: string, key = SERVICE_KEY) {
  return createClient(url, key, {
    auth: { persistSession: false, autoRefreshToken: false },
    // Node 20 has no global WebSocket; supabase-js refuses to start without a transport.
    realtime: { transport: WebSocket as never },
  }).storage;
}

export type StorageClient = ReturnType<typeof storageClient>;

export interface StorageServer {
  /** What test code passes to `createClient`; the API lives under `${url}/storage/v1`. */
  url: string;
  app: FastifyInstance;
  config: StorageConfig;
  /** How many blob files the data dir holds, to check that replaced and removed blobs are gone. */
  blobCount(): Promise<number>;
}

export function serverConfig(databaseUrl: string, dataDir: string): StorageConfig {
  return {
    host: '127.0.0.1',
    port: 0,
    databaseUrl,
    dataDir,
    serviceKey: SERVICE_KEY,
    buckets: SEEDED_BUCKETS,
    fileSizeLimit: 5 * 1024 * 1024,
    logLevel: 'warn',
  };
}

/**
 * One PostgreSQL, one server and one client per worker (the config turns isolation off, so a
 * worker runs several files); a fresh bucket per test, emptied and deleted after it whether it
 * passed or not.
 */
export const test = base.extend<{
  $worker: { postgres: TestPostgres; db: pg.Pool; server: StorageServer; storage: StorageClient };
  $test: { bucket: string };
}>({
  postgres: [
    async ({}, use) => {
      const postgres = await startPostgres();
      await use(postgres);
      await postgres.stop();
    },
    { scope: 'worker' },
  ],
  db: [
    async ({ postgres }, use) => {
      const pool = new pg.Pool({ connectionString: postgres.url, max: 2 });
      // end() resolves before the sockets close: the test server's shutdown notice may still reach
      // a client on its way out, and an 'error' nobody listens to fails the file.
      pool.on('error', () => undefined);
      pool.on('connect', (client) => client.on('error', () => undefined));
      await use(pool);
      await pool.end();
    },
    { scope: 'worker' },
  ],
  server: [
    async ({ postgres }, use) => {
      const dataDir = await mkdtemp(join(tmpdir(), 'storage-data-'));
      const config = serverConfig(postgres.url, dataDir);
      const app = await buildApp(config);
      const url = await app.listen({ host: config.host, port: 0 });
      const blobCount = async () =>
        (await readdir(join(dataDir, 'objects'), { recursive: true, withFileTypes: true })).filter((entry) =>
          entry.isFile(),
        ).length;
      await use({ url, app, config, blobCount });
      await app.close();
      await rm(dataDir, { recursive: true, force: true });
    },
    { scope: 'worker' },
  ],
  storage: [async ({ server }, use) => use(storageClient(server.url)), { scope: 'worker' }],
  bucket: async ({ storage }, use) => {
    const name = uniqueName('bucket');
    const { error } = await storage.createBucket(name, { public: false });
    if (error) throw error;
    await use(name);
    await storage.emptyBucket(name);
    await storage.deleteBucket(name);
  },
});
