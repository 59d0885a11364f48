import fc from 'fast-check';
import { forgedAuthorization, hostileValue, pathSegment, pollutionKeys, urlString } from './hostile-values.ts';
import { MalformedJson, plainString, toJsonText, type HugeString, type JsonLike } from './json-text.ts';
import type { FuzzOperation } from './operations.ts';
import { violating } from './schema-values.ts';

export type Caller = { kind: 'anonymous' } | { kind: 'forged'; authorization: string } | { kind: 'signed-in' };

/** One generated request: who calls, what goes in the path and query, and the body. */
export interface FuzzCase {
  caller: Caller;
  path: Record<string, string | HugeString>;
  query: [string, string | HugeString][];
  /** Absent: no body is sent. */
  body?: JsonLike | MalformedJson;
  /** Why the API must refuse this request, if it must: the oracle then demands a 4xx. */
  mustRefuse?: string;
}

const MALFORMED = ['{', '{"a":}', '[1,2', '{"__proto__":{"polluted":true}}', 'nul', '\u0000', '{"a":1}garbage'].map(
  (text) => new MalformedJson(text),
);

/**
 * The hostile requests for one operation. A case carries, when it has one, the reason the API
 * must refuse it: a body that breaks its schema, an id in the path that names nothing the
 * caller owns, a query value out of its rules, or (on a secured operation) no valid credentials.
 * `otherUsersIds` are ids of rows that exist but belong to someone else.
 */
export function fuzzCases(operation: FuzzOperation, otherUsersIds: readonly string[]): fc.Arbitrary<FuzzCase> {
  const caller: fc.Arbitrary<Caller> = fc.oneof(
    fc.constant({ kind: 'anonymous' as const }),
    forgedAuthorization.map((authorization) => ({ kind: 'forged' as const, authorization })),
    fc.constant({ kind: 'signed-in' as const }),
  );
  const pathParams = operation.parameters.filter((p) => p.in === 'path');
  const path = fc.record(Object.fromEntries(pathParams.map((p) => [p.name, pathSegment(otherUsersIds)])));
  const body = operation.body ? bodyCase(operation) : fc.constant(undefined);
  return fc.record({ caller, path, query: queryCase(operation), body }).map((generated) => {
    const reasons = [
      operation.secured && generated.caller.kind !== 'signed-in'
        ? 'no valid credentials for a secured operation'
        : undefined,
      pathParams.length > 0
        ? `path ${pathParams.map((p) => `{${p.name}}`).join(', ')} names nothing the caller owns`
        : undefined,
      generated.body?.mustRefuse,
      generated.query.mustRefuse,
    ].filter((reason): reason is string => reason !== undefined);
    return {
      caller: generated.caller,
      path: generated.path,
      query: generated.query.entries,
      ...(generated.body ? { body: generated.body.value } : {}),
      ...(reasons.length > 0 ? { mustRefuse: reasons.join('; ') } : {}),
    };
  });
}

function bodyCase(operation: FuzzOperation): fc.Arbitrary<{ value: JsonLike | MalformedJson; mustRefuse?: string }> {
  const schemaBreaking = violating(operation.body!);
  return fc.oneof(
    {
      weight: 1,
      arbitrary: fc.constantFrom(...MALFORMED).map((value) => ({ value, mustRefuse: 'the body is not JSON' })),
    },
    ...(schemaBreaking
      ? [{ weight: 6, arbitrary: schemaBreaking.map((value) => ({ value, mustRefuse: 'the body breaks its schema' })) }]
      : [{ weight: 6, arbitrary: hostileValue.map((value) => ({ value })) }]),
  );
}

/** Declared query parameters with hostile values (out of their rules when the schema has rules), plus undeclared, polluting keys. */
function queryCase(
  operation: FuzzOperation,
): fc.Arbitrary<{ entries: [string, string | HugeString][]; mustRefuse?: string }> {
  const declared = operation.parameters.filter((p) => p.in === 'query');
  const perParam = declared.map((p) => {
    const bad = queryViolation(p.schema);
    return fc.option(
      fc.oneof(
        urlString.map((value) => ({ name: p.name, value, breaks: false })),
        ...(bad ? [bad.map((value) => ({ name: p.name, value, breaks: true }))] : []),
      ),
      { nil: undefined },
    );
  });
  const extra = fc.array(
    fc.tuple(
      fc.oneof(
        pollutionKeys.map((k) => `${k}[polluted]`),
        fc.constantFrom('constructor[prototype][polluted]', '\u0000', 'a'.repeat(300)),
      ),
      urlString,
    ),
    { maxLength: 2 },
  );
  return fc.tuple(fc.tuple(...perParam), extra).map(([values, extras]) => {
    const present = values.filter(
      (v): v is { name: string; value: string | HugeString; breaks: boolean } => v !== undefined,
    );
    const broken = present.filter((v) => v.breaks).map((v) => v.name);
    return {
      entries: [...present.map((v): [string, string | HugeString] => [v.name, v.value]), ...extras],
      ...(broken.length > 0 ? { mustRefuse: `query ${broken.join(', ')} out of its rules` } : {}),
    };
  });
}

/** Query values arrive as text: only length, enum and "not a number at all" are certain violations. */
function queryViolation(
  schema: FuzzOperation['parameters'][number]['schema'],
): fc.Arbitrary<string | HugeString> | undefined {
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (type === 'integer' || type === 'number') return fc.constantFrom('abc', 'x\u0000', '😀');
  if (type === 'string' && schema.enum) return urlString.filter((s) => !schema.enum!.includes(plainString(s)));
  if (type === 'string' && schema.maxLength !== undefined) return fc.constant('x'.repeat(schema.maxLength + 1));
  return undefined;
}

/** The URL (path and query) of a case; every value percent-encoded, dots too, so no client or proxy resolves `..`. */
export function caseUrl(operation: FuzzOperation, fuzzCase: FuzzCase): string {
  const encode = (value: string | HugeString) => percentEncode(plainString(value));
  const path = operation.path.replace(/\{([^}]+)\}/g, (_, name: string) => encode(fuzzCase.path[name] ?? 'x'));
  const query = fuzzCase.query.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&');
  return query ? `${path}?${query}` : path;
}

export function caseBodyText(fuzzCase: FuzzCase): string | undefined {
  return 'body' in fuzzCase ? toJsonText(fuzzCase.body as JsonLike | MalformedJson) : undefined;
}

/**
 * Percent-encodes every byte but letters, digits, `-` and `_` (dots too, so no client or proxy
 * resolves `..`). A lone surrogate, which `encodeURIComponent` refuses, goes out as the three
 * bytes it would take in UTF-8: invalid UTF-8 the server must refuse, not choke on.
 */
export function percentEncode(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    const next = text.charCodeAt(i + 1);
    if (unit >= 0xd800 && unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      out += bytes(Buffer.from(text.slice(i, i + 2), 'utf8'));
      i++;
    } else if (unit >= 0xd800 && unit <= 0xdfff) {
      out += bytes(Buffer.from([0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)]));
    } else if (/[A-Za-z0-9_-]/.test(text[i]!)) {
      out += text[i];
    } else {
      out += bytes(Buffer.from(text[i]!, 'utf8'));
    }
  }
  return out;
}

function bytes(buffer: Buffer): string {
  return [...buffer].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
}
