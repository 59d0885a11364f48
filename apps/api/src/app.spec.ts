import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { unreachableConfig } from './testing/unreachable.ts';

describe('configuration', () => {
  test('names every missing or malformed variable', () => {
    const load = () => loadConfig({ REDIS_URL: 'not a url', STORAGE_URL: 'http://127.0.0.1:1' });
    expect(load).toThrowError(ConfigError);
    expect(load).toThrowError(/DATABASE_URL is not set/);
    expect(load).toThrowError(/REDIS_URL is invalid/);
    expect(load).toThrowError(/STORAGE_SERVICE_KEY is not set/);
    expect(load).toThrowError(/JWT_SECRET is not set/);
    expect(load).toThrowError(/SMTP_URL is not set/);
    expect(load).toThrowError(/WEB_URL is not set/);
    expect(load).not.toThrowError(/STORAGE_URL/);
  });

  test('refuses a short JWT secret', async () => {
    await expect(unreachableConfig({ JWT_SECRET: 'too-short' })).rejects.toThrowError(
      /JWT_SECRET is invalid: must be at least 32 characters/,
    );
  });
});

describe('with every service unreachable', () => {
  let app: Awaited<ReturnType<typeof buildApp>>;

  beforeAll(async () => {
    app = await buildApp(await unreachableConfig());
  });
  afterAll(() => app.close());

  test('GET /health answers 503 within 2 s and marks each service down', async () => {
    const started = performance.now();
    const response = await app.inject({ method: 'GET', url: '/health' });
    expect(performance.now() - started).toBeLessThan(2000);
    expect(response.statusCode).toBe(503);
    const body = response.json();
    expect(body.status).toBe('degraded');
    for (const service of ['database', 'redis', 'storage']) {
      expect(body.services[service]).toMatchObject({ status: 'down', error: expect.any(String) });
    }
  });

  test('an endpoint that needs only the database answers 503 naming it, not 500', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/refresh',
      payload: { refresh_token: 'x'.repeat(43) },
    });
    expect(response.statusCode, response.body).toBe(503);
    expect(response.json().error).toMatchObject({ code: 'unavailable', details: { dependency: 'database' } });
  });

  test('unknown routes answer a JSON 404 with the request id', async () => {
    const response = await app.inject({ method: 'GET', url: '/nope', headers: { 'x-request-id': 'req-123' } });
    expect(response.statusCode).toBe(404);
    expect(response.headers['x-request-id']).toBe('req-123');
    expect(response.json()).toEqual({
      error: { code: 'not_found', message: 'No route for GET /nope', request_id: 'req-123' },
    });
  });

  test('serves an OpenAPI document generated from the route schemas', async () => {
    const response = await app.inject({ method: 'GET', url: '/openapi.json' });
    expect(response.statusCode).toBe(200);
    const document = response.json();
    expect(document.openapi).toMatch(/^3\./);
    expect(Object.keys(document.paths)).toContain('/health');
    expect(Object.keys(document.paths)).not.toContain('/openapi.json');
  });
});
