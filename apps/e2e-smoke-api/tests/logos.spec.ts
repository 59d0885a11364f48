import { randomUUID } from 'node:crypto';
import { bearer, BRAND_KITS_PATH } from '@streamkit/e2e-fixtures';
import { describe, expect, test } from '@streamkit/e2e-fixtures/vitest';

const LOGOS = `${BRAND_KITS_PATH}/{id}/logos`;

/** The logo operations from the specification; each needs a signed-in caller. */
const OPERATIONS = [
  ['POST', LOGOS],
  ['GET', LOGOS],
  ['DELETE', `${LOGOS}/{type}`],
] as const;

describe.concurrent('logos', () => {
  test('the OpenAPI document declares the logo operations, each needing a bearer token', async ({ api }) => {
    const { data: document } = await api.get('/openapi.json');
    for (const [method, path] of OPERATIONS) {
      const operation = document.paths[path]?.[method.toLowerCase()];
      expect(operation, `${method} ${path} in /openapi.json`).toBeDefined();
      expect(operation.security, `${method} ${path} security`).toEqual([{ bearerAuth: [] }]);
    }
    expect(document.paths[LOGOS].post.requestBody.content).toHaveProperty('multipart/form-data');
  });

  test.for(OPERATIONS)('%s %s answers 401 without a token', async ([method, path], { api }) => {
    const url = path.replace('{id}', randomUUID()).replace('{type}', 'primary');
    const response = await api.request({ method, url });
    expect(response, `${method} ${path} must refuse an anonymous caller`).toHaveStatus(401);
    expect(response.data.error.code).toBe('unauthorized');
  });

  test('an upload with an empty body is a 422 naming type and file', async ({ api, user, brandKits }) => {
    const kit = await brandKits.create(user);
    const response = await api.post(`${BRAND_KITS_PATH}/${kit.id}/logos`, {}, bearer(user));
    expect(response).toHaveStatus(422);
    const fields = response.data.error.fields.map((f: { field: string }) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['body.type', 'body.file']));
  });

  test('a new kit lists no logos, and deleting a logo it does not have is a 404', async ({ api, user, brandKits }) => {
    const kit = await brandKits.create(user);
    const list = await api.get(`${BRAND_KITS_PATH}/${kit.id}/logos`, bearer(user));
    expect(list).toHaveStatus(200);
    expect(list.data).toEqual({ logos: [] });
    expect(await api.delete(`${BRAND_KITS_PATH}/${kit.id}/logos/icon`, bearer(user))).toHaveStatus(404);
  });

  test('an unknown logo type is a 422', async ({ api, user, brandKits }) => {
    const kit = await brandKits.create(user);
    const response = await api.delete(`${BRAND_KITS_PATH}/${kit.id}/logos/banner`, bearer(user));
    expect(response).toHaveStatus(422);
    expect(response.data.error.fields).toEqual([expect.objectContaining({ field: 'params.type' })]);
  });

  test('a made-up logo link is a 404 (the link is the credential; no token needed)', async ({ api }) => {
    const response = await api.get(
      `/api/v1/logo-files/${randomUUID()}/${randomUUID()}/primary-1.png?expires=4102444800&signature=bm90LWEtc2lnbmF0dXJl`,
    );
    expect(response).toHaveStatus(404);
    expect(response.data.error.code).toBe('not_found');
  });
});
