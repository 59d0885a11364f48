import { randomUUID } from 'node:crypto';
import { describe, expect, test } from './support/fixtures.ts';
import { TABLE_NAMES, type TableName } from './support/expected-schema.ts';
import { insertRow, insertSql, SAMPLE_CHANGES, userValues, validValues, type World } from './support/rows.ts';
import { describeIdentity, SQLSTATE, type Attempt, type RollbackTransaction } from './support/transaction.ts';

type Operation = 'select' | 'insert' | 'update' | 'delete';
type Actor = 'owner' | 'another user' | 'anon';
const OPERATIONS: Operation[] = ['select', 'insert', 'update', 'delete'];
const ACTORS: Actor[] = ['owner', 'another user', 'anon'];

/** What each actor may do to the owner's rows: the policy contract, for every table alike. */
const EXPECTED: Record<Operation, Record<Actor, string>> = {
  select: { owner: '1 row', 'another user': '0 rows', anon: '0 rows' },
  insert: { owner: '1 row', 'another user': 'refused (42501)', anon: 'refused (42501)' },
  update: { owner: '1 row', 'another user': '0 rows', anon: '0 rows' },
  delete: { owner: '1 row', 'another user': '0 rows', anon: '0 rows' },
};

/**
 * Where a table departs from that contract. auth_tokens (sessions, reset links) are the API's to
 * write: an owner who could update them could un-revoke a session or un-use a reset link, so
 * `authenticated` may only read its own, and anon may not even look.
 */
const EXCEPTIONS: Partial<Record<TableName, Partial<Record<Operation, Partial<Record<Actor, string>>>>>> = {
  auth_tokens: {
    select: { anon: 'refused (42501)' },
    insert: { owner: 'refused (42501)', 'another user': 'refused (42501)', anon: 'refused (42501)' },
    update: { owner: 'refused (42501)', 'another user': 'refused (42501)', anon: 'refused (42501)' },
    delete: { owner: 'refused (42501)', 'another user': 'refused (42501)', anon: 'refused (42501)' },
  },
};

const expected = (table: TableName, op: Operation, actor: Actor) =>
  EXCEPTIONS[table]?.[op]?.[actor] ?? EXPECTED[op][actor];

/** A new row owned by the world's owner — for users, a brand-new user inserting their own row. */
function newRow(table: TableName, world: World): { ownerId: string; values: Record<string, unknown> } {
  if (table !== 'users') return { ownerId: world.owner.id, values: validValues(table, world.parents) };
  const id = randomUUID();
  return { ownerId: id, values: { id, ...userValues() } };
}

function outcome(result: Attempt): string {
  if (!result.ok) return `refused (${result.error.code})`;
  return `${result.rowCount} row${result.rowCount === 1 ? '' : 's'}`;
}

/** Runs one operation on `table` as `actor`; the owner's row is the target of select/update/delete. */
async function perform(tx: RollbackTransaction, world: World, table: TableName, op: Operation, actor: Actor) {
  const target = world.rows[table].id;
  const inserted = newRow(table, world);
  const actAs = { owner: op === 'insert' ? inserted.ownerId : world.owner.id, 'another user': world.other.id };
  if (actor === 'anon') await tx.asAnon();
  else await tx.asUser(actAs[actor]);

  const [column, value] = Object.entries(SAMPLE_CHANGES[table])[0]!;
  // `id`, not `*`: no one but the API may read users.password_hash (its own test, below).
  const statement = {
    select: { sql: `select id from public.${table} where id = $1`, params: [target] },
    insert: insertSql(table, inserted.values, 'id'),
    update: { sql: `update public.${table} set "${column}" = $2 where id = $1 returning id`, params: [target, value] },
    delete: { sql: `delete from public.${table} where id = $1 returning id`, params: [target] },
  }[op];
  return tx.attempt(statement.sql, statement.params);
}

