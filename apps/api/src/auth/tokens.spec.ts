import { describe, expect, test } from 'vitest';
import { randomUUID } from 'node:crypto';
import { AccessTokenError, AccessTokens, deriveKey, hashToken, newOpaqueToken } from './tokens.ts';

const SECRET = 'a-secret-that-is-long-enough-for-hs256!!';
const USER = randomUUID();
const SESSION = randomUUID();

describe('opaque tokens', () => {
  test('are 256-bit base64url strings, different every time', () => {
    const tokens = new Set(Array.from({ length: 100 }, newOpaqueToken));
    expect(tokens.size).toBe(100);
    for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  test('are stored as a SHA-256 hex digest: deterministic, fixed-size, not containing the token', () => {
    const token = newOpaqueToken();
    expect(hashToken(token)).toBe(hashToken(token));
    expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(token)).not.toContain(token);
    expect(hashToken(token)).not.toBe(hashToken(`${token}x`));
    // A known vector, so a change of algorithm (which would orphan every stored token) is noticed.
    expect(hashToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('keys derived from the one secret', () => {
  test('differ per purpose and per secret', () => {
    expect(deriveKey(SECRET, 'access-token').equals(deriveKey(SECRET, 'oauth-state'))).toBe(false);
    expect(deriveKey(SECRET, 'access-token').equals(deriveKey(`${SECRET}x`, 'access-token'))).toBe(false);
    expect(deriveKey(SECRET, 'access-token').equals(deriveKey(SECRET, 'access-token'))).toBe(true);
  });
});

describe('access tokens', () => {
  test('carry the user and the session, and expire after 15 minutes', async () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    const tokens = new AccessTokens(SECRET, () => now);
    const { token, expiresIn } = await tokens.sign(USER, SESSION);
    expect(expiresIn).toBe(900);
    const claims = await tokens.verify(token);
    expect(claims).toMatchObject({ userId: USER, sessionId: SESSION, expiresAt: claims.issuedAt + 900 });
    expect(claims.jti).toMatch(/^[0-9a-f-]{36}$/);

    now += 899_000;
    await expect(tokens.verify(token)).resolves.toMatchObject({ userId: USER });
    now += 1_000;
    await expect(tokens.verify(token)).rejects.toEqual(new AccessTokenError('expired'));
  });

  test('are refused when signed with another secret, tampered with, or not JWTs at all', async () => {
    const tokens = new AccessTokens(SECRET);
    const { token: foreign } = await new AccessTokens(`${SECRET}-other`).sign(USER, SESSION);
    await expect(tokens.verify(foreign)).rejects.toEqual(new AccessTokenError('invalid'));

    const { token } = await tokens.sign(USER, SESSION);
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const forged = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), sub: randomUUID() }),
    ).toString('base64url');
    await expect(tokens.verify(`${header}.${forged}.${signature}`)).rejects.toEqual(new AccessTokenError('invalid'));

    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${payload}.`;
    await expect(tokens.verify(unsigned)).rejects.toEqual(new AccessTokenError('invalid'));
    await expect(tokens.verify('not-a-jwt')).rejects.toEqual(new AccessTokenError('invalid'));
  });

  test('are refused when their subject or session is not a UUID, though correctly signed', async () => {
    const tokens = new AccessTokens(SECRET);
    for (const [user, session] of [
      ['user-1', SESSION],
      [USER, 'session-1'],
      ["1' or '1'='1", SESSION],
    ] as const) {
      const { token } = await tokens.sign(user, session);
      await expect(tokens.verify(token), `sub ${user}, sid ${session}`).rejects.toEqual(
        new AccessTokenError('invalid'),
      );
    }
  });
});
