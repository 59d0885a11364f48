import { uniqueName } from '@streamkit/e2e-fixtures';
import { describe, expect, test } from '@streamkit/e2e-fixtures/vitest';

const AUTH = '/api/v1/auth';

/** Every auth operation that needs a signed-in caller. */
const PROTECTED = [
  ['GET', `${AUTH}/me`],
  ['POST', `${AUTH}/logout`],
] as const;

describe('auth', () => {
  test.for(['signup', 'login'])(
    'POST /auth/%s answers 422 to an empty body, naming the fields',
    async (path, { api }) => {
      const response = await api.post(`${AUTH}/${path}`, {});
      expect(response).toHaveStatus(422);
      const fields = response.data.error.fields.map((f: { field: string }) => f.field);
      expect(fields).toEqual(expect.arrayContaining(['body.email', 'body.password']));
    },
  );

  test('POST /auth/refresh is reachable: 422 without a token, 401 for a bogus one', async ({ api }) => {
    expect(await api.post(`${AUTH}/refresh`, {})).toHaveStatus(422);
    const bogus = await api.post(`${AUTH}/refresh`, { refresh_token: 'not-a-real-refresh-token' });
    expect(bogus).toHaveStatus(401);
    expect(bogus.data.error.code).toBe('invalid_refresh_token');
  });

  test.for(PROTECTED)('%s %s answers 401 without a token', async ([method, url], { api }) => {
    const response = await api.request({ method, url });
    expect(response, `${method} ${url} must refuse an anonymous caller`).toHaveStatus(401);
    expect(response.data.error.code).toBe('unauthorized');
  });

  test.for(PROTECTED)('%s %s answers 401 to a forged token', async ([method, url], { api }) => {
    const forged = ['eyJhbGciOiJIUzI1NiJ9', 'eyJzdWIiOiJ4Iiwic2lkIjoieCJ9', 'c2lnbmF0dXJl'].join('.');
    const response = await api.request({ method, url, headers: { authorization: `Bearer ${forged}` } });
    expect(response, `${method} ${url} must refuse a forged token`).toHaveStatus(401);
  });

  test('the OpenAPI document marks the protected operations', async ({ api }) => {
    const { data: document } = await api.get('/openapi.json');
    for (const [method, url] of PROTECTED) {
      const operation = document.paths[url]?.[method.toLowerCase()];
      expect(operation?.security, `${method} ${url} in /openapi.json`).toEqual([{ bearerAuth: [] }]);
    }
  });

  test.for(['request', 'confirm'])(
    'POST /auth/password-reset/%s answers 422 to an empty body',
    async (step, { api }) => {
      expect(await api.post(`${AUTH}/password-reset/${step}`, {})).toHaveStatus(422);
    },
  );

  test('POST /auth/password-reset/request answers 202 for an address with no account', async ({ api }) => {
    const response = await api.post(`${AUTH}/password-reset/request`, {
      email: `${uniqueName('nobody')}@e2e.streamkit.dev`,
    });
    expect(response).toHaveStatus(202);
    expect(response.data.message).toEqual(expect.any(String));
  });

  describe('OAuth', () => {
    test('start redirects to the provider with a signed state', async ({ api }) => {
      const { data } = await api.get(`${AUTH}/oauth`);
      const provider: string | undefined = data.providers?.[0];
      expect(provider, `GET ${AUTH}/oauth lists no provider: ${JSON.stringify(data)}`).toBeDefined();

      const response = await api.get(`${AUTH}/oauth/${provider}`, { maxRedirects: 0 });
      expect(response).toHaveStatus(302);
      const location = new URL(response.headers.location);
      expect(location.origin, 'the redirect leaves the API for the provider').not.toBe(
        new URL(api.defaults.baseURL!).origin,
      );
      expect(location.searchParams.get('state')).toMatch(/^[\w-]+\.[\w-]+$/);
      expect(location.searchParams.get('response_type')).toBe('code');
      expect(location.searchParams.get('redirect_uri')).toMatch(new RegExp(`${AUTH}/oauth/${provider}/callback$`));
    });

    test('an unknown provider is a 404', async ({ api }) => {
      expect(await api.get(`${AUTH}/oauth/no-such-provider`, { maxRedirects: 0 })).toHaveStatus(404);
    });

    test('the callback rejects a forged or missing state', async ({ api }) => {
      const { data } = await api.get(`${AUTH}/oauth`);
      for (const query of ['code=abc&state=forged.state', 'code=abc']) {
        const response = await api.get(`${AUTH}/oauth/${data.providers[0]}/callback?${query}`, { maxRedirects: 0 });
        expect(response).toHaveStatus(400);
        expect(response.data.error.code).toBe('invalid_state');
      }
    });
  });
});
