/**
 * One request the API client sent: the method and the URL path (no query), as sent. The report
 * matches it to an OpenAPI operation (`/api/v1/kits/3f2a…` ↔ `/api/v1/kits/{id}`).
 */
export interface RecordedRequest {
  /** Upper case. */
  method: string;
  path: string;
}

/**
 * The key under which a Vitest test file's `meta` carries the requests its workers sent: task
 * meta is how Vitest itself moves data from a worker to the reporters in the main process.
 */
export const REQUESTS_META_KEY = 'e2eRequests';

/** Unique by method and path, sorted by path then method, so results files diff cleanly. */
export function uniqueRequests(requests: Iterable<RecordedRequest>): RecordedRequest[] {
  const byKey = new Map<string, RecordedRequest>();
  for (const { method, path } of requests) {
    const request = { method: method.toUpperCase(), path };
    byKey.set(`${request.method} ${path}`, request);
  }
  return [...byKey.values()].sort((a, b) => (a.path === b.path ? cmp(a.method, b.method) : cmp(a.path, b.path)));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
