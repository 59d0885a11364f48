import { randomBytes } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { LOGO_FILES_PATH, signLogoUrl, verifyLogoUrl } from './logo-urls.ts';

const key = randomBytes(32);
const path = 'user/kit/primary-1.png';

function parse(url: string) {
  const parsed = new URL(url, 'http://x');
  return {
    path: parsed.pathname.slice(LOGO_FILES_PATH.length + 1),
    expires: Number(parsed.searchParams.get('expires')),
    signature: parsed.searchParams.get('signature')!,
  };
}

describe('logo links', () => {
  test('a signed link grants its path until it expires, one to two hours ahead', () => {
    const now = Date.UTC(2026, 0, 1, 10, 30);
    const { url, expiresAt } = signLogoUrl(key, path, now);
    const link = parse(url);
    expect(link.path).toBe(path);
    expect(expiresAt.toISOString()).toBe('2026-01-01T12:00:00.000Z');
    expect(verifyLogoUrl(key, link.path, link.expires, link.signature, now)).toBe(true);
    expect(verifyLogoUrl(key, link.path, link.expires, link.signature, expiresAt.getTime())).toBe(false);
  });

  test('links made within one hour are identical, so browsers can cache them', () => {
    const a = signLogoUrl(key, path, Date.UTC(2026, 0, 1, 10, 1)).url;
    expect(signLogoUrl(key, path, Date.UTC(2026, 0, 1, 10, 59)).url).toBe(a);
  });

  test('refuses another key, another path, a later expiry and garbage', () => {
    const link = parse(signLogoUrl(key, path).url);
    expect(verifyLogoUrl(randomBytes(32), link.path, link.expires, link.signature)).toBe(false);
    expect(verifyLogoUrl(key, 'other/kit/primary-1.png', link.expires, link.signature)).toBe(false);
    expect(verifyLogoUrl(key, link.path, link.expires + 3600, link.signature)).toBe(false);
    expect(verifyLogoUrl(key, link.path, Number.NaN, link.signature)).toBe(false);
    expect(verifyLogoUrl(key, link.path, link.expires, 'short')).toBe(false);
  });
});
