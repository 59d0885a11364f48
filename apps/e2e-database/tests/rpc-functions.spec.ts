import { describe, expect, test } from './support/fixtures.ts';
import { TABLE_NAMES, TABLES_WITH_UPDATED_AT } from './support/expected-schema.ts';
import { insertRow, insertSql, SAMPLE_CHANGES, validValues, type Row } from './support/rows.ts';
import { SQLSTATE, type RollbackTransaction } from './support/transaction.ts';

/** The monthly generation limits the product promises, per tier. */
const MONTHLY_LIMITS = { free: 50, pro: 500, studio: 5000 } as const;
const BRAND_KITS_PER_USER = 10;

async function usageOf(tx: RollbackTransaction, userId: string) {
  const { rows } = await tx.query<{ count: number; period_start: Date; this_month: Date }>(
    `select usage_count as count, usage_period_start as period_start, date_trunc('month', now()) as this_month
       from public.users where id = $1`,
    [userId],
  );
  return rows[0]!;
}

const increment = (tx: RollbackTransaction, userId: string, amount?: number | null) =>
  amount === undefined
    ? tx.attempt<{ count: number }>('select public.increment_user_usage($1) as count', [userId])
    : tx.attempt<{ count: number }>('select public.increment_user_usage($1, $2) as count', [userId, amount]);

describe.concurrent('increment_user_usage', () => {
  test('adds one by default, or the amount, and returns the new count', async ({ tx, world }) => {
    expect(await increment(tx, world.owner.id), 'first increment').toMatchObject({ ok: true, rows: [{ count: 1 }] });
    expect(await increment(tx, world.owner.id, 5), 'increment by 5').toMatchObject({ ok: true, rows: [{ count: 6 }] });
    expect((await usageOf(tx, world.owner.id)).count, 'users.usage_count').toBe(6);
  });

  test.for(Object.entries(MONTHLY_LIMITS))(
    'reaches but never passes the %s tier limit of %i',
    async ([tier, limit], { tx, world }) => {
      await tx.query('update public.users set tier = $2, usage_count = $3 where id = $1', [
        world.owner.id,
        tier,
        limit - 2,
      ]);
      expect(await increment(tx, world.owner.id, 2), `increment to exactly ${limit}`).toMatchObject({
        ok: true,
        rows: [{ count: limit }],
      });

      const past = await increment(tx, world.owner.id);
      expect(past, `increment past the ${tier} limit`).toMatchObject({
        ok: false,
        error: { code: SQLSTATE.usageLimitReached },
      });
      if (!past.ok) {
        expect(past.error.message).toContain('monthly usage limit reached');
        expect(past.error.message).toContain(`${limit} of ${limit} generations on the ${tier} tier`);
      }
      expect((await usageOf(tx, world.owner.id)).count, 'usage after the refused increment').toBe(limit);
    },
  );

  test('refuses an amount that would overshoot the limit as a whole', async ({ tx, world }) => {
    await tx.query('update public.users set usage_count = $2 where id = $1', [world.owner.id, MONTHLY_LIMITS.free - 1]);
    expect(await increment(tx, world.owner.id, 5), 'increment by 5 with 1 left').toMatchObject({
      ok: false,
      error: { code: SQLSTATE.usageLimitReached },
    });
    expect((await usageOf(tx, world.owner.id)).count, 'usage after the refused increment').toBe(
      MONTHLY_LIMITS.free - 1,
    );
  });

  test('rejects a non-positive amount and an unknown user with clear errors', async ({ tx, world }) => {
    for (const amount of [0, -3, null]) {
      expect(await increment(tx, world.owner.id, amount), `amount ${amount}`).toMatchObject({
        ok: false,
        error: {
          code: SQLSTATE.invalidParameterValue,
          message: expect.stringContaining('amount must be a positive integer'),
        },
      });
    }
    expect(await increment(tx, '00000000-0000-4000-8000-000000000000'), 'unknown user').toMatchObject({
      ok: false,
      error: { code: SQLSTATE.noDataFound, message: expect.stringContaining('no user with id') },
    });
  });

  test('starts a new period when the last one ended before the monthly reset ran', async ({ tx, world }) => {
    await tx.query(
      `update public.users set usage_count = 50, usage_period_start = date_trunc('month', now()) - interval '1 month' where id = $1`,
      [world.owner.id],
    );
    expect(await increment(tx, world.owner.id), "increment at last month's limit").toMatchObject({
      ok: true,
      rows: [{ count: 1 }],
    });
    const usage = await usageOf(tx, world.owner.id);
    expect(usage.period_start, 'usage_period_start after the rollover').toEqual(usage.this_month);
  });

  test("is the API's alone: no user can raise anyone's usage, not even their own", async ({ tx, world }) => {
    for (const [who, become] of [
      ['another user', () => tx.asUser(world.other.id)],
      ['the owner', () => tx.asUser(world.owner.id)],
      ['anon', () => tx.asAnon()],
    ] as const) {
      await become();
      const result = await increment(tx, world.owner.id);
      expect(result, `increment_user_usage as ${who}`).toMatchObject({
        ok: false,
        error: { code: SQLSTATE.insufficientPrivilege, message: 'permission denied for function increment_user_usage' },
      });
      const reset = await tx.attempt('select public.reset_monthly_usage()');
      expect(reset, `reset_monthly_usage as ${who}`).toMatchObject({
        ok: false,
        error: { code: SQLSTATE.insufficientPrivilege },
      });
    }
    await tx.asServiceRole();
    expect(await increment(tx, world.owner.id, 3), 'increment_user_usage as service_role').toMatchObject({
      ok: true,
      rows: [{ count: 3 }],
    });
    await tx.asAdmin();
    expect((await usageOf(tx, world.owner.id)).count, "the owner's usage").toBe(3);
  });
});

