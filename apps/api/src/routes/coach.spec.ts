import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildApp } from '../app.ts';
import { unreachableConfig } from '../testing/unreachable.ts';

type Operation = {
  operationId?: string;
  security?: unknown;
  responses: Record<string, { content?: Record<string, unknown> }>;
};

/** The coach's contract as the OpenAPI document states it; needs no running service. */
describe('coach routes, with every service unreachable', () => {
  let app: Awaited<ReturnType<typeof buildApp>>;
  let operations: [string, Operation][];

  beforeAll(async () => {
    app = await buildApp(await unreachableConfig());
    await app.ready();
    const document = app.swagger() as unknown as { paths: Record<string, Record<string, Operation>> };
    operations = Object.entries(document.paths)
      .filter(([path]) => path.startsWith('/api/v1/coach'))
      .flatMap(([path, item]) =>
        Object.entries(item).map(([method, op]) => [`${method.toUpperCase()} ${path}`, op] as [string, Operation]),
      );
  });
  afterAll(() => app.close());

  test('every coach operation has an operationId, needs a bearer token and declares 401 and 503', () => {
    expect(operations.map(([name]) => name).sort()).toEqual([
      'GET /api/v1/coach/access',
      'GET /api/v1/coach/sessions',
      'GET /api/v1/coach/sessions/{id}',
      'GET /api/v1/coach/sessions/{id}/stream',
      'GET /api/v1/coach/tips',
      'POST /api/v1/coach/sessions/{id}/end',
      'POST /api/v1/coach/sessions/{id}/messages',
      'POST /api/v1/coach/start',
    ]);
    for (const [name, operation] of operations) {
      expect(operation.operationId, name).toMatch(/^[a-z][A-Za-z]+$/);
      expect(operation.security, name).toEqual([{ bearerAuth: [] }]);
      expect(Object.keys(operation.responses), name).toEqual(expect.arrayContaining(['200', '401', '503']));
    }
  });

  test('the streaming operations answer text/event-stream', () => {
    const streaming = operations
      .filter(([, op]) => op.responses['200']?.content?.['text/event-stream'])
      .map(([name]) => name);
    expect(streaming.sort()).toEqual([
      'GET /api/v1/coach/sessions/{id}/stream',
      'POST /api/v1/coach/sessions/{id}/messages',
      'POST /api/v1/coach/start',
    ]);
  });

  test('a signed-in caller gets 503 as JSON when Redis cannot be reached, never a half-open stream', async () => {
    const { token } = await app.auth.accessTokens.sign(
      '00000000-0000-4000-8000-000000000000',
      '00000000-0000-4000-8000-000000000001',
    );
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/coach/start',
      headers: { authorization: `Bearer ${token}` },
      payload: { message: 'Hello' },
    });
    expect(response.statusCode).toBe(503);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.json().error).toMatchObject({ code: 'unavailable' });
  });
});
