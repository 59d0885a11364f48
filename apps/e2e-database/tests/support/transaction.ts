import type { DatabaseError, PoolClient, QueryResult, QueryResultRow } from 'pg';

/** The outcome of a statement that may legitimately fail: rows, or the database's error. */
export type Attempt<R extends QueryResultRow = QueryResultRow> =
  { ok: true; rows: R[]; rowCount: number } | { ok: false; error: DatabaseError };

export type Identity = { kind: 'admin' } | { kind: 'service_role' } | { kind: 'anon' } | { kind: 'user'; id: string };

/** How an identity reads in a failure message. */
export function describeIdentity(identity: Identity): string {
  return identity.kind === 'user' ? `authenticated user ${identity.id}` : identity.kind;
}

/**
 * One test's database session: a transaction that is rolled back when the test ends, in which
 * the identity is switched explicitly, as Supabase's servers do it (`set local role` plus the
 * JWT claims that `auth.uid()` reads). It starts as the connection's own (admin) role.
 */
export class RollbackTransaction {
  private savepoints = 0;
  identity: Identity = { kind: 'admin' };

  constructor(private readonly client: PoolClient) {}

  query<R extends QueryResultRow = QueryResultRow>(sql: string, params: unknown[] = []): Promise<QueryResult<R>> {
    return this.client.query<R>(sql, params);
  }

  /** Runs a statement inside a savepoint, so an error leaves the transaction usable. */
  async attempt<R extends QueryResultRow = QueryResultRow>(sql: string, params: unknown[] = []): Promise<Attempt<R>> {
    const savepoint = `attempt_${++this.savepoints}`;
    await this.client.query(`savepoint ${savepoint}`);
    try {
      const result = await this.client.query<R>(sql, params);
      await this.client.query(`release savepoint ${savepoint}`);
      return { ok: true, rows: result.rows, rowCount: result.rowCount ?? 0 };
    } catch (error) {
      await this.client.query(`rollback to savepoint ${savepoint}`);
      if (!isDatabaseError(error)) throw error;
      return { ok: false, error };
    }
  }

  /** `authenticated`, with `auth.uid()` = `userId`. */
  asUser(userId: string): Promise<void> {
    return this.become({ kind: 'user', id: userId }, 'authenticated', { sub: userId, role: 'authenticated' });
  }

  asAnon(): Promise<void> {
    return this.become({ kind: 'anon' }, 'anon', { role: 'anon' });
  }

  asServiceRole(): Promise<void> {
    return this.become({ kind: 'service_role' }, 'service_role', { role: 'service_role' });
  }

  /** Back to the connection's own role: the superuser on the local stack, which bypasses RLS. */
  async asAdmin(): Promise<void> {
    await this.client.query('reset role');
    await this.client.query(`select set_config('request.jwt.claims', '', true)`);
    this.identity = { kind: 'admin' };
  }

  /** Runs `fn` as the admin, then switches back to the current identity. */
  async asAdminFor<T>(fn: () => Promise<T>): Promise<T> {
    const previous = this.identity;
    await this.asAdmin();
    try {
      return await fn();
    } finally {
      await this.switchTo(previous);
    }
  }

  switchTo(identity: Identity): Promise<void> {
    switch (identity.kind) {
      case 'admin':
        return this.asAdmin();
      case 'service_role':
        return this.asServiceRole();
      case 'anon':
        return this.asAnon();
      case 'user':
        return this.asUser(identity.id);
    }
  }

  private async become(identity: Identity, role: string, claims: Record<string, string>): Promise<void> {
    // Role names cannot be bound as parameters; these three are fixed strings.
    await this.client.query(`set local role ${role}`);
    // set_config(..., true) is `set local request.jwt.claims = ...` with the value bound safely.
    await this.client.query(`select set_config('request.jwt.claims', $1, true)`, [JSON.stringify(claims)]);
    this.identity = identity;
  }
}

export function isDatabaseError(error: unknown): error is DatabaseError {
  return error instanceof Error && typeof (error as { code?: unknown }).code === 'string';
}

/** SQLSTATEs the tests expect, named. */
export const SQLSTATE = {
  insufficientPrivilege: '42501', // also "new row violates row-level security policy"
  foreignKeyViolation: '23503',
  uniqueViolation: '23505',
  checkViolation: '23514',
  invalidParameterValue: '22023',
  noDataFound: 'P0002',
  usageLimitReached: 'SK001',
  brandKitLimitReached: 'SK002',
  immutableColumn: 'SK003',
} as const;
