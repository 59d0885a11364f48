import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The OAuth `state` parameter: `<payload>.<signature>`, both base64url, the signature an
 * HMAC-SHA256 of the payload. It names the provider, carries a nonce that must match the
 * browser's cookie (so a callback cannot be replayed into another browser), and expires.
 */
export interface OAuthState {
  provider: string;
  nonce: string;
  /** Unix seconds. */
  expiresAt: number;
}

export type StateCheck =
  { ok: true; state: OAuthState } | { ok: false; reason: 'malformed' | 'bad_signature' | 'expired' };

export const STATE_TTL_SECONDS = 10 * 60;

function mac(payload: string, key: Buffer): Buffer {
  return createHmac('sha256', key).update(payload).digest();
}

export function signState(
  { provider, nonce }: Omit<OAuthState, 'expiresAt'>,
  key: Buffer,
  now = Date.now(),
  ttlSeconds = STATE_TTL_SECONDS,
): string {
  const body: OAuthState = { provider, nonce, expiresAt: Math.floor(now / 1000) + ttlSeconds };
  const payload = Buffer.from(JSON.stringify(body)).toString('base64url');
  return `${payload}.${mac(payload, key).toString('base64url')}`;
}

export function verifyState(state: string, key: Buffer, now = Date.now()): StateCheck {
  const parts = state.split('.');
  if (parts.length !== 2 || !parts[0] || !parts[1]) return { ok: false, reason: 'malformed' };
  const [payload, signature] = parts as [string, string];
  const given = Buffer.from(signature, 'base64url');
  const expected = mac(payload, key);
  // timingSafeEqual throws on a length mismatch; a wrong length is simply a wrong signature.
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: 'bad_signature' };
  }
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  const { provider, nonce, expiresAt } = (body ?? {}) as Partial<OAuthState>;
  if (typeof provider !== 'string' || typeof nonce !== 'string' || typeof expiresAt !== 'number') {
    return { ok: false, reason: 'malformed' };
  }
  if (expiresAt <= Math.floor(now / 1000)) return { ok: false, reason: 'expired' };
  return { ok: true, state: { provider, nonce, expiresAt } };
}
