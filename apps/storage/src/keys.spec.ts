import { describe, expect, it } from 'vitest';
import { isMimeTypeAllowed, isValidBucketName, normalizeObjectKey, parseSizeLimit } from './keys.ts';

describe('normalizeObjectKey', () => {
  const accepted = ['a.txt', 'sub/file name (1).png', 'ünïcödé/日本.txt', '.hidden', 'a/..b/c..', "it's+&$@=;:,?"];
  it.each(accepted)('accepts %j', (key) => expect(normalizeObjectKey(key)).toBe(key));

  it.each([
    '',
    '/absolute.txt',
    '../up.txt',
    'a/../../up.txt',
    'a/..',
    './here.txt',
    'a//b.txt',
    'trailing/',
    'nul\0.txt',
    'back\\slash.txt',
    'new\nline.txt',
    'percent%2F.txt',
    'zero\u200bwidth.txt',
    'lone\ud800surrogate.txt',
    'x'.repeat(1025),
  ])('refuses %j', (key) => expect(normalizeObjectKey(key)).toBeNull());

  it('answers the NFC form, so both spellings name one object', () => {
    expect(normalizeObjectKey('cafe\u0301.txt')).toBe('caf\u00e9.txt');
  });
});

describe('isValidBucketName', () => {
  it.each(['assets', 'brand-assets', 'a.b_c', 'x'.repeat(100)])('accepts %j', (name) =>
    expect(isValidBucketName(name)).toBe(true),
  );
  it.each(['', '.', '..', 'a/b', 'a\\b', 'x'.repeat(101), 'é', 'nul\0'])('refuses %j', (name) =>
    expect(isValidBucketName(name)).toBe(false),
  );
});

describe('parseSizeLimit', () => {
  it.each([
    [1024, 1024],
    ['3B', 3],
    ['30KB', 30_000],
    ['1.5MB', 1_500_000],
    ['20gb', 20_000_000_000],
    ['42', 42],
  ] as const)('reads %j as %d bytes', (value, bytes) => expect(parseSizeLimit(value)).toBe(bytes));
  it.each([-1, 1.5, 'lots', '10 parsecs', ''])('refuses %j', (value) => expect(parseSizeLimit(value)).toBeNull());
});

describe('isMimeTypeAllowed', () => {
  it('allows anything without a list, and exact or wildcard matches with one', () => {
    expect(isMimeTypeAllowed('text/plain', null)).toBe(true);
    expect(isMimeTypeAllowed('image/PNG', ['image/png'])).toBe(true);
    expect(isMimeTypeAllowed('image/svg+xml', ['image/*'])).toBe(true);
    expect(isMimeTypeAllowed('text/plain;charset=UTF-8', ['text/plain'])).toBe(true);
    expect(isMimeTypeAllowed('text/plain', ['image/*', 'application/pdf'])).toBe(false);
  });
});
