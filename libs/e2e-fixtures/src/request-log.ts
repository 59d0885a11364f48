import { AsyncLocalStorage } from 'node:async_hooks';
import type { ApiRequest } from '@streamkit/e2e-report/contract';

/**
 * Where an API client's requests go: to the test that sent them, which endpoint coverage names.
 * The clients are worker-scoped (a file- or worker-scoped fixture may use them), so the test is
 * found at request time: in Vitest through the async context each test runs in (its setup file
 * wraps every test, concurrent ones included); in Playwright, whose worker runs one test at a
 * time, through the test its fixture marked as running. Outside a test nothing is recorded.
 */
const vitestTest = new AsyncLocalStorage<ApiRequest[]>();
let playwrightTest: ApiRequest[] | undefined;

/** Vitest: runs `test` with every request sent from inside it recorded into `into`. */
export function recordingRequests<T>(into: ApiRequest[], test: () => T): T {
  return vitestTest.run(into, test);
}

/** Playwright: from now on, requests go to `into` (the running test's); `undefined` stops recording. */
export function recordRequestsOfWorkerTest(into: ApiRequest[] | undefined): void {
  playwrightTest = into;
}

/** Records a request for the test it belongs to, if any. */
export function recordRequest(request: ApiRequest): void {
  (vitestTest.getStore() ?? playwrightTest)?.push(request);
}
