import { createHash, createHmac, randomBytes, randomUUID } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';

export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
export const REFRESH_TOKEN_TTL_SECONDS = 30 * 24 * 60 * 60;
export const PASSWORD_RESET_TTL_SECONDS = 30 * 60;
/**
 * How long a used refresh token can be exchanged again (as Supabase's reuse interval): two tabs
 * that refresh together both stay signed in; after it, a second use is a replay.
 */
export const REFRESH_REUSE_GRACE_SECONDS = 10;

/** An unguessable bearer secret (256 bits) for refresh and password-reset tokens. */
export function newOpaqueToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * What the database keeps of an opaque token. A plain SHA-256 is enough here (unlike passwords):
 * the input has 256 bits of entropy, so there is nothing to brute-force, and the lookup needs a
 * deterministic hash. A leaked table therefore yields no usable token.
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** One secret, several keys: a key per purpose, so an access token can never pass as OAuth state. */
export function deriveKey(secret: string, purpose: 'access-token' | 'oauth-state' | 'logo-url'): Buffer {
  return createHmac('sha256', secret).update(`streamkit:${purpose}`).digest();
}

export interface AccessClaims {
  userId: string;
  /** The session: the refresh-token family this access token was issued for. */
  sessionId: string;
  jti: string;
  issuedAt: number;
  expiresAt: number;
}

export class AccessTokenError extends Error {
  constructor(readonly reason: 'expired' | 'invalid') {
    super(reason === 'expired' ? 'The access token has expired' : 'The access token is invalid');
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

const ISSUER = 'streamkit-api';
const AUDIENCE = 'streamkit';

/** Short-lived HS256 JWT access tokens. `now` is injectable so expiry can be tested. */
export class AccessTokens {
  private readonly key: Buffer;

  constructor(
    secret: string,
    private readonly now: () => number = Date.now,
    readonly ttlSeconds = ACCESS_TOKEN_TTL_SECONDS,
  ) {
    this.key = deriveKey(secret, 'access-token');
  }

  async sign(userId: string, sessionId: string): Promise<{ token: string; expiresIn: number }> {
    const issuedAt = Math.floor(this.now() / 1000);
    const token = await new SignJWT({ sid: sessionId })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setSubject(userId)
      .setJti(randomUUID())
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + this.ttlSeconds)
      .sign(this.key);
    return { token, expiresIn: this.ttlSeconds };
  }

  async verify(token: string): Promise<AccessClaims> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        issuer: ISSUER,
        audience: AUDIENCE,
        algorithms: ['HS256'],
        currentDate: new Date(this.now()),
        requiredClaims: ['sub', 'jti', 'iat', 'exp'],
      });
      // Both go into uuid columns: a token that passes the signature check with anything else
      // in them (a leaked secret, a token from another system) is invalid, not a database error.
      if (!isUuid(payload.sub) || !isUuid(payload.sid)) throw new AccessTokenError('invalid');
      return {
        userId: payload.sub!,
        sessionId: payload.sid,
        jti: payload.jti!,
        issuedAt: payload.iat!,
        expiresAt: payload.exp!,
      };
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw new AccessTokenError('expired');
      throw new AccessTokenError('invalid');
    }
  }
}
