import { createHmac, timingSafeEqual } from 'node:crypto';
import { errors } from './errors.ts';

const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');

const signature = (secret: string, data: string) => createHmac('sha256', secret).update(data).digest();

/**
 * A signed-URL token as Supabase makes one: an HS256 JWT whose payload names the object
 * (`bucket/path`). Here the secret is the service key.
 */
export function signObjectToken(secret: string, url: string, expiresInSeconds: number, now = Date.now()): string {
  const iat = Math.floor(now / 1000);
  const payload = Buffer.from(JSON.stringify({ url, iat, exp: iat + expiresInSeconds })).toString('base64url');
  return `${HEADER}.${payload}.${signature(secret, `${HEADER}.${payload}`).toString('base64url')}`;
}

/** Returns the object (`bucket/path`) the token grants, or throws a 400 like Supabase. */
export function verifyObjectToken(secret: string, token: string, now = Date.now()): string {
  const [header, payload, signed, ...rest] = token.split('.');
  if (header !== HEADER || !payload || !signed || rest.length > 0) throw errors.invalidSignature('Invalid token');
  const expected = signature(secret, `${header}.${payload}`);
  const given = Buffer.from(signed, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw errors.invalidSignature();
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { url?: unknown; exp?: unknown };
  if (typeof claims.url !== 'string' || typeof claims.exp !== 'number') throw errors.invalidSignature('Invalid token');
  if (claims.exp * 1000 <= now) throw errors.expiredToken();
  return claims.url;
}
