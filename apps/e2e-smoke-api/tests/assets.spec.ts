import { randomUUID } from 'node:crypto';
import { describe, expect, test } from '@streamkit/e2e-fixtures/vitest';

const API = '/api/v1';
const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

/** The asset library's operations; all of them need a signed-in caller. */
const SECURED = [
  ['GET', `${API}/assets`, 'listAssets'],
  ['GET', `${API}/assets/{id}`, 'getAssetContent'],
  ['DELETE', `${API}/assets/{id}`, 'deleteAsset'],
  ['PUT', `${API}/assets/{id}/visibility`, 'setAssetVisibility'],
] as const;
/** The share link is the one public operation of the module. */
const PUBLIC_ASSET = `${API}/asset/{id}`;

describe('assets', () => {
  test.for(SECURED)('%s %s refuses an anonymous caller with 401', async ([method, path], { api }) => {
    const url = path.replace('{id}', randomUUID());
    const response = await api.request({ method, url, ...(method === 'PUT' ? { data: {} } : {}) });
    expect(response, `${method} ${url} must refuse an anonymous caller`).toHaveStatus(401);
  });

  test('the OpenAPI document names every operation and marks the public one public', async ({ api }) => {
    const { data: document } = await api.get('/openapi.json');
    for (const [method, path, operationId] of SECURED) {
      const operation = document.paths[path]?.[method.toLowerCase()];
      expect(operation?.operationId, `${method} ${path}`).toBe(operationId);
      expect(operation?.security, `${method} ${path}`).toEqual([{ bearerAuth: [] }]);
    }
    const shared = document.paths[PUBLIC_ASSET]?.get;
    expect(shared?.operationId).toBe('getPublicAsset');
    expect(shared?.security).toEqual([]);
    expect(Object.keys(shared?.responses ?? {})).toEqual(expect.arrayContaining(['200', '404']));
  });

  test.for([randomUUID(), 'not-an-id', '12345'])(
    'GET /asset/%s (public) is a JSON 404 without signing in',
    async (id, { api }) => {
      const response = await api.get(`${API}/asset/${id}`);
      expect(response).toHaveStatus(404);
      expect(response.data.error).toMatchObject({ code: 'asset_not_found', request_id: expect.any(String) });
    },
  );

  test('PUT /assets/{id}/visibility answers 422 to an empty body', async ({ api, user }) => {
    const response = await api.put(`${API}/assets/${randomUUID()}/visibility`, {}, bearer(user.accessToken));
    expect(response).toHaveStatus(422);
    expect(response.data.error.fields.map((f: { field: string }) => f.field)).toContain('body.is_public');
  });

  test("an asset that is not the caller's is a 404 for every operation", async ({ api, user }) => {
    const id = randomUUID();
    for (const [method, path] of SECURED.slice(1)) {
      const url = path.replace('{id}', id);
      const response = await api.request({
        method,
        url,
        ...bearer(user.accessToken),
        ...(method === 'PUT' ? { data: { is_public: true } } : {}),
      });
      expect(response, `${method} ${url}`).toHaveStatus(404);
    }
  });

  test('a new user has an empty library', async ({ api, user }) => {
    const response = await api.get(`${API}/assets`, bearer(user.accessToken));
    expect(response).toHaveStatus(200);
    expect(response.data).toEqual({ items: [], total: 0, limit: 20, offset: 0 });
  });
});
