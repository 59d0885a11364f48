import type pg from 'pg';
import { withServiceTransaction, withUserTransaction } from '../plugins/database.ts';

/** A user as the API shows it. */
export interface PublicUser {
  id: string;
  email: string;
  display_name: string;
  tier: string;
  created_at: string;
}

type Queryable = Pick<pg.Pool | pg.PoolClient, 'query'>;
type Row = Omit<PublicUser, 'created_at'> & { created_at: Date; password_hash: string | null };

/** What `authenticated` may read of its own row: everything but the password hash. */
const PUBLIC_COLUMNS = 'id, email::text as email, display_name, tier, created_at';
const COLUMNS = `${PUBLIC_COLUMNS}, password_hash`;

export class EmailTakenError extends Error {}

function toPublic({ id, email, display_name, tier, created_at }: Row): PublicUser {
  return { id, email, display_name, tier, created_at: created_at.toISOString() };
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string }).code === '23505';
}

export class Users {
  constructor(private readonly db: pg.Pool) {}

  /** The signed-in user's own row, read as them (RLS). */
  async findById(id: string): Promise<PublicUser | undefined> {
    const { rows } = await withUserTransaction(this.db, id, (client) =>
      client.query<Row>(`select ${PUBLIC_COLUMNS} from users where id = $1`, [id]),
    );
    return rows[0] && toPublic(rows[0]);
  }

  /** The user and their password hash (null for OAuth-only accounts), by email, case-insensitively. Privileged. */
  async findForLogin(email: string): Promise<{ user: PublicUser; passwordHash: string | null } | undefined> {
    const { rows } = await withServiceTransaction(this.db, (client) =>
      client.query<Row>(`select ${COLUMNS} from users where email = $1`, [email]),
    );
    return rows[0] && { user: toPublic(rows[0]), passwordHash: rows[0].password_hash };
  }

  /** Privileged (there is no user yet to act as): pass a service transaction's client to join it. */
  async create(
    input: { email: string; displayName: string; passwordHash: string | null },
    db?: Queryable,
  ): Promise<PublicUser> {
    if (!db) return withServiceTransaction(this.db, (client) => this.create(input, client));
    try {
      const { rows } = await db.query<Row>(
        `insert into users (email, display_name, password_hash) values ($1, $2, $3) returning ${COLUMNS}`,
        [input.email, input.displayName, input.passwordHash],
      );
      return toPublic(rows[0]!);
    } catch (error) {
      if (isUniqueViolation(error)) throw new EmailTakenError(input.email);
      throw error;
    }
  }

  /** The account with this email, made (without a password) if there is none: OAuth sign-in. */
  async findOrCreate(email: string, displayName: string): Promise<PublicUser> {
    const existing = await this.findForLogin(email);
    if (existing) return existing.user;
    try {
      return await this.create({ email, displayName, passwordHash: null });
    } catch (error) {
      // Two first sign-ins at once: the other one made it.
      if (!(error instanceof EmailTakenError)) throw error;
      const made = await this.findForLogin(email);
      if (!made) throw error;
      return made.user;
    }
  }

  /** Privileged: `authenticated` may not write its own hash. Runs in the caller's service transaction. */
  async setPasswordHash(userId: string, passwordHash: string, db: Queryable): Promise<void> {
    await db.query('update users set password_hash = $2 where id = $1', [userId, passwordHash]);
  }
}
