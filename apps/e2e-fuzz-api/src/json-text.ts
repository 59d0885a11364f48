import fc from 'fast-check';

/**
 * Values JSON.stringify cannot write, kept small in a counterexample: a number literal outside
 * what a double holds (`1e400`, `-0`, 30 digits), a string of a million characters, or text that
 * is not JSON at all. `toJsonText` writes them as they are; fast-check prints them by name.
 */
export class RawNumber {
  constructor(readonly text: string) {}
  [fc.toStringMethod]() {
    return `raw(${this.text})`;
  }
}

export class HugeString {
  constructor(
    readonly unit: string,
    readonly count: number,
  ) {}
  get value(): string {
    return this.unit.repeat(this.count);
  }
  get length(): number {
    return this.value.length;
  }
  [fc.toStringMethod]() {
    return `${JSON.stringify(this.unit)}×${this.count}`;
  }
}

export class MalformedJson {
  constructor(readonly text: string) {}
  [fc.toStringMethod]() {
    return `malformed(${JSON.stringify(this.text)})`;
  }
}

export type JsonLike =
  null | boolean | number | string | RawNumber | HugeString | JsonLike[] | { [key: string]: JsonLike };

/** Serializes a generated body; own `__proto__` keys (made with defineProperty) are written like any other. */
export function toJsonText(value: JsonLike | MalformedJson): string {
  if (value instanceof MalformedJson) return value.text;
  if (value instanceof RawNumber) return value.text;
  if (value instanceof HugeString) return JSON.stringify(value.value);
  if (Array.isArray(value)) return `[${value.map(toJsonText).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value)
      .map((key) => `${JSON.stringify(key)}:${toJsonText(value[key] as JsonLike)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** A string value as it goes on the wire (a HugeString expanded). */
export function plainString(value: string | HugeString): string {
  return value instanceof HugeString ? value.value : value;
}

/** `{ ...object, [key]: value }` that also works for `__proto__`, `constructor` and `prototype`. */
export function withKey(object: Record<string, JsonLike>, key: string, value: JsonLike): Record<string, JsonLike> {
  const copy: Record<string, JsonLike> = {};
  for (const k of Object.keys(object))
    Object.defineProperty(copy, k, { value: object[k], enumerable: true, writable: true, configurable: true });
  Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

export function withoutKey(object: Record<string, JsonLike>, key: string): Record<string, JsonLike> {
  const copy: Record<string, JsonLike> = {};
  for (const k of Object.keys(object))
    if (k !== key)
      Object.defineProperty(copy, k, { value: object[k], enumerable: true, writable: true, configurable: true });
  return copy;
}
