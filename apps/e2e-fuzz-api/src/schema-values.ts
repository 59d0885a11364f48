import fc from 'fast-check';
import type { JsonSchema } from './operations.ts';
import { hostileNumber, hostileString, hostileValue, pollutionKeys, withExtraKeys } from './hostile-values.ts';
import { HugeString, plainString, RawNumber, withKey, withoutKey, type JsonLike } from './json-text.ts';

const MAX_DEPTH = 4;

/** The JSON types a schema allows (`nullable` and `anyOf` included); empty when it allows anything. */
export function allowedTypes(schema: JsonSchema): Set<string> {
  const types = new Set<string>();
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches) {
    for (const branch of branches) {
      const inner = allowedTypes(branch);
      if (inner.size === 0) return new Set();
      inner.forEach((t) => types.add(t));
    }
  } else if (schema.type !== undefined) {
    (Array.isArray(schema.type) ? schema.type : [schema.type]).forEach((t) => types.add(t));
  } else if (schema.properties) {
    types.add('object');
  } else if (schema.enum) {
    schema.enum.forEach((v) =>
      types.add(
        v === null
          ? 'null'
          : Array.isArray(v)
            ? 'array'
            : typeof v === 'number' && Number.isInteger(v)
              ? 'integer'
              : typeof v,
      ),
    );
  } else {
    return types;
  }
  if (schema.nullable) types.add('null');
  if (types.has('number')) types.add('integer');
  return types;
}

/**
 * Values of the schema's shape whose strings are hostile (fitted to its length limits): the
 * frame a violation is planted in, so that the violation, not some other field, is what the API
 * has to notice.
 */
export function conforming(schema: JsonSchema, depth = 0): fc.Arbitrary<JsonLike> {
  if (schema.const !== undefined) return fc.constant(schema.const as JsonLike);
  if (schema.enum && schema.enum.length > 0) return fc.constantFrom(...(schema.enum as JsonLike[]));
  const branch = schema.anyOf ?? schema.oneOf;
  if (branch && branch.length > 0) return conforming(branch[0]!, depth);
  const type = [...allowedTypes(schema)].find((t) => t !== 'null');
  if (depth > MAX_DEPTH) return fc.constant(null);
  switch (type) {
    case 'string':
      return hostileString.map((s) => fit(s, schema.minLength ?? 0, schema.maxLength));
    case 'integer':
    case 'number': {
      const min = Math.ceil(schema.minimum ?? -1e6);
      const max = Math.floor(schema.maximum ?? 1e6);
      return fc.integer({ min: Math.max(min, -(2 ** 31)), max: Math.min(max, 2 ** 31 - 1) });
    }
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(conforming(schema.items ?? {}, depth + 1), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.max(schema.minItems ?? 0, Math.min(schema.maxItems ?? 2, 2)),
      });
    case 'object': {
      const properties = schema.properties ?? {};
      const record: Record<string, fc.Arbitrary<JsonLike>> = {};
      for (const [key, sub] of Object.entries(properties)) record[key] = conforming(sub, depth + 1);
      return fc.record(record, {
        requiredKeys: (schema.required ?? []).filter((k) => k in properties),
      }) as fc.Arbitrary<JsonLike>;
    }
    default:
      return hostileValue;
  }
}

/**
 * Values the schema certainly refuses, each breaking one rule: a wrong type, a missing required
 * field, a string past its length limits, a number out of range or not whole, an unknown enum
 * value, too many or too few items, an unknown key where none are allowed; nested ones inside an
 * otherwise conforming frame. Undefined when the schema refuses nothing (it allows anything).
 */
export function violating(schema: JsonSchema, depth = 0): fc.Arbitrary<JsonLike> | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const types = allowedTypes(schema);
  const options: fc.Arbitrary<JsonLike>[] = [];
  if (types.size > 0) {
    const wrong = wrongType(types);
    if (wrong) options.push(wrong);
  }
  const single = types.size === 1 || (types.size === 2 && types.has('integer') && types.has('number'));
  if (single && !schema.anyOf && !schema.oneOf) options.push(...ruleBreakers(schema, [...types][0]!, depth));
  if (schema.enum && schema.enum.every((v) => typeof v === 'string')) {
    options.push(hostileString.filter((s) => !(schema.enum as unknown[]).includes(plainString(s))));
  }
  return options.length > 0 ? fc.oneof(...options) : undefined;
}

