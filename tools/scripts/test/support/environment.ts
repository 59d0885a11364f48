import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import { test as base } from 'vitest';
import { createStorageClient, type StorageClient } from '@streamkit/e2e-fixtures/storage';
// The storage team's throwaway-PostgreSQL helper and server: the real things, not look-alikes.
import { buildApp } from '@streamkit/storage/app';
import { startPostgres, type TestPostgres } from '@streamkit/storage/testing/postgres';

export const WORKSPACE = fileURLToPath(new URL('../../../../', import.meta.url));
const SERVICE_KEY = 'scripts-test-service-key-0123456789';
/** The stack's buckets (tools/stack/src/local-stack.ts). */
const BUCKETS = [
  { id: 'assets', public: false },
  { id: 'uploads', public: false },
  { id: 'logos', public: false },
  { id: 'brand-assets', public: true },
];

const run = promisify(execFile);

/** Applies the API's migrations the way the stack does: its own `npm run migrate`. */
export async function migrate(databaseUrl: string): Promise<void> {
  await run('npm', ['run', '--silent', 'migrate'], {
    cwd: join(WORKSPACE, 'apps/api'),
    env: { ...process.env, DATABASE_URL: databaseUrl },
  });
}

export interface Environment {
  postgres: TestPostgres;
  pool: pg.Pool;
  storageUrl: string;
  storageKey: string;
  storage: StorageClient;
  /** The variables the scripts read to find this environment. */
  env: Record<string, string>;
}

/**
 * One migrated PostgreSQL and one real storage server per spec file, stopped after it. Tests in
 * a file share them, so each test makes data under its own run ids.
 */
export const test = base.extend<{ $file: { environment: Environment } }>({
  environment: [
    async ({}, use) => {
      const postgres = await startPostgres();
      const dataDir = await mkdtemp(join(tmpdir(), 'scripts-storage-'));
      const pool = new pg.Pool({ connectionString: postgres.url, max: 4 });
      // pool.end() does not wait for its sockets to close: the server's shutdown notice may still
      // reach a client that is on its way out, and an unhandled client error fails the file.
      pool.on('connect', (client) => client.on('error', () => undefined));
      // An idle client's error is re-emitted by the pool, and an 'error' nobody listens to throws.
      pool.on('error', () => undefined);
      try {
        await migrate(postgres.url);
        const app = await buildApp({
          host: '127.0.0.1',
          port: 0,
          databaseUrl: postgres.url,
          dataDir,
          serviceKey: SERVICE_KEY,
          buckets: BUCKETS,
          fileSizeLimit: 10 * 1024 * 1024,
          logLevel: 'warn',
        });
        const storageUrl = await app.listen({ host: '127.0.0.1', port: 0 });
        try {
          await use({
            postgres,
            pool,
            storageUrl,
            storageKey: SERVICE_KEY,
            storage: createStorageClient(storageUrl, SERVICE_KEY),
            env: { E2E_DATABASE_URL: postgres.url, E2E_STORAGE_URL: storageUrl, E2E_STORAGE_KEY: SERVICE_KEY },
          });
        } finally {
          await app.close();
        }
      } finally {
        await pool.end();
        await postgres.stop();
        await rm(dataDir, { recursive: true, force: true });
      }
    },
    { scope: 'file' },
  ],
});

export { describe, expect } from 'vitest';

/** Runs one of the scripts as its Nx target does (`tsx <script>`), with `env` as its target. */
export async function runScript(script: string, args: string[], env: Record<string, string>) {
  try {
    const { stdout, stderr } = await run(
      join(WORKSPACE, 'node_modules/.bin/tsx'),
      [join(WORKSPACE, 'tools/scripts', script), ...args],
      {
        cwd: WORKSPACE,
        env: { ...process.env, ...env },
      },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? 1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}
