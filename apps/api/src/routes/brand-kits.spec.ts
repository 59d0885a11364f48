import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildApp } from '../app.ts';
import { unreachableConfig } from '../testing/unreachable.ts';

type Operation = {
  operationId?: string;
  security?: unknown[];
  responses: Record<string, unknown>;
  requestBody?: { content: Record<string, unknown> };
};

describe('brand kit and logo operations in /openapi.json', () => {
  let app: Awaited<ReturnType<typeof buildApp>>;
  let operations: [string, Operation][];

  beforeAll(async () => {
    app = await buildApp(await unreachableConfig());
    const document = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
    operations = Object.entries(document.paths as Record<string, Record<string, Operation>>)
      .filter(([path]) => /^\/api\/v1\/(brand-kits|logo-files)/.test(path))
      .flatMap(([path, byMethod]) =>
        Object.entries(byMethod).map(([method, op]) => [`${method.toUpperCase()} ${path}`, op] as [string, Operation]),
      );
  });
  afterAll(() => app.close());

  test('are all there: kits, the active kit, activation, four sections and logos', () => {
    expect(operations.map(([name]) => name).sort()).toEqual(
      [
        'GET /api/v1/brand-kits',
        'POST /api/v1/brand-kits',
        'GET /api/v1/brand-kits/active',
        'GET /api/v1/brand-kits/{id}',
        'PUT /api/v1/brand-kits/{id}',
        'DELETE /api/v1/brand-kits/{id}',
        'POST /api/v1/brand-kits/{id}/activate',
        ...['colors', 'typography', 'voice', 'guidelines'].flatMap((s) => [
          `GET /api/v1/brand-kits/{id}/${s}`,
          `PUT /api/v1/brand-kits/{id}/${s}`,
        ]),
        'GET /api/v1/brand-kits/{id}/logos',
        'POST /api/v1/brand-kits/{id}/logos',
        'DELETE /api/v1/brand-kits/{id}/logos/{type}',
        'GET /api/v1/logo-files/{owner}/{kit}/{file}',
      ].sort(),
    );
  });

  test('each has a unique operationId, explicit security, and documents 401 where it needs a token', () => {
    const ids = operations.map(([, op]) => op.operationId);
    expect(ids.every(Boolean)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    for (const [name, op] of operations) {
      const expected = name.startsWith('GET /api/v1/logo-files') ? [] : [{ bearerAuth: [] }];
      expect(op.security, name).toEqual(expected);
      if (expected.length) expect(Object.keys(op.responses), name).toContain('401');
    }
  });

  test('the logo upload is documented as multipart with a binary file', () => {
    const upload = operations.find(([name]) => name === 'POST /api/v1/brand-kits/{id}/logos')![1];
    expect(upload.requestBody?.content).toHaveProperty('multipart/form-data');
    expect(JSON.stringify(upload.requestBody)).toContain('"format":"binary"');
  });
});