function ruleBreakers(schema: JsonSchema, type: string, depth: number): fc.Arbitrary<JsonLike>[] {
  const out: fc.Arbitrary<JsonLike>[] = [];
  if (type === 'string') {
    if (schema.maxLength !== undefined) {
      const max = schema.maxLength;
      out.push(fc.constantFrom('x', '😀', '\u0000').map((unit) => new HugeString(unit, max + 1)));
    }
    if (schema.minLength !== undefined && schema.minLength > 0) {
      out.push(fc.constant(''.padEnd(schema.minLength - 1, 'x')));
    }
  }
  if (type === 'integer' || type === 'number') {
    if (typeof schema.minimum === 'number')
      out.push(fc.constantFrom(schema.minimum - 1, -1e308, -(2 ** 53) - 2).filter((n) => n < schema.minimum!));
    if (typeof schema.maximum === 'number')
      out.push(fc.constantFrom(schema.maximum + 1, 1e308, 2 ** 53 + 2).filter((n) => n > schema.maximum!));
    if (type === 'integer' && !schema.type?.includes('number')) out.push(fc.constantFrom(0.5, -1.25, 1e-300));
  }
  if (type === 'array') {
    const items = conforming(schema.items ?? {}, depth + 1);
    if (schema.maxItems !== undefined)
      out.push(fc.array(items, { minLength: schema.maxItems + 1, maxLength: schema.maxItems + 1 }));
    if (schema.minItems !== undefined && schema.minItems > 0)
      out.push(fc.array(items, { minLength: 0, maxLength: schema.minItems - 1 }));
    const badItem = schema.items ? violating(schema.items, depth + 1) : undefined;
    if (badItem) out.push(fc.tuple(fc.array(items, { maxLength: 1 }), badItem).map(([good, bad]) => [...good, bad]));
  }
  if (type === 'object') {
    const properties = schema.properties ?? {};
    const frame = conforming(schema, depth) as fc.Arbitrary<Record<string, JsonLike>>;
    for (const key of schema.required ?? []) out.push(withExtraKeys(frame.map((o) => withoutKey(o, key))));
    for (const [key, sub] of Object.entries(properties)) {
      const bad = violating(sub, depth + 1);
      if (bad) out.push(withExtraKeys(fc.tuple(frame, bad).map(([o, value]) => withKey(o, key, value))));
    }
    if (schema.additionalProperties === false) {
      const unknownKey = fc
        .oneof(pollutionKeys, fc.string({ minLength: 1, maxLength: 8 }))
        .filter((k) => !(k in properties));
      out.push(fc.tuple(frame, unknownKey, hostileValue).map(([o, key, value]) => withKey(o, key, value)));
    }
  }
  return out;
}

/** A value of a JSON type the schema does not allow. */
function wrongType(types: Set<string>): fc.Arbitrary<JsonLike> | undefined {
  const candidates: fc.Arbitrary<JsonLike>[] = [];
  if (!types.has('string')) candidates.push(hostileString);
  if (!types.has('integer')) candidates.push(hostileNumber);
  else if (!types.has('number')) candidates.push(fc.constantFrom(0.5, -2.5, 1e-300));
  if (!types.has('boolean')) candidates.push(fc.boolean());
  if (!types.has('null')) candidates.push(fc.constant(null));
  if (!types.has('array')) candidates.push(fc.array(hostileValue, { maxLength: 3 }));
  if (!types.has('object'))
    candidates.push(fc.dictionary(fc.oneof(pollutionKeys, fc.string({ maxLength: 6 })), hostileValue, { maxKeys: 3 }));
  return candidates.length > 0 ? fc.oneof(...candidates) : undefined;
}

/** A hostile string cut or padded to a length range (a huge one is rebuilt at the limit). */
function fit(value: string | HugeString, min: number, max: number | undefined): string | HugeString {
  if (value instanceof HugeString) {
    if (max === undefined || value.length <= max)
      return value.length >= min ? value : new HugeString(value.unit, Math.ceil(min / value.unit.length));
    return new HugeString(
      value.unit,
      Math.max(Math.floor(max / value.unit.length), Math.ceil(min / value.unit.length)),
    );
  }
  const padded = value.length >= min ? value : value.padEnd(min, 'x');
  return max === undefined ? padded : padded.slice(0, max);
}

export { RawNumber };
