/**
 * Seeds demo users, brand kits (with logos), jobs and assets (images need storage) for
 * trying the app by hand. Idempotent: run it as often as you like.
 *   npx nx run scripts:seed-test-db
 * Target: E2E_DATABASE_URL (+ E2E_STORAGE_URL, E2E_STORAGE_KEY), else the running local stack.
 */
import { parseArgs } from 'node:util';
import { redactUrl } from '@streamkit/e2e-fixtures/postgres';
import { withPool } from './src/database.ts';
import { seedDemoData } from './src/seed.ts';
import { createStorageClient } from '@streamkit/e2e-fixtures/storage';
import { resolveDataTarget } from '@streamkit/e2e-contract';

const USAGE = 'usage: seed-test-db [--help]';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { help: { type: 'boolean', short: 'h' } } });
  if (values.help) return void console.log(USAGE);
  const target = resolveDataTarget();
  const storage = target.storage && createStorageClient(target.storage.url, target.storage.key);
  const result = await withPool(target.databaseUrl, (pool) => seedDemoData(pool, storage));
  console.log(
    `seed-test-db: ${result.users} users, ${result.brandKits} brand kits, ${result.logos} logos, ${result.jobs} jobs, ${result.assets} assets ` +
      `in ${redactUrl(target.databaseUrl)} (${target.source}); ` +
      (storage ? `${result.objects} images in ${target.storage!.url}` : 'no storage configured, so no images'),
  );
}

main().catch((error: unknown) => {
  console.error(`seed-test-db: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
