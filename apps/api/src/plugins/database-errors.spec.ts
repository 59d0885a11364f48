import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { buildApp } from '../app.ts';
import { unreachableConfig } from '../testing/unreachable.ts';
import { call, startApiWithRealServices, type RealServices } from '../testing/real-services.ts';
import { withUserTransaction } from './database.ts';

describe('input PostgreSQL refuses', () => {
  let api: RealServices;
  beforeAll(async () => {
    api = await startApiWithRealServices();
  });
  afterAll(() => api?.close());

  test.each([
    ['a NUL byte', 'Ann\u0000'],
    ['a newline', 'Ann\nBob'],
    ['an escape', 'Ann\u001b[31m'],
  ])('signup with %s in display_name is a 422 naming the field', async (_case, name) => {
    const answer = await call(api.url, 'POST', '/api/v1/auth/signup', {
      email: `nul-${randomUUID()}@example.test`,
      password: 'a-good-password',
      display_name: name,
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(422);
    expect(answer.body.error.fields).toEqual([
      { field: 'body.display_name', message: 'must not contain control characters' },
    ]);
  });

  test('GET /me with a correctly signed token whose subject is not a UUID is a 401', async () => {
    const { token } = await api.app.auth.accessTokens.sign('not-a-uuid', randomUUID());
    const answer = await call(api.url, 'GET', '/api/v1/auth/me', undefined, { authorization: `Bearer ${token}` });
    expect(answer.status).toBe(401);
  });
});

/**
 * The safety net: were a route to let such input through, the database's refusal still answers
 * 4xx. Real errors from the real PostgreSQL, through the API's real error handler, on a route
 * that exists only in this test.
 */
describe('PostgreSQL errors a client can cause are 4xx, others stay 500', () => {
  let app: Awaited<ReturnType<typeof buildApp>>;
  const userId = randomUUID();

  beforeAll(async () => {
    app = await buildApp(await unreachableConfig({ DATABASE_URL: inject('database').apiUrl }));
    // Hidden: the API refuses to boot with a route its document could not describe.
    app.post<{ Body: { sql: string; params: unknown[] } }>(
      '/test-only/query',
      { schema: { hide: true } },
      async (req) => {
        await withUserTransaction(app.db, userId, (client) => client.query(req.body.sql, req.body.params));
        return {};
      },
    );
    await app.ready();
  });
  afterAll(() => app?.close());

  test.each([
    ['text with NUL (22021)', 'select $1::text', ['a\u0000b'], 422, 'invalid_value'],
    ['a malformed uuid (22P02)', 'select $1::uuid', ['not-a-uuid'], 422, 'invalid_value'],
    ['an out-of-range integer (22003)', 'select $1::int', ['99999999999'], 422, 'invalid_value'],
    [
      'a check constraint (23514)',
      `insert into brand_kits (user_id, name) values ($1, '')`,
      [userId],
      422,
      'invalid_value',
    ],
    [
      'a missing row referenced (23503)',
      `insert into brand_kits (user_id, name) values ($1, 'kit')`,
      [userId],
      422,
      'invalid_reference',
    ],
    ['a syntax error of ours (42601)', 'selec 1', [], 500, 'internal'],
  ])('%s', async (_case, sql, params, status, code) => {
    const answer = await app.inject({ method: 'POST', url: '/test-only/query', payload: { sql, params } });
    expect(answer.statusCode, answer.body).toBe(status);
    expect(answer.json().error.code).toBe(code);
  });
});