describe.concurrent('row-level security', () => {
  test('is enabled and forced on every app table', async ({ tx }) => {
    const { rows } = await tx.query<{ table: string; enabled: boolean; forced: boolean }>(
      `select relname as table, relrowsecurity as enabled, relforcerowsecurity as forced
         from pg_class where oid = any($1::regclass[]) order by relname`,
      [TABLE_NAMES.map((t) => `public.${t}`)],
    );
    expect(
      rows.filter((r) => !r.enabled || !r.forced),
      'tables without RLS enabled and forced',
    ).toEqual([]);
    expect(rows).toHaveLength(TABLE_NAMES.length);
  });

  test('anon and authenticated hold privileges only on tables under forced RLS, and never TRUNCATE', async ({ tx }) => {
    const { rows } = await tx.query<{ relation: string; role: string; privilege: string }>(
      `select c.oid::regclass::text as relation, r.role, p.privilege
         from pg_class c
         join pg_namespace n on n.oid = c.relnamespace
         cross join unnest(array['anon', 'authenticated']) r(role)
         cross join unnest(array['select', 'insert', 'update', 'delete', 'truncate']) p(privilege)
        where c.relkind in ('r', 'p', 'v', 'm', 'f')
          and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg_toast%'
          and has_table_privilege(r.role, c.oid, p.privilege)
          and (p.privilege = 'truncate' or not (c.relrowsecurity and c.relforcerowsecurity))
        order by 1, 2, 3`,
    );
    expect(rows, 'privileges that row-level security does not guard').toEqual([]);
  });

  for (const table of TABLE_NAMES) {
    describe(table, () => {
      for (const op of OPERATIONS) {
        for (const actor of ACTORS) {
          test(`${op} as ${actor}: ${expected(table, op, actor)}`, async ({ tx, world }) => {
            const result = await perform(tx, world, table, op, actor);
            const said = result.ok ? '' : ` — the database said: ${result.error.message}`;
            expect(
              outcome(result),
              `RLS ${table} ${op.toUpperCase()} as ${actor} (${describeIdentity(tx.identity)})${said}`,
            ).toBe(expected(table, op, actor));

            if (actor !== 'owner' && (op === 'update' || op === 'delete')) {
              const [column] = Object.keys(SAMPLE_CHANGES[table]);
              const { rows } = await tx.asAdminFor(() =>
                tx.query(`select "${column}" as value from public.${table} where id = $1`, [world.rows[table].id]),
              );
              expect(rows, `RLS ${table} ${op.toUpperCase()} as ${actor}: the owner's row afterwards`).toEqual([
                { value: world.rows[table][column!] },
              ]);
            }
          });
        }
      }
    });
  }
});

describe.concurrent('public assets', () => {
  test('are readable by anon and by any user; private ones only by their owner', async ({ tx, world }) => {
    const shared = await insertRow(tx, 'assets', { ...validValues('assets', world.parents), is_public: true });
    const hidden = world.rows.assets.id;
    const visible = async () =>
      (await tx.query<{ id: string }>('select id from public.assets where id = any($1)', [[shared.id, hidden]])).rows
        .map((r) => r.id)
        .sort();

    await tx.asAnon();
    expect(await visible(), 'assets visible to anon').toEqual([shared.id]);
    await tx.asUser(world.other.id);
    expect(await visible(), 'assets visible to another user').toEqual([shared.id]);
    await tx.asUser(world.owner.id);
    expect(await visible(), 'assets visible to their owner').toEqual([shared.id, hidden].sort());
  });

  test('stay read-only for anyone but their owner', async ({ tx, world }) => {
    const shared = await insertRow(tx, 'assets', { ...validValues('assets', world.parents), is_public: true });
    for (const become of [() => tx.asAnon(), () => tx.asUser(world.other.id)]) {
      await become();
      const who = describeIdentity(tx.identity);
      const update = await tx.attempt('update public.assets set is_public = false where id = $1', [shared.id]);
      expect(outcome(update), `RLS assets UPDATE of a public asset as ${who}`).toBe('0 rows');
      const remove = await tx.attempt('delete from public.assets where id = $1', [shared.id]);
      expect(outcome(remove), `RLS assets DELETE of a public asset as ${who}`).toBe('0 rows');
    }
  });
});

