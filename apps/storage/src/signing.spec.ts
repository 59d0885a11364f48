import { describe, expect, it } from 'vitest';
import { signObjectToken, verifyObjectToken } from './signing.ts';

const SECRET = 'signing-secret-0123456789';

describe('signed-URL tokens', () => {
  it('grants the object it was made for until it expires', () => {
    const now = Date.UTC(2030, 0, 1);
    const token = signObjectToken(SECRET, 'assets/a.txt', 60, now);
    expect(verifyObjectToken(SECRET, token, now + 59_000)).toBe('assets/a.txt');
    expect(() => verifyObjectToken(SECRET, token, now + 60_000)).toThrow('The provided token has expired.');
  });

  it('refuses another secret, a changed payload and garbage', () => {
    const token = signObjectToken(SECRET, 'assets/a.txt', 60);
    expect(() => verifyObjectToken('another-secret-0123456789', token)).toThrow('Invalid signature');
    const [header, , signature] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ url: 'assets/b.txt', exp: 4102444800 })).toString('base64url');
    expect(() => verifyObjectToken(SECRET, `${header}.${forged}.${signature}`)).toThrow('Invalid signature');
    expect(() => verifyObjectToken(SECRET, 'not-a-token')).toThrow('Invalid token');
  });
});
