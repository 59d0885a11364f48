import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiRequest } from '@streamkit/e2e-report/contract';
import { apiPath, createApiClient } from './api-client.ts';
import { recordingRequests, recordRequestsOfWorkerTest } from './request-log.ts';
import { createUsersFixture } from './users.ts';

// A real HTTP server on port 0 stands in for the API (served under a prefix, as a deployment may
// serve it); the client's requests are recorded for the test that sends them, or not at all.
let server: Server;
let apiUrl: string;
beforeAll(async () => {
  server = createServer((request, response) => {
    const signup = request.url?.endsWith('/api/v1/auth/signup');
    response.writeHead(signup ? 201 : 200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(signup ? { user: { id: 'u1' }, access_token: 'a', refresh_token: 'r' } : {}));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/prefix`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('createApiClient records requests for endpoint coverage', () => {
  it('for the test that sends them, relative to the base URL and without the query, concurrent tests apart', async () => {
    const api = createApiClient(apiUrl);
    const a: ApiRequest[] = [];
    const b: ApiRequest[] = [];
    await Promise.all([
      recordingRequests(a, async () => {
        await api.get('/api/v1/kits/7?full=1');
        await api.post('/api/v1/kits', {});
      }),
      recordingRequests(b, async () => {
        await api.delete('/api/v1/kits/8');
      }),
    ]);
    expect(a).toEqual([
      { method: 'GET', path: '/api/v1/kits/7' },
      { method: 'POST', path: '/api/v1/kits' },
    ]);
    expect(b).toEqual([{ method: 'DELETE', path: '/api/v1/kits/8' }]);
  });

  it('not when a fixture sets the test up (users.create signs up), nor from a client that opts out', async () => {
    const api = createApiClient(apiUrl);
    const recorded: ApiRequest[] = [];
    await recordingRequests(recorded, async () => {
      const users = createUsersFixture({ api, db: { query: async () => ({}) as never } });
      await users.create();
      await createApiClient(apiUrl, { recordRequests: false }).get('/api/v1/auth/me');
      await api.get('/api/v1/auth/me');
    });
    expect(recorded).toEqual([{ method: 'GET', path: '/api/v1/auth/me' }]);
  });

  it('nowhere outside a test; in Playwright, into the test the worker runs', async () => {
    const api = createApiClient(apiUrl);
    await api.get('/health');
    const running: ApiRequest[] = [];
    recordRequestsOfWorkerTest(running);
    try {
      await api.get('/health');
    } finally {
      recordRequestsOfWorkerTest(undefined);
    }
    await api.get('/health');
    expect(running).toEqual([{ method: 'GET', path: '/health' }]);
  });
});

describe('apiPath', () => {
  it("maps the API's own URLs and the web app's proxied /api and /health to operation paths, nothing else", () => {
    const web = 'http://localhost:5173';
    expect(apiPath('http://api.test/prefix/api/v1/kits?x=1', 'http://api.test/prefix')).toBe('/api/v1/kits');
    expect(apiPath('http://api.test/other/api/v1/kits', 'http://api.test/prefix')).toBeUndefined();
    expect(apiPath('http://localhost:5173/api/v1/auth/me', 'http://api.test', web)).toBe('/api/v1/auth/me');
    expect(apiPath('http://localhost:5173/health', 'http://api.test', web)).toBe('/health');
    expect(apiPath('http://localhost:5173/dashboard', 'http://api.test', web)).toBeUndefined();
    expect(apiPath('http://localhost:5173/assets/app.js', 'http://api.test', web)).toBeUndefined();
    expect(apiPath('not a url', 'http://api.test', web)).toBeUndefined();
  });
});
