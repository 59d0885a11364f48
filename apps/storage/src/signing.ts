import { createHmac, timingSafeEqual } from 'node:crypto';
import { errors } from './errors.ts';

const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');

const signature = (secret: string, data: string) => createHmac('sha256', secret).update(data).digest();

/**
 * A signed-URL token as Supabase makes one: an HS256 JWT whose payload names the object
 * (`bucket/path`). Here the secret is the service key.
 */
export function signObjectToken(
  secret: string,
  url: string,
  expiresInSeconds: number,
  now = Date.now(),
  purpose: TokenPurpose = 'download',
): string {
  const iat = Math.floor(now / 1000);
  // An upload token says so: a signed download URL must never be usable to overwrite the object.
  const claims = { url, iat, exp: iat + expiresInSeconds, ...(purpose === 'upload' ? { upload: true } : {}) };
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${HEADER}.${payload}.${signature(secret, `${HEADER}.${payload}`).toString('base64url')}`;
}

export type TokenPurpose = 'download' | 'upload';

/** Returns the object (`bucket/path`) the token grants for `purpose`, or throws a 400 like Supabase. */
export function verifyObjectToken(
  secret: string,
  token: string,
  now = Date.now(),
  purpose: TokenPurpose = 'download',
): string {
  const [header, payload, signed, ...rest] = token.split('.');
  if (header !== HEADER || !payload || !signed || rest.length > 0) throw errors.invalidSignature('Invalid token');
  const expected = signature(secret, `${header}.${payload}`);
  const given = Buffer.from(signed, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw errors.invalidSignature();
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as {
    url?: unknown;
    exp?: unknown;
    upload?: unknown;
  };
  if (typeof claims.url !== 'string' || typeof claims.exp !== 'number') throw errors.invalidSignature('Invalid token');
  if ((claims.upload === true) !== (purpose === 'upload'))
    throw errors.invalidSignature(`Not a token to ${purpose} with`);
  if (claims.exp * 1000 <= now) throw errors.expiredToken();
  return claims.url;
}
