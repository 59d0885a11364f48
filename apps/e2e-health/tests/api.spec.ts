import { expectReachable } from '@streamkit/e2e-fixtures';
import { describe, expect, test } from '@streamkit/e2e-fixtures/vitest';

describe('api health', () => {
  // First, and without fixtures: when api is down this is the failure that says what to do.
  test('is reachable', async ({ target }) => {
    await expectReachable('api', target);
  });

  test('GET /health answers 200', async ({ api }) => {
    expect(await api.get('/health')).toHaveStatus(200);
  });

  test('reports the deployed version', async ({ api }) => {
    const { data } = await api.get('/health');
    expect(data.version).toMatch(/^\d+\.\d+\.\d+|^[0-9a-f]{7,40}$/);
  });

  test('reports an ISO 8601 timestamp within a minute of now', async ({ api }) => {
    const { data } = await api.get('/health');
    expect(data.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/);
    expect(Math.abs(Date.parse(data.timestamp) - Date.now())).toBeLessThan(60_000);
  });

  test('reports every service up, with its latency', async ({ api }) => {
    const { data } = await api.get('/health');
    for (const service of ['database', 'redis', 'storage']) {
      expect(data.services[service], `${service} as the API sees it`).toMatchObject({
        status: 'up',
        latency_ms: expect.any(Number),
      });
    }
  });
});
