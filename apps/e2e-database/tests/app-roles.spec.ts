import { describe, expect, test } from './support/fixtures.ts';
import type { RollbackTransaction } from './support/transaction.ts';

interface LoginRole {
  role: string;
  superuser: boolean;
  bypassrls: boolean;
  inherits: boolean;
  reads_users_directly: boolean;
}

/**
 * The role each app is connected as right now, seen from the server (pg_stat_activity): the
 * deployment's truth, not its configuration. `touch` makes the app use its pool first.
 */
async function connectedRole(tx: RollbackTransaction, application: string, touch: () => Promise<unknown>) {
  let found: LoginRole | undefined;
  await expect
    .poll(
      async () => {
        await touch();
        const { rows } = await tx.query<LoginRole>(
          `select r.rolname as role, r.rolsuper as superuser, r.rolbypassrls as bypassrls, r.rolinherit as inherits,
                  has_table_privilege(r.oid, 'public.users', 'select') as reads_users_directly
             from pg_stat_activity a join pg_roles r on r.oid = a.usesysid
            where a.application_name = $1 limit 1`,
          [application],
        );
        found = rows[0];
        return found?.role;
      },
      { message: `a connection from ${application} in pg_stat_activity`, timeout: 5000 },
    )
    .toBeDefined();
  return found!;
}

describe('the apps connect as roles row-level security applies to', () => {
  test('the API: no superuser, no BYPASSRLS, no table privileges of its own; it may become authenticated', async ({
    tx,
    api,
  }) => {
    const role = await connectedRole(tx, 'streamkit-api', () => api.get('/health'));
    expect(role, `the API's login role ${role.role}`).toMatchObject({
      superuser: false,
      bypassrls: false,
      inherits: false,
      reads_users_directly: false,
    });
    const { rows } = await tx.query<{ member: boolean }>(
      `select pg_has_role($1, 'authenticated', 'member') as member`,
      [role.role],
    );
    expect(rows[0]?.member, `${role.role} may switch to authenticated (withUserTransaction)`).toBe(true);
  });

  test('the storage service: no superuser, no BYPASSRLS', async ({ tx, storage }) => {
    const role = await connectedRole(tx, 'streamkit-storage', () => storage.listBuckets());
    expect(role, `the storage service's login role ${role.role}`).toMatchObject({ superuser: false, bypassrls: false });
  });
});
