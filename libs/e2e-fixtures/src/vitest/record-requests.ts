import { afterAll } from 'vitest';
import { REQUESTS_META_KEY } from '@streamkit/e2e-report/recorded-requests';
import { takeRecordedRequests } from '../api-client.ts';

// A setup file: runs in the worker before each test file. When the file is done (its tests and
// their fixtures' cleanup included), the requests its API clients sent travel to the phase's
// reporter in the file's task meta, Vitest's own channel from a worker to the main process.
afterAll(({}, file) => {
  (file.meta as Record<string, unknown>)[REQUESTS_META_KEY] = takeRecordedRequests();
});
