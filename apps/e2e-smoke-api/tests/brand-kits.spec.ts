import { randomUUID } from 'node:crypto';
import { bearer, BRAND_KITS_PATH } from '@streamkit/e2e-fixtures';
import { describe, expect, test } from '@streamkit/e2e-fixtures/vitest';

const KIT = `${BRAND_KITS_PATH}/{id}`;
const SECTIONS = ['colors', 'typography', 'voice', 'guidelines'] as const;

/**
 * Every brand kit operation, written down from the product's specification rather than read from
 * /openapi.json (the auth sweep does that): each must need a signed-in caller.
 */
const OPERATIONS = [
  ['GET', BRAND_KITS_PATH],
  ['POST', BRAND_KITS_PATH],
  ['GET', `${BRAND_KITS_PATH}/active`],
  ['GET', KIT],
  ['PUT', KIT],
  ['DELETE', KIT],
  ['POST', `${KIT}/activate`],
  ...SECTIONS.flatMap((section) => [
    ['GET', `${KIT}/${section}`],
    ['PUT', `${KIT}/${section}`],
  ]),
] as const;

/** Operations with a JSON body, for the empty-body checks. */
const WITH_BODY = OPERATIONS.filter(([method]) => method === 'POST' || method === 'PUT').filter(
  ([, path]) => !path.endsWith('/activate'),
);

describe.concurrent('brand kits', () => {
  test('the OpenAPI document declares every brand kit operation, each needing a bearer token', async ({ api }) => {
    const { data: document } = await api.get('/openapi.json');
    for (const [method, path] of OPERATIONS) {
      const operation = document.paths[path]?.[method.toLowerCase()];
      expect(operation, `${method} ${path} in /openapi.json`).toBeDefined();
      expect(operation.security, `${method} ${path} security`).toEqual([{ bearerAuth: [] }]);
      expect(operation.operationId, `${method} ${path} operationId`).toEqual(expect.any(String));
    }
  });

  test.for(OPERATIONS)('%s %s answers 401 without a token', async ([method, path], { api }) => {
    const response = await api.request({ method, url: path.replace('{id}', randomUUID()) });
    expect(response, `${method} ${path} must refuse an anonymous caller`).toHaveStatus(401);
    expect(response.data.error.code).toBe('unauthorized');
  });

  test.for(WITH_BODY)(
    '%s %s answers 422 to an empty body, naming the fields',
    async ([method, path], { api, user, brandKits }) => {
      const kit = await brandKits.create(user);
      const response = await api.request({ method, url: path.replace('{id}', kit.id), data: {}, ...bearer(user) });
      expect(response).toHaveStatus(422);
      expect(response.data.error.code).toBe('validation_failed');
      expect(response.data.error.fields.length, 'at least one field is named').toBeGreaterThan(0);
      for (const { field } of response.data.error.fields) expect(field).toMatch(/^body\./);
    },
  );

  test('a new user has no kits, may have ten, and has no active kit', async ({ api, user }) => {
    const list = await api.get(BRAND_KITS_PATH, bearer(user));
    expect(list).toHaveStatus(200);
    expect(list.data).toEqual({ brand_kits: [], limit: 10 });
    const active = await api.get(`${BRAND_KITS_PATH}/active`, bearer(user));
    expect(active).toHaveStatus(404);
    expect(active.data.error.code).toBe('no_active_brand_kit');
  });

  test('a kit id that is not a UUID is a 422, an unknown one a 404', async ({ api, user }) => {
    const malformed = await api.get(`${BRAND_KITS_PATH}/not-a-uuid`, bearer(user));
    expect(malformed).toHaveStatus(422);
    expect(malformed.data.error.fields).toEqual([expect.objectContaining({ field: 'params.id' })]);
    expect(await api.get(`${BRAND_KITS_PATH}/${randomUUID()}`, bearer(user))).toHaveStatus(404);
  });
});
