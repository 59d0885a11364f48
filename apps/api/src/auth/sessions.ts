import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { Redis } from 'ioredis';
import {
  ACCESS_TOKEN_TTL_SECONDS,
  type AccessTokens,
  hashToken,
  newOpaqueToken,
  REFRESH_REUSE_GRACE_SECONDS,
  REFRESH_TOKEN_TTL_SECONDS,
} from './tokens.ts';
import { redisOrUnavailable } from '../plugins/redis.ts';
import { withServiceTransaction } from '../plugins/database.ts';

export interface TokenPair {
  access_token: string;
  refresh_token: string;
  expires_in: number;
}

type Queryable = Pick<pg.Pool | pg.PoolClient, 'query'>;

export class RefreshTokenError extends Error {
  constructor(readonly reason: 'unknown' | 'expired' | 'revoked' | 'reused') {
    super(
      {
        unknown: 'The refresh token is not valid',
        expired: 'The refresh token has expired; sign in again',
        revoked: 'The session has ended; sign in again',
        reused: 'The refresh token was already used; the session has been revoked, sign in again',
      }[reason],
    );
  }
}

const revokedKey = (sessionId: string) => `auth:revoked-session:${sessionId}`;

/**
 * A session is a refresh-token family: every refresh rotates the token within the family, and
 * every access token carries the family id as `sid`.
 *
 * Revoking a session marks its rows in the database (refresh is refused from then on) and writes
 * `auth:revoked-session:<sid>` to Redis for one access-token lifetime, so access tokens already
 * handed out stop working at once. Checking Redis costs one round trip per authenticated request
 * and leaves the database alone; the key expires by itself when the last token it covers would
 * have. (If Redis lost its data, revoked access tokens would live on for at most 15 minutes;
 * refresh tokens would still be refused, by the database.)
 */
export class Sessions {
  constructor(
    private readonly db: pg.Pool,
    private readonly redis: Redis,
    private readonly accessTokens: AccessTokens,
  ) {}

  /**
   * Starts a new session (family) for the user. Pass a service transaction's client to join it.
   * Every write to auth_tokens here is privileged (withServiceTransaction): the table is the API's.
   */
  start(userId: string, db?: Queryable): Promise<TokenPair> {
    if (!db) return withServiceTransaction(this.db, (client) => this.issue(client, userId, randomUUID()));
    return this.issue(db, userId, randomUUID());
  }

  /**
   * Trades a refresh token for a new pair in the same session. Presenting it again within
   * REFRESH_REUSE_GRACE_SECONDS of its first use gets another pair of the same session: two tabs
   * that refresh at once both stay signed in. Later, it is a replay (a stolen token, most likely)
   * and ends the session.
   */
  async rotate(refreshToken: string): Promise<TokenPair> {
    const outcome = await withServiceTransaction(this.db, async (client): Promise<TokenPair | RefreshTokenError> => {
      // The row lock queues concurrent refreshes with the same token one behind the other.
      const { rows } = await client.query<{ id: string; user_id: string; family: string; state: string }>(
        `select id, user_id, family,
                case when revoked_at is not null then 'revoked'
                     when used_at is not null and used_at > now() - make_interval(secs => $2) and expires_at > now() then 'in_grace'
                     when used_at is not null then 'reused'
                     when expires_at <= now() then 'expired'
                     else 'fresh' end as state
           from auth_tokens where token_hash = $1 and kind = 'refresh'
            for update`,
        [hashToken(refreshToken), REFRESH_REUSE_GRACE_SECONDS],
      );
      const row = rows[0];
      if (!row) return new RefreshTokenError('unknown');
      switch (row.state) {
        case 'fresh':
          await client.query('update auth_tokens set used_at = now() where id = $1', [row.id]);
          return this.issue(client, row.user_id, row.family);
        case 'in_grace':
          return this.issue(client, row.user_id, row.family);
        case 'reused':
          // Someone holds a token that was traded a while ago: assume it was stolen, end the session.
          await this.revokeFamilyIn(client, row.family);
          return new RefreshTokenError('reused');
        default:
          return new RefreshTokenError(row.state as 'revoked' | 'expired');
      }
    });
    // Returned, not thrown, inside the transaction: a replay's revocation must be committed.
    if (outcome instanceof RefreshTokenError) throw outcome;
    return outcome;
  }

  /** Ends one session. `userId`, when given, keeps a caller from ending someone else's. */
  async revokeFamily(family: string, userId?: string): Promise<void> {
    await withServiceTransaction(this.db, (client) => this.revokeFamilyIn(client, family, userId));
  }

  /**
   * Marks the session's refresh tokens revoked and, before the transaction commits, blocks its
   * access tokens in Redis: with Redis down this fails (503) and nothing is revoked half-way.
   */
  private async revokeFamilyIn(client: Queryable, family: string, userId?: string): Promise<void> {
    const { rowCount } = await client.query(
      `update auth_tokens set revoked_at = now()
        where family = $1 and kind = 'refresh' and revoked_at is null and ($2::uuid is null or user_id = $2)`,
      [family, userId ?? null],
    );
    // Only block access tokens of a family the caller may end (or that a trusted caller named).
    if (userId === undefined || rowCount) await this.markRevoked([family]);
  }

  /**
   * Ends every session of a user (password reset), or every one but `keep` (a password change
   * keeps the session that made it). Call `markRevoked` with the result before commit.
   */
  async revokeAllForUser(userId: string, db: Queryable, keep?: string): Promise<string[]> {
    const { rows } = await db.query<{ family: string }>(
      `update auth_tokens set revoked_at = now()
        where user_id = $1 and kind = 'refresh' and revoked_at is null and ($2::uuid is null or family <> $2)
        returning family`,
      [userId, keep ?? null],
    );
    return [...new Set(rows.map((row) => row.family))];
  }

  async markRevoked(sessionIds: string[]): Promise<void> {
    if (sessionIds.length === 0) return;
    const batch = this.redis.multi();
    for (const id of sessionIds) batch.set(revokedKey(id), '1', 'EX', ACCESS_TOKEN_TTL_SECONDS);
    const results = await redisOrUnavailable(() => batch.exec());
    const failed = results?.find(([error]) => error)?.[0];
    if (!results || failed) throw failed ?? new Error('redis transaction aborted');
  }

  async isRevoked(sessionId: string): Promise<boolean> {
    return (await redisOrUnavailable(() => this.redis.exists(revokedKey(sessionId)))) === 1;
  }

  private async issue(db: Queryable, userId: string, family: string): Promise<TokenPair> {
    const refreshToken = newOpaqueToken();
    await db.query(
      `insert into auth_tokens (user_id, kind, token_hash, family, expires_at)
       values ($1, 'refresh', $2, $3, now() + make_interval(secs => $4))`,
      [userId, hashToken(refreshToken), family, REFRESH_TOKEN_TTL_SECONDS],
    );
    const { token, expiresIn } = await this.accessTokens.sign(userId, family);
    return { access_token: token, refresh_token: refreshToken, expires_in: expiresIn };
  }
}
