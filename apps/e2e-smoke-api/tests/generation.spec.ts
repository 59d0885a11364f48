import { randomUUID } from 'node:crypto';
import { describe, expect, test } from '@streamkit/e2e-fixtures/vitest';

const API = '/api/v1';
const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

/** Every generation operation; all of them need a signed-in caller (from the product spec, not the document). */
const OPERATIONS = [
  ['GET', `${API}/templates`, 'listTemplates'],
  ['POST', `${API}/generate`, 'createGenerationJob'],
  ['GET', `${API}/jobs`, 'listGenerationJobs'],
  ['GET', `${API}/jobs/{id}`, 'getGenerationJob'],
  ['GET', `${API}/jobs/{id}/assets`, 'listGenerationJobAssets'],
  ['GET', `${API}/usage`, 'getUsage'],
] as const;

describe('generation', () => {
  test.for(OPERATIONS)('%s %s refuses an anonymous caller with 401', async ([method, path], { api }) => {
    const url = path.replace('{id}', randomUUID());
    const response = await api.request({ method, url, ...(method === 'POST' ? { data: {} } : {}) });
    expect(response, `${method} ${url} must refuse an anonymous caller`).toHaveStatus(401);
    expect(response.data.error.code).toBe('unauthorized');
  });

  test.for(OPERATIONS)(
    '%s %s is in /openapi.json as %s, secured by a bearer token',
    async ([method, path, operationId], { api }) => {
      const { data: document } = await api.get('/openapi.json');
      const operation = document.paths[path]?.[method.toLowerCase()];
      expect(operation, `${method} ${path} in /openapi.json`).toBeDefined();
      expect(operation.operationId).toBe(operationId);
      expect(operation.security).toEqual([{ bearerAuth: [] }]);
      expect(Object.keys(operation.responses)).toContain('401');
    },
  );

  test('POST /generate answers 422 to an empty body, naming the fields', async ({ api, user }) => {
    const response = await api.post(`${API}/generate`, {}, bearer(user.accessToken));
    expect(response).toHaveStatus(422);
    const fields = response.data.error.fields.map((f: { field: string }) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['body.template_id', 'body.asset_type']));
  });

  test('GET /jobs/{id} is a 404 for a job that does not exist, 422 for a malformed id', async ({ api, user }) => {
    expect(await api.get(`${API}/jobs/${randomUUID()}`, bearer(user.accessToken))).toHaveStatus(404);
    expect(await api.get(`${API}/jobs/not-a-uuid`, bearer(user.accessToken))).toHaveStatus(422);
  });

  test('GET /templates lists templates with their asset types, sizes and fields', async ({ api, user }) => {
    const response = await api.get(`${API}/templates`, bearer(user.accessToken));
    expect(response).toHaveStatus(200);
    expect(response.data.templates.length).toBeGreaterThan(0);
    for (const template of response.data.templates) {
      expect(template).toMatchObject({
        id: expect.any(String),
        version: expect.any(Number),
        fields: expect.any(Array),
      });
      expect(template.asset_types.length, `${template.id} makes at least one asset type`).toBeGreaterThan(0);
    }
  });

  test('a new user has used nothing of a monthly limit that resets next month', async ({ api, user }) => {
    const response = await api.get(`${API}/usage`, bearer(user.accessToken));
    expect(response).toHaveStatus(200);
    expect(response.data).toMatchObject({ tier: 'free', used: 0, limit: expect.any(Number) });
    expect(response.data.limit).toBeGreaterThan(0);
    expect(Date.parse(response.data.resets_at)).toBeGreaterThan(Date.now());
  });
});
