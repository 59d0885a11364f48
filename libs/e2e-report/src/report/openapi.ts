import type { ApiOperation as ResultOperation } from '../contract/phase-result.ts';

/** One operation of an OpenAPI 3 document: what a phase result lists, plus what the sweeps need. */
export interface ApiOperation extends ResultOperation {
  /** True when calling it needs credentials: a non-empty `security` requirement, the operation's or the document's. */
  secured: boolean;
  /** True when the operation declares a request body. */
  hasBody: boolean;
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/**
 * The operations of an OpenAPI 3 document, sorted by path then method. Anything that is not a
 * document with `paths` yields none rather than throwing: callers say what is missing.
 */
export function listOperations(document: unknown): ApiOperation[] {
  if (!isObject(document) || !isObject(document.paths)) return [];
  const documentSecurity = document.security;
  const operations: ApiOperation[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    if (!isObject(item)) continue;
    for (const method of METHODS) {
      const operation = item[method];
      if (!isObject(operation)) continue;
      // An operation's own `security` (even `[]`, which means public) replaces the document's.
      const security = operation.security ?? documentSecurity;
      const operationId = typeof operation.operationId === 'string' ? { operationId: operation.operationId } : {};
      operations.push({
        method: method.toUpperCase(),
        path,
        ...operationId,
        secured: requiresCredentials(security),
        hasBody: operation.requestBody !== undefined,
      });
    }
  }
  return operations.sort((a, b) =>
    a.path === b.path ? METHODS.indexOf(lower(a)) - METHODS.indexOf(lower(b)) : a.path < b.path ? -1 : 1,
  );
}

/** `[]` or a list with an empty requirement (`[{}]`: credentials optional) lets anonymous callers in. */
function requiresCredentials(security: unknown): boolean {
  return (
    Array.isArray(security) && security.length > 0 && security.every((r) => isObject(r) && Object.keys(r).length > 0)
  );
}

function lower(op: ApiOperation): (typeof METHODS)[number] {
  return op.method.toLowerCase() as (typeof METHODS)[number];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
