import { describe, expect, test } from 'vitest';
import { signState, STATE_TTL_SECONDS, verifyState } from './oauth-state.ts';
import { deriveKey } from './tokens.ts';

const key = deriveKey('a-secret-that-is-long-enough-for-hs256!!', 'oauth-state');
const now = Date.parse('2026-01-01T00:00:00Z');

describe('OAuth state', () => {
  test('round-trips the provider and nonce, and is URL-safe', () => {
    const state = signState({ provider: 'github', nonce: 'n0nce' }, key, now);
    expect(state).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(verifyState(state, key, now)).toEqual({
      ok: true,
      state: { provider: 'github', nonce: 'n0nce', expiresAt: now / 1000 + STATE_TTL_SECONDS },
    });
  });

  test('expires after ten minutes', () => {
    const state = signState({ provider: 'github', nonce: 'n' }, key, now);
    expect(verifyState(state, key, now + (STATE_TTL_SECONDS - 1) * 1000).ok).toBe(true);
    expect(verifyState(state, key, now + STATE_TTL_SECONDS * 1000)).toEqual({ ok: false, reason: 'expired' });
  });

  test('rejects a changed payload, a changed or truncated signature, and another key', () => {
    const state = signState({ provider: 'github', nonce: 'n' }, key, now);
    const [payload, signature] = state.split('.') as [string, string];
    const otherPayload = Buffer.from(
      JSON.stringify({ provider: 'google', nonce: 'n', expiresAt: now / 1000 + 600 }),
    ).toString('base64url');
    expect(verifyState(`${otherPayload}.${signature}`, key, now)).toEqual({ ok: false, reason: 'bad_signature' });
    const flipped = `${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`;
    expect(verifyState(`${payload}.${flipped}`, key, now)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifyState(`${payload}.${signature.slice(0, 10)}`, key, now)).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
    const otherKey = deriveKey('another-secret-that-is-long-enough!!!!!', 'oauth-state');
    expect(verifyState(state, otherKey, now)).toEqual({ ok: false, reason: 'bad_signature' });
  });

  test('rejects garbage without throwing', () => {
    for (const garbage of ['', '.', 'abc', 'a.b.c', '..', '%%%.%%%']) {
      expect(verifyState(garbage, key, now).ok, JSON.stringify(garbage)).toBe(false);
    }
  });
});
