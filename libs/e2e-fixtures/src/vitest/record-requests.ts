import { aroundEach } from 'vitest';
import { REQUESTS_META_KEY, requestsIn, uniqueRequests, type ApiRequest } from '@streamkit/e2e-report/contract';
import { recordingRequests } from '../request-log.ts';

// A setup file: runs in the worker before each test file. Every test (its fixtures included)
// runs inside its own recording, so the API requests it sends are its own even among concurrent
// tests; they travel to the phase's reporter in the test's `meta`, Vitest's own channel from a
// worker to the main process, added to what earlier attempts of a retried test sent.
aroundEach(async (runTest, { task }) => {
  const requests: ApiRequest[] = [];
  try {
    await recordingRequests(requests, runTest);
  } finally {
    const meta = task.meta as Record<string, unknown>;
    meta[REQUESTS_META_KEY] = uniqueRequests([...requestsIn(meta[REQUESTS_META_KEY]), ...requests]);
  }
});
