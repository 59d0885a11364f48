import type { TestContext } from 'vitest';
import { REQUESTS_META_KEY, requestsIn, uniqueRequests, type ApiRequest } from '@streamkit/e2e-report/contract';

/**
 * Hands the requests a test's API client sent to the phase's reporter, in the test's `meta`:
 * Vitest's own channel from a worker to the reporters in the main process. Added to what earlier
 * attempts of the same test handed over, so a retried test keeps every attempt's requests.
 */
export function handOverRequests(task: Pick<TestContext['task'], 'meta'>, requests: readonly ApiRequest[]): void {
  const meta = task.meta as Record<string, unknown>;
  meta[REQUESTS_META_KEY] = uniqueRequests([...requestsIn(meta[REQUESTS_META_KEY]), ...requests]);
}