describe.concurrent('reset_monthly_usage', () => {
  test('resets every user whose period ended, returns how many, and leaves current periods alone', async ({
    tx,
    world,
  }) => {
    const ended = world.owner.id;
    const current = world.other.id;
    await tx.query(
      `update public.users set usage_count = 42, usage_period_start = date_trunc('month', now()) - interval '1 month' where id = $1`,
      [ended],
    );
    await tx.query('update public.users set usage_count = 7 where id = $1', [current]);
    // Every user in the database counts, not only this test's: expect as many as have ended.
    const { rows } = await tx.query<{ n: number }>(
      `select count(*)::int as n from public.users where usage_period_start + interval '1 month' <= now()`,
    );

    const reset = await tx.query<{ n: number }>('select public.reset_monthly_usage() as n');
    expect(reset.rows[0]?.n, 'users reset').toBe(rows[0]?.n);
    expect(reset.rows[0]?.n).toBeGreaterThanOrEqual(1);
    const after = await usageOf(tx, ended);
    expect(after.count, 'usage of the user whose period ended').toBe(0);
    expect(after.period_start, 'their new period start').toEqual(after.this_month);
    expect((await usageOf(tx, current)).count, 'usage of the user in their current period').toBe(7);

    const again = await tx.query<{ n: number }>('select public.reset_monthly_usage() as n');
    expect(again.rows[0]?.n, 'users reset by a second call').toBe(0);
  });
});

describe.concurrent('brand kit limit', () => {
  test(`allows ${BRAND_KITS_PER_USER} brand kits per user and refuses one more with a clear error`, async ({
    tx,
    world,
  }) => {
    // The world's owner already has one kit.
    for (let n = 2; n <= BRAND_KITS_PER_USER; n++)
      await insertRow(tx, 'brand_kits', validValues('brand_kits', world.parents));
    await tx.asUser(world.owner.id);
    const eleventh = insertSql('brand_kits', validValues('brand_kits', world.parents));
    expect(
      await tx.attempt(eleventh.sql, eleventh.params),
      `brand kit number ${BRAND_KITS_PER_USER + 1}`,
    ).toMatchObject({
      ok: false,
      error: {
        code: SQLSTATE.brandKitLimitReached,
        message: expect.stringContaining(
          `brand kit limit reached: a user may have at most ${BRAND_KITS_PER_USER} brand kits`,
        ),
      },
    });
    // Room again after a delete; another user is not affected by this user's count.
    await tx.query('delete from public.brand_kits where id = $1', [world.rows.brand_kits.id]);
    expect(await tx.attempt(eleventh.sql, eleventh.params), 'a kit after deleting one').toMatchObject({ ok: true });
    await tx.asUser(world.other.id);
    const theirs = insertSql('brand_kits', validValues('brand_kits', { ...world.parents, userId: world.other.id }));
    expect(await tx.attempt(theirs.sql, theirs.params), "another user's first kit").toMatchObject({ ok: true });
  });

  test('also holds when a kit is moved to a user who has the maximum', async ({ tx, world }) => {
    for (let n = 2; n <= BRAND_KITS_PER_USER; n++)
      await insertRow(tx, 'brand_kits', validValues('brand_kits', world.parents));
    const theirs = await insertRow(
      tx,
      'brand_kits',
      validValues('brand_kits', { ...world.parents, userId: world.other.id }),
    );
    const moved = await tx.attempt('update public.brand_kits set user_id = $2 where id = $1', [
      theirs.id,
      world.owner.id,
    ]);
    expect(moved, 'moving a kit to a user with the maximum').toMatchObject({
      ok: false,
      error: { code: SQLSTATE.brandKitLimitReached },
    });
  });
});

describe.concurrent('row timestamps', () => {
  const longAgo = new Date('2020-01-01T00:00:00Z');

  test.for(TABLES_WITH_UPDATED_AT)(
    '%s: an update sets updated_at to now and keeps created_at',
    async (table, { tx, world }) => {
      const row = await insertRow(tx, table, {
        ...validValues(table, world.parents),
        created_at: longAgo,
        updated_at: longAgo,
      });
      const [column, value] = Object.entries(SAMPLE_CHANGES[table])[0]!;
      const { rows } = await tx.query<Row & { now: Date }>(
        // updated_at is set explicitly too: the trigger must not let a caller forge it.
        `update public.${table} set "${column}" = $2, updated_at = $3 where id = $1 returning *, now()`,
        [row.id, value, longAgo],
      );
      expect(rows[0]?.updated_at, `${table}.updated_at after an update`).toEqual(rows[0]?.now);
      expect(rows[0]?.created_at, `${table}.created_at after an update`).toEqual(longAgo);
    },
  );

  test.for(TABLE_NAMES)('%s: created_at cannot change', async (table, { tx, world }) => {
    const result = await tx.attempt(`update public.${table} set created_at = $2 where id = $1`, [
      world.rows[table].id,
      longAgo,
    ]);
    expect(result, `${table} UPDATE of created_at`).toMatchObject({
      ok: false,
      error: { code: SQLSTATE.immutableColumn, message: expect.stringContaining(`${table}.created_at cannot change`) },
    });
  });
});
