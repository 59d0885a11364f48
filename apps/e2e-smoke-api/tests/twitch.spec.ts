import { randomUUID } from 'node:crypto';
import { describe, expect, test } from '@streamkit/e2e-fixtures/vitest';

const API = '/api/v1';
const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

const OPERATIONS = [
  ['GET', `${API}/twitch/dimensions`, 'getTwitchDimensions'],
  ['POST', `${API}/twitch/generate`, 'createTwitchAsset'],
  ['POST', `${API}/twitch/packs`, 'createTwitchPack'],
  ['GET', `${API}/twitch/game-meta/{id}`, 'getTwitchGameMeta'],
] as const;

describe('twitch', () => {
  test.for(OPERATIONS)('%s %s refuses an anonymous caller with 401', async ([method, path], { api }) => {
    const url = path.replace('{id}', '509658');
    const response = await api.request({ method, url, ...(method === 'POST' ? { data: {} } : {}) });
    expect(response, `${method} ${url} must refuse an anonymous caller`).toHaveStatus(401);
  });

  test('the OpenAPI document names every operation, secured by a bearer token', async ({ api }) => {
    const { data: document } = await api.get('/openapi.json');
    for (const [method, path, operationId] of OPERATIONS) {
      const operation = document.paths[path]?.[method.toLowerCase()];
      expect(operation?.operationId, `${method} ${path}`).toBe(operationId);
      expect(operation?.security, `${method} ${path}`).toEqual([{ bearerAuth: [] }]);
    }
  });

  test.for(['generate', 'packs'])('POST /twitch/%s answers 422 to an empty body', async (path, { api, user }) => {
    const response = await api.post(`${API}/twitch/${path}`, {}, bearer(user.accessToken));
    expect(response).toHaveStatus(422);
    expect(response.data.error.fields.length).toBeGreaterThan(0);
  });

  test('GET /twitch/game-meta/{id} is a 404 for an unknown game and a 422 for a malformed id', async ({
    api,
    user,
  }) => {
    expect(await api.get(`${API}/twitch/game-meta/999999999999`, bearer(user.accessToken))).toHaveStatus(404);
    expect(await api.get(`${API}/twitch/game-meta/${randomUUID()}`, bearer(user.accessToken))).toHaveStatus(422);
  });
});
