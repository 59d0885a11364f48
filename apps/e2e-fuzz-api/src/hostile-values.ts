import fc from 'fast-check';
import { HugeString, RawNumber, withKey, type JsonLike } from './json-text.ts';

/**
 * Strings that have broken servers: NUL bytes (PostgreSQL refuses them in text), lone
 * surrogates, right-to-left overrides, SQL and template injection, path traversal, CRLF, words
 * that parse as other types. None of them spells a database error message, so the leak check
 * never mistakes an echoed input for a leaked one.
 */
const NASTY_STRINGS = [
  '\u0000',
  'a\u0000b',
  '\uD800',
  '\uFFFF',
  '😀🔥',
  'Ω≈ç√∫',
  '\u202Eevil',
  "' OR '1'='1' --",
  '"); DROP TABLE users; --',
  '<script>alert(1)</script>',
  '../../../etc/passwd',
  '%00',
  '${7*7}{{7*7}}',
  '__proto__',
  'constructor',
  '\r\nX-Injected: 1',
  'null',
  'NaN',
  '-1',
  '1e309',
  ' ',
];

/**
 * Long enough to pass any length limit; 180 000 NUL bytes (6 bytes each in JSON) also pass the
 * API's 1 MiB body limit. Not much more: a client still writing megabytes when the server has
 * already refused the body gets its connection reset instead of the answer.
 */
export const hugeString = fc
  .tuple(fc.constantFrom('x', '\u0000', '😀'), fc.constantFrom(1_000, 70_000, 180_000))
  .map(([unit, count]) => new HugeString(unit, count));

export const hostileString: fc.Arbitrary<string | HugeString> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 24 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 24 }) },
  { weight: 1, arbitrary: hugeString },
);

export const hostileNumber: fc.Arbitrary<number | RawNumber> = fc.oneof(
  fc.constantFrom(-1, 0, -(2 ** 31) - 1, 2 ** 31, 2 ** 53 + 2, -(2 ** 53) - 2, 1e308, -1e308, 0.5, 1e-300),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom('1e400', '-1e400', '-0', '123456789012345678901234567890').map((text) => new RawNumber(text)),
);

/** Keys that pollute `Object.prototype` in a naive merge, with values that would show it. */
export const pollutionKeys = fc.constantFrom('__proto__', 'constructor', 'prototype');
const pollutionValue: fc.Arbitrary<JsonLike> = fc.constantFrom<JsonLike>(
  { polluted: true },
  { prototype: { polluted: true } },
  'polluted',
);

/** Any JSON-ish value, nested a little. */
export const hostileValue: fc.Arbitrary<JsonLike> = fc.letrec<{ value: JsonLike }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileString,
    hostileNumber,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.oneof(hostileKey(), pollutionKeys), tie('value'), { maxKeys: 3 }),
  ),
})).value;

function hostileKey() {
  return fc.oneof(fc.constantFrom('', '\u0000', '$where', 'a.b', '😀'), fc.string({ maxLength: 8 }));
}

/** 0–2 extra keys, prototype-polluting ones included, added to a generated object. */
export function withExtraKeys(object: fc.Arbitrary<Record<string, JsonLike>>): fc.Arbitrary<Record<string, JsonLike>> {
  const extra = fc.tuple(fc.oneof(pollutionKeys, hostileKey()), fc.oneof(pollutionValue, hostileValue));
  return fc
    .tuple(object, fc.array(extra, { maxLength: 2 }))
    .map(([base, extras]) => extras.reduce((o, [key, value]) => (key in o ? o : withKey(o, key, value)), base));
}

/**
 * Hostile text for a URL. Past ~16 KB the server refuses the request line (431), but a client
 * still writing megabytes by then gets its connection reset instead of the answer, so the huge
 * values stay a little over that limit.
 */
export const urlString: fc.Arbitrary<string | HugeString> = fc.oneof(
  { weight: 8, arbitrary: hostileString.filter((s) => !(s instanceof HugeString)) },
  { weight: 1, arbitrary: fc.constantFrom(new HugeString('x', 1_000), new HugeString('x', 20_000)) },
);

/** A value for a path segment: hostile text, numbers, random ids, and ids of another user's rows. */
export function pathSegment(otherUsersIds: readonly string[]): fc.Arbitrary<string | HugeString> {
  return fc.oneof(
    urlString.filter((s) => s.length > 0),
    fc.uuid(),
    fc.constantFrom('0', '-1', '99999999999999999999', '1.5', 'true'),
    ...(otherUsersIds.length > 0 ? [fc.constantFrom(...otherUsersIds)] : []),
  );
}

/** A forged credential for callers that must be refused: garbage, an unsigned JWT claiming service_role, another scheme. */
export const forgedAuthorization = fc.constantFrom(
  'Bearer garbage',
  'Bearer ',
  // {"alg":"none"} . {"sub":"00000000-…","role":"service_role"} . (no signature)
  'Bearer eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiIwMDAwMDAwMC0wMDAwLTAwMDAtMDAwMC0wMDAwMDAwMDAwMDAiLCJyb2xlIjoic2VydmljZV9yb2xlIn0.',
  'Basic YWRtaW46YWRtaW4=',
  `Bearer ${'A'.repeat(4_000)}`,
);
