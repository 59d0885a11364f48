import { fileURLToPath } from 'node:url';
import type { FastifyBaseLogger } from 'fastify';
import { runner } from 'node-pg-migrate';

const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations', import.meta.url));

/**
 * Our own advisory-lock id: the API migrates the same database with node-pg-migrate's default
 * lock, and `runner` fails instead of waiting when the lock is taken.
 */
const STORAGE_MIGRATION_LOCK = 7241865325823965;

/** Applies `apps/storage/migrations` to schema `storage`, as the Supabase storage service does at start. */
export async function migrate(databaseUrl: string, log: FastifyBaseLogger): Promise<void> {
  await runner({
    // A URL, not a pool client: the runner changes the session's search_path and then ends it.
    databaseUrl,
    dir: MIGRATIONS_DIR,
    direction: 'up',
    schema: 'storage',
    createSchema: true,
    migrationsSchema: 'storage',
    createMigrationsSchema: true,
    migrationsTable: 'pgmigrations',
    lockValue: STORAGE_MIGRATION_LOCK,
    logger: {
      debug: () => undefined,
      info: () => undefined,
      warn: (message: string) => log.warn(message),
      error: (message: string) => log.error(message),
    },
  });
}
