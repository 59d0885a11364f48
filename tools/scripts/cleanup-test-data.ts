/**
 * Deletes what test runs left behind: rows and storage objects named by the fixtures'
 * `uniqueName` (with a run id), plus everything the matched users own. Other data is never touched.
 *   npx nx run scripts:cleanup-test-data                          # every test run's data
 *   npx nx run scripts:cleanup-test-data -- --prefix e2emh3x9k2p  # one run's
 *   npx nx run scripts:cleanup-test-data -- --dry-run             # list, delete nothing
 * Target: E2E_DATABASE_URL + E2E_STORAGE_URL + E2E_STORAGE_KEY, else the running local stack.
 */
import { parseArgs } from 'node:util';
import { applyCleanup, planCleanup, type CleanupPlan } from './src/cleanup.ts';
import { redactUrl } from '@streamkit/e2e-fixtures/postgres';
import { withPool } from './src/database.ts';
import { createStorageClient } from '@streamkit/e2e-fixtures/storage';
import { resolveDataTarget } from '@streamkit/e2e-contract';
import { PatternError, testDataPattern } from './src/test-data-pattern.ts';

const USAGE = `usage: cleanup-test-data [--prefix <runId>] [--dry-run] [--skip-storage]
  --prefix <runId>  only this run's data (default: every run id matching e2e[0-9a-z]+)
  --dry-run         list what would be deleted, delete nothing
  --skip-storage    rows only (objects the rows point at are then left behind)`;

function describePlan(plan: CleanupPlan): string[] {
  const lines: string[] = [];
  const tables = [...new Set(plan.matched.map((row) => row.table))];
  for (const table of tables) {
    const rows = plan.matched.filter((row) => row.table === table);
    lines.push(`  ${table} (${rows.length})`, ...rows.map((row) => `    ${row.name}`));
  }
  const owned = Object.entries(plan.owned).map(([table, n]) => `${table} ${n}`);
  if (owned.length > 0) lines.push(`  and what those users own: ${owned.join(', ')}`);
  if (plan.objects.length > 0) {
    lines.push(`  storage objects (${plan.objects.length})`, ...plan.objects.map((o) => `    ${o.bucket}/${o.path}`));
  }
  return lines;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      prefix: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      'skip-storage': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return void console.log(USAGE);
  const pattern = testDataPattern(values.prefix);
  const target = resolveDataTarget();
  if (!target.storage && !values['skip-storage']) {
    throw new Error(
      'no storage target: set E2E_STORAGE_URL and E2E_STORAGE_KEY, or pass --skip-storage to clean rows only',
    );
  }
  const storage = values['skip-storage'] ? undefined : createStorageClient(target.storage!.url, target.storage!.key);
  const what = values.prefix ? `run ${values.prefix}` : 'every test run (any run id)';
  const where = `${redactUrl(target.databaseUrl)} (${target.source})${storage ? ` and ${target.storage!.url}` : ''}`;

  await withPool(target.databaseUrl, async (pool) => {
    const plan = await planCleanup(pool, storage, pattern);
    const lines = describePlan(plan);
    if (lines.length === 0) return void console.log(`cleanup-test-data: nothing of ${what} in ${where}`);
    if (values['dry-run']) {
      console.log(`cleanup-test-data: would delete, for ${what}, in ${where}:\n${lines.join('\n')}`);
      return;
    }
    const result = await applyCleanup(pool, storage, plan);
    const rows =
      Object.entries(result.rows)
        .map(([table, n]) => `${table} ${n}`)
        .join(', ') || 'no rows';
    console.log(`cleanup-test-data: deleted data of ${what} in ${where}: ${rows}; ${result.objects} storage objects`);
  });
}

main().catch((error: unknown) => {
  const usage =
    error instanceof PatternError || String((error as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS');
  console.error(
    `cleanup-test-data: ${error instanceof Error ? error.message : String(error)}${usage ? `\n${USAGE}` : ''}`,
  );
  process.exitCode = 1;
});
