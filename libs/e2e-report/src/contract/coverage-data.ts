import type { ApiRequest } from './phase-result.ts';

// How the fixtures, in the test workers, hand each test's coverage data to the phase's reporter
// in the main process: through each runner's own channel from a test to its reporters.

/**
 * Vitest: the key under which the fixtures' global setup provides the API's operations (from the
 * `/openapi.json` it fetched); the phase's reporter reads it back from the project it provided to.
 */
export const API_OPERATIONS_PROVIDE_KEY = 'e2eApiOperations';
/** Vitest: the key of a test's `task.meta` that carries the API requests it made. */
export const REQUESTS_META_KEY = 'e2eRequests';
/** Playwright: the test attachment (JSON array of `{ method, path }`) with the API requests it made. */
export const API_REQUESTS_ATTACHMENT = 'api-requests';
/** Playwright: the test attachment (JSON array of paths) with the routes its pages visited. */
export const VISITED_ROUTES_ATTACHMENT = 'visited-routes';

/** Unique by method (upper-cased) and path, sorted by path then method, so results files diff cleanly. */
export function uniqueRequests(requests: Iterable<ApiRequest>): ApiRequest[] {
  const byKey = new Map<string, ApiRequest>();
  for (const { method, path } of requests) {
    const request = { method: method.toUpperCase(), path };
    byKey.set(`${request.method} ${path}`, request);
  }
  return [...byKey.values()].sort((a, b) => (a.path === b.path ? cmp(a.method, b.method) : cmp(a.path, b.path)));
}

/** The request entries of a JSON value, as an attachment or a task's meta carries them; anything else is dropped. */
export function requestsIn(value: unknown): ApiRequest[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (r): r is ApiRequest => typeof r?.method === 'string' && typeof r?.path === 'string' && r.path.startsWith('/'),
  );
}

/** The paths of a JSON value (an attachment's body); anything but strings starting with `/` is dropped. */
export function pathsIn(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((p): p is string => typeof p === 'string' && p.startsWith('/')) : [];
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
