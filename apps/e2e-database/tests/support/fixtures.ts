import { test as base } from '@streamkit/e2e-fixtures/vitest';
import { createWorld } from './rows.ts';
import { RollbackTransaction } from './transaction.ts';

/**
 * The database phase's `test`: `tx` is a transaction on the worker's pool that is rolled back
 * after the test, pass or fail, so nothing a test writes is ever committed; `world` is two users
 * and one row of every table owned by the first, made inside that transaction.
 *
 * A test sees only its own uncommitted rows, so the spec files run their tests concurrently
 * (`describe.concurrent`, up to Vitest's `maxConcurrency` transactions at once): the phase is
 * round trips to the database, and waiting for them one test at a time was most of its time.
 */
export const test = base
  .extend('tx', async ({ db }, { onCleanup }) => {
    const client = await db.connect();
    await client.query('begin');
    onCleanup(async () => {
      try {
        // Also undoes the `set local role` and claims the test switched to.
        await client.query('rollback');
        client.release();
      } catch (error) {
        client.release(error as Error); // a connection in an unknown state is destroyed, not reused
        throw error;
      }
    });
    return new RollbackTransaction(client);
  })
  .extend('world', async ({ tx }) => createWorld(tx));

export { describe, expect } from '@streamkit/e2e-fixtures/vitest';
