import { describe, expect, test } from 'vitest';
import { safeNext } from './safe-next';

const ORIGIN = 'https://app.streamkit.test';

describe('safeNext', () => {
  test.each([
    ['/dashboard/brand-kits', '/dashboard/brand-kits'],
    ['/dashboard/assets?page=2#top', '/dashboard/assets?page=2#top'],
    ['/dashboard/../settings', '/settings'],
  ])('keeps a page of this site: %s', (next, expected) => {
    expect(safeNext(next, ORIGIN)).toBe(expected);
  });

  // As URLSearchParams hands them over: %5C, %09 and %0A already decoded.
  test.each([
    ['a protocol-relative URL', '//evil.example'],
    ['a backslash the parser reads as a slash', '/\\evil.example'],
    ['a tab the parser drops', '/\t/evil.example'],
    ['a newline the parser drops', '/\n/evil.example'],
    ['an absolute URL', 'https://evil.example/dashboard'],
    ['a javascript: URL', 'javascript:alert(1)'],
    ['a relative path', 'dashboard'],
    ['nothing', ''],
    ['no parameter', null],
  ])('sends %s to the dashboard', (_case, next) => {
    expect(safeNext(next, ORIGIN)).toBe('/dashboard');
  });

  test('the three the probe found, as they arrive in the query string', () => {
    for (const query of ['next=%2F%5Cevil.example', 'next=%2F%09%2Fevil.example', 'next=%2F%0A%2Fevil.example']) {
      expect(safeNext(new URLSearchParams(query).get('next'), ORIGIN), query).toBe('/dashboard');
    }
  });
});
