import { describe, expect, it } from 'vitest';
import { listOperations } from './openapi.ts';

// Shaped like the API's own document (@fastify/swagger with zod schemas).
const DOCUMENT = {
  openapi: '3.0.3',
  info: { title: 'StreamKit API', version: '0.1.0' },
  components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } } },
  paths: {
    '/health': { get: { responses: { 200: {} } } },
    '/api/v1/auth/me': { get: { security: [{ bearerAuth: [] }], responses: {} } },
    '/api/v1/auth/logout': { post: { security: [{ bearerAuth: [] }], requestBody: { content: {} }, responses: {} } },
    '/api/v1/brand-kits/{id}': {
      parameters: [{ name: 'id', in: 'path' }],
      get: { security: [{ bearerAuth: [] }] },
      delete: { security: [{ bearerAuth: [] }] },
      patch: { security: [{ bearerAuth: [] }], requestBody: {} },
    },
    '/api/v1/auth/login': { post: { operationId: 'login', requestBody: {} } },
  },
};

describe('listOperations', () => {
  it('lists every operation with its method, template, operationId, and whether it needs credentials or a body', () => {
    expect(listOperations(DOCUMENT)).toEqual([
      { method: 'POST', path: '/api/v1/auth/login', operationId: 'login', secured: false, hasBody: true },
      { method: 'POST', path: '/api/v1/auth/logout', secured: true, hasBody: true },
      { method: 'GET', path: '/api/v1/auth/me', secured: true, hasBody: false },
      { method: 'GET', path: '/api/v1/brand-kits/{id}', secured: true, hasBody: false },
      { method: 'DELETE', path: '/api/v1/brand-kits/{id}', secured: true, hasBody: false },
      { method: 'PATCH', path: '/api/v1/brand-kits/{id}', secured: true, hasBody: true },
      { method: 'GET', path: '/health', secured: false, hasBody: false },
    ]);
  });

  it("applies the document's security unless an operation overrides it; [] and [{}] let anyone in", () => {
    const ops = listOperations({
      security: [{ bearerAuth: [] }],
      paths: { '/a': { get: {} }, '/b': { get: { security: [] } }, '/c': { get: { security: [{}] } } },
    });
    expect(ops.map((o) => [o.path, o.secured])).toEqual([
      ['/a', true],
      ['/b', false],
      ['/c', false],
    ]);
  });

  it('finds nothing in what is not a document, rather than throwing', () => {
    expect(listOperations(undefined)).toEqual([]);
    expect(listOperations('<html>')).toEqual([]);
    expect(listOperations({ paths: null })).toEqual([]);
  });
});
