import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildApp } from '../app.ts';
import { unreachableConfig } from '../testing/unreachable.ts';

type Operation = { operationId: string; requestBody?: unknown; responses: Record<string, unknown> };

// Every refusal here happens before a service is needed, so every service is unreachable.
describe('request bodies in a media type the API does not take', () => {
  let app: Awaited<ReturnType<typeof buildApp>>;

  beforeAll(async () => {
    app = await buildApp(await unreachableConfig());
  });
  afterAll(() => app.close());

  test.each([
    ['a form', 'application/x-www-form-urlencoded', 'email=a%40b.test&password=secret'],
    ['plain text', 'text/plain', '{"email":"a@b.test","password":"secret"}'],
    ['XML', 'application/xml', '<login/>'],
  ])('%s is refused with 415 in the error envelope', async (_kind, contentType, payload) => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': contentType, 'x-request-id': 'req-415' },
      payload,
    });
    expect(response.statusCode, response.body).toBe(415);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.json()).toEqual({
      error: {
        code: 'unsupported_media_type',
        message: expect.stringContaining(contentType),
        request_id: 'req-415',
      },
    });
  });

  test.each([
    ['a form', 'application/x-www-form-urlencoded'],
    ['plain text', 'text/plain;charset=UTF-8'],
  ])('a bodiless POST typed as %s counts as no body: 422 naming it, as for empty JSON', async (_kind, contentType) => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': contentType },
    });
    expect(response.statusCode, response.body).toBe(422);
    expect(response.json().error).toMatchObject({ code: 'validation_failed', fields: [{ field: 'body' }] });
  });

  test('the document declares 415 for every operation that takes a body, and for no other', async () => {
    const document = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const operations = Object.values(document.paths as Record<string, Record<string, Operation>>).flatMap((item) =>
      Object.values(item),
    );
    const withBody = operations.filter((operation) => operation.requestBody);
    expect(withBody.length).toBeGreaterThan(0);
    for (const operation of operations) {
      expect('415' in operation.responses, operation.operationId).toBe(Boolean(operation.requestBody));
    }
  });
});
