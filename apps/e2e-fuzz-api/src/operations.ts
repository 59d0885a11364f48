/** A JSON Schema as the API's OpenAPI document writes it (the subset the fuzzer reads). */
export interface JsonSchema {
  type?: string | string[];
  nullable?: boolean;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  exclusiveMaximum?: number | boolean;
  minItems?: number;
  maxItems?: number;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  $ref?: string;
}

export interface FuzzParameter {
  name: string;
  in: 'path' | 'query';
  required: boolean;
  schema: JsonSchema;
}

/** One operation of the live document, with what the fuzzer needs to build hostile requests for it. */
export interface FuzzOperation {
  /** `operationId`, or `METHOD path` for an operation without one. */
  id: string;
  method: string;
  path: string;
  secured: boolean;
  parameters: FuzzParameter[];
  /** The response keys the document declares for it: status codes, `4XX`, `default`. */
  responses: string[];
  /** The JSON request body's schema, when the operation takes one. */
  body?: JsonSchema;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/**
 * Every operation of an OpenAPI 3 document, `$ref`s resolved, sorted by path then method. Read from
 * the live document when the spec file is collected, so an operation is fuzzed the day it exists.
 */
export function fuzzOperations(document: Record<string, unknown>): FuzzOperation[] {
  const resolve = refResolver(document);
  const paths = (document.paths ?? {}) as Record<string, Record<string, unknown>>;
  const operations: FuzzOperation[] = [];
  for (const [path, item] of Object.entries(paths)) {
    const shared = (item.parameters ?? []) as unknown[];
    for (const method of METHODS) {
      const operation = item[method] as Record<string, unknown> | undefined;
      if (!operation) continue;
      const security = (operation.security ?? document.security) as unknown;
      const parameters = [...shared, ...((operation.parameters ?? []) as unknown[])]
        .map((p) => resolve(p) as { name: string; in: string; required?: boolean; schema?: JsonSchema })
        .filter((p) => p.in === 'path' || p.in === 'query')
        .map((p) => ({
          name: p.name,
          in: p.in as 'path' | 'query',
          required: p.required === true,
          schema: resolve(p.schema ?? {}),
        }));
      const content = (resolve(operation.requestBody ?? {}) as { content?: Record<string, { schema?: JsonSchema }> })
        .content;
      const body = content?.['application/json']?.schema;
      operations.push({
        id: typeof operation.operationId === 'string' ? operation.operationId : `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        secured:
          Array.isArray(security) && security.length > 0 && security.every((r) => Object.keys(r ?? {}).length > 0),
        parameters,
        responses: Object.keys((operation.responses ?? {}) as Record<string, unknown>),
        ...(body ? { body: resolve(body) } : {}),
      });
    }
  }
  return operations.sort((a, b) =>
    a.path === b.path ? METHODS.indexOf(lower(a)) - METHODS.indexOf(lower(b)) : a.path < b.path ? -1 : 1,
  );
}

function lower(operation: FuzzOperation): (typeof METHODS)[number] {
  return operation.method.toLowerCase() as (typeof METHODS)[number];
}

/** Deeply replaces `{ $ref: '#/…' }` with what it points at (cycles are cut to `{}`). */
function refResolver(document: Record<string, unknown>) {
  const lookup = (ref: string): unknown =>
    ref
      .replace(/^#\//, '')
      .split('/')
      .reduce<unknown>(
        (node, key) => (node as Record<string, unknown> | undefined)?.[key.replaceAll('~1', '/').replaceAll('~0', '~')],
        document,
      );
  const resolve = <T>(node: T, seen: ReadonlySet<string> = new Set()): T => {
    if (Array.isArray(node)) return node.map((n) => resolve(n, seen)) as T;
    if (typeof node !== 'object' || node === null) return node;
    const ref = (node as { $ref?: unknown }).$ref;
    if (typeof ref === 'string') return (seen.has(ref) ? {} : resolve(lookup(ref), new Set([...seen, ref]))) as T;
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, resolve(v, seen)])) as T;
  };
  return resolve;
}