describe.concurrent('ownership cannot be borrowed or given away', () => {
  test("a user cannot point a job at another user's brand kit, or an asset at another user's job", async ({
    tx,
    world,
  }) => {
    await tx.asUser(world.other.id);
    const parents = { ...world.parents, userId: world.other.id };
    const job = insertSql('generation_jobs', validValues('generation_jobs', parents));
    expect(
      outcome(await tx.attempt(job.sql, job.params)),
      "RLS generation_jobs INSERT with another user's brand_kit_id",
    ).toBe('refused (42501)');
    const asset = insertSql('assets', validValues('assets', parents));
    expect(outcome(await tx.attempt(asset.sql, asset.params)), "RLS assets INSERT with another user's job_id").toBe(
      'refused (42501)',
    );
  });

  test('an owner cannot hand a row to another user', async ({ tx, world }) => {
    await tx.asUser(world.owner.id);
    for (const table of ['brand_kits', 'generation_jobs', 'assets', 'coach_sessions', 'auth_tokens'] as const) {
      const result = await tx.attempt(`update public.${table} set user_id = $2 where id = $1`, [
        world.rows[table].id,
        world.other.id,
      ]);
      expect(outcome(result), `RLS ${table} UPDATE of user_id to another user`).toBe('refused (42501)');
    }
  });

  test('an owner cannot lift their own tier or reset their own usage', async ({ tx, world }) => {
    await tx.asUser(world.owner.id);
    for (const change of ["tier = 'studio'", 'usage_count = 0', `usage_period_start = now()`, `password_hash = 'x'`]) {
      const result = await tx.attempt(`update public.users set ${change} where id = $1`, [world.owner.id]);
      expect(outcome(result), `users UPDATE set ${change} as the owner`).toBe(
        `refused (${SQLSTATE.insufficientPrivilege})`,
      );
    }
  });

  test('a user cannot read any password hash, not even their own', async ({ tx, world }) => {
    await tx.asUser(world.owner.id);
    const own = await tx.attempt('select password_hash from public.users where id = $1', [world.owner.id]);
    expect(outcome(own), 'users SELECT password_hash of their own row').toBe(
      `refused (${SQLSTATE.insufficientPrivilege})`,
    );
    const visible = await tx.attempt('select id, email, display_name, tier from public.users where id = $1', [
      world.owner.id,
    ]);
    expect(outcome(visible), 'users SELECT of the other columns of their own row').toBe('1 row');
  });

  test('a user cannot revive a revoked session or reuse a used token of their own', async ({ tx, world }) => {
    const token = world.rows.auth_tokens.id;
    await tx.asAdminFor(() =>
      tx.query('update public.auth_tokens set revoked_at = now(), used_at = now() where id = $1', [token]),
    );
    await tx.asUser(world.owner.id);
    for (const change of ['revoked_at = null', 'used_at = null', "expires_at = now() + interval '1 year'"]) {
      const result = await tx.attempt(`update public.auth_tokens set ${change} where id = $1`, [token]);
      expect(outcome(result), `auth_tokens UPDATE set ${change} as the owner`).toBe(
        `refused (${SQLSTATE.insufficientPrivilege})`,
      );
    }
    const seen = await tx.attempt('select id from public.auth_tokens where id = $1', [token]);
    expect(outcome(seen), 'auth_tokens SELECT of their own row').toBe('1 row');
  });

  test('service_role bypasses row-level security', async ({ tx, world }) => {
    await tx.asServiceRole();
    const { rows } = await tx.query('select id from public.users where id = any($1)', [
      [world.owner.id, world.other.id],
    ]);
    expect(rows, 'users visible to service_role').toHaveLength(2);
    const update = await tx.attempt('update public.brand_kits set name = $2 where id = $1', [
      world.rows.brand_kits.id,
      'By service',
    ]);
    expect(outcome(update), 'brand_kits UPDATE as service_role').toBe('1 row');
  });
});
