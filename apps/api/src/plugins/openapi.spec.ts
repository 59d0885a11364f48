import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildApp } from '../app.ts';
import { unreachableConfig } from '../testing/unreachable.ts';
import openapi from './openapi.ts';

type Operation = { operationId?: string; security?: unknown; responses: Record<string, unknown> };

describe('a route the document could not describe exactly', () => {
  test.each([
    ['no operationId', { security: [] }, /has no operationId/],
    ['no security', { operationId: 'somethingNew' }, /declares no security/],
  ])('with %s stops the API from booting, naming it', async (_case, schema, reason) => {
    const app = Fastify();
    app.decorate('config', (await unreachableConfig()) as never);
    await app.register(openapi);
    expect(() => app.get('/api/v1/something-new', { schema }, async () => ({}))).toThrowError(
      new RegExp(`GET /api/v1/something-new cannot be documented: .*${reason.source}`),
    );
    await app.close();
  });
});

describe('/openapi.json', () => {
  let app: Awaited<ReturnType<typeof buildApp>>;
  let operations: [string, Operation][];

  beforeAll(async () => {
    app = await buildApp(await unreachableConfig());
    const document = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
    operations = Object.entries(document.paths as Record<string, Record<string, Operation>>).flatMap(([path, item]) =>
      Object.entries(item).map(([method, operation]) => [`${method.toUpperCase()} ${path}`, operation] as const),
    ) as [string, Operation][];
  });
  afterAll(() => app.close());

  test('names every operation once and says who may call each', () => {
    const ids = operations.map(([, operation]) => operation.operationId);
    expect(ids.every((id) => typeof id === 'string')).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    for (const [name, operation] of operations) expect(Array.isArray(operation.security), name).toBe(true);
  });

  test('declares what the shared machinery answers: 401 and 503 where a token is checked, 4XX and default everywhere', () => {
    for (const [name, { security, responses }] of operations) {
      if (Array.isArray(security) && security.length > 0) {
        expect(Object.keys(responses), name).toEqual(expect.arrayContaining(['401', '503']));
      }
      expect(responses, name).toHaveProperty('4XX');
      expect(responses, name).toHaveProperty('default');
    }
  });
});
