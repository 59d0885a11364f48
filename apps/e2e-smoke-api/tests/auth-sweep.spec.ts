import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { createApiClient, fetchApiDocument, listOperations } from '@streamkit/e2e-fixtures';
import { describe, expect, test } from '@streamkit/e2e-fixtures/vitest';

// Generated from the live /openapi.json when the file is collected: every operation that declares
// security is called without credentials, so an endpoint is swept the day it exists.
const { apiUrl } = inject('target');
const secured = listOperations(await fetchApiDocument(apiUrl)).filter((operation) => operation.secured);
// Not recorded for coverage: the sweep reaches every secured operation by construction, so
// counting it would make endpoint coverage say nothing about what the real tests exercise.
const anonymous = createApiClient(apiUrl, { recordRequests: false });
const WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);

describe('auth sweep: every operation that declares security refuses a caller without credentials', () => {
  test('the API declares secured operations', () => {
    expect(secured.length).toBeGreaterThan(0);
  });

  test.for(secured)('$method $path → 401', async ({ method, path }) => {
    // Any id will do: the request must be refused before anything is looked up.
    const url = path.replace(/\{[^}]+\}/g, () => randomUUID());
    const response = await anonymous.request({ method, url, ...(WITH_BODY.has(method) ? { data: {} } : {}) });
    expect(response).toHaveStatus(401);
    expect(response.data).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
  });
});
