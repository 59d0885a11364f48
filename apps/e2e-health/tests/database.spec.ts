import { expectReachable } from '@streamkit/e2e-fixtures';
import { describe, expect, test } from '@streamkit/e2e-fixtures/vitest';
import { EXPECTED_TABLES } from './expected-tables.ts';

describe('database health', () => {
  // First, and without fixtures: when database is down this is the failure that says what to do.
  test('is reachable', async ({ target }) => {
    await expectReachable('database', target);
  });

  test('connects', async ({ db }) => {
    const client = await db.connect();
    try {
      const { rows } = await client.query<{ version: string }>('select version()');
      expect(rows[0]?.version).toMatch(/^PostgreSQL \d+/);
    } finally {
      client.release();
    }
  });

  test('executes a simple query', async ({ db }) => {
    const { rows } = await db.query<{ sum: number }>('select $1::int + $2::int as sum', [20, 22]);
    expect(rows).toEqual([{ sum: 42 }]);
  });

  test('has every expected table', async ({ db }) => {
    const { rows } = await db.query<{ name: string }>(
      `select table_schema || '.' || table_name as name from information_schema.tables
        where table_type = 'BASE TABLE' and table_schema || '.' || table_name = any($1)`,
      [EXPECTED_TABLES],
    );
    const missing = EXPECTED_TABLES.filter((table) => !rows.some((row) => row.name === table));
    expect(missing, 'tables missing from the database').toEqual([]);
  });

  test('serves many concurrent queries from its pool and gets every client back', async ({ db }) => {
    const queries = Array.from({ length: 30 }, (_, n) =>
      db.query<{ n: number }>('select $1::int as n from pg_sleep(0.02)', [n]),
    );
    const results = await Promise.all(queries);
    expect(results.map((result) => result.rows[0]?.n)).toEqual(Array.from({ length: 30 }, (_, n) => n));
    expect(db.totalCount).toBeLessThanOrEqual(10);
    expect(db.waitingCount).toBe(0);
    expect(db.idleCount).toBe(db.totalCount);
  });
});
