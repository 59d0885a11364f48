import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildApp } from '../app.ts';
import { signState } from '../auth/oauth-state.ts';
import { AccessTokens } from '../auth/tokens.ts';
import { unreachableConfig } from '../testing/unreachable.ts';

/** What needs no database: validation, the bearer check, OpenAPI marking, OAuth redirects and state. */
describe('auth routes, with every service unreachable', () => {
  let app: Awaited<ReturnType<typeof buildApp>>;
  let config: Awaited<ReturnType<typeof unreachableConfig>>;

  beforeAll(async () => {
    config = await unreachableConfig();
    app = await buildApp(config);
  });
  afterAll(() => app.close());

  test.each(['signup', 'login', 'refresh', 'password-reset/request', 'password-reset/confirm'])(
    'POST %s answers 422 naming the fields, for an empty object and for no body at all',
    async (path) => {
      const empty = await app.inject({ method: 'POST', url: `/api/v1/auth/${path}`, payload: {} });
      expect(empty.statusCode).toBe(422);
      expect(empty.json().error).toMatchObject({ code: 'validation_failed', fields: expect.any(Array) });
      expect(empty.json().error.fields.length).toBeGreaterThan(0);
      const none = await app.inject({ method: 'POST', url: `/api/v1/auth/${path}` });
      expect(none.statusCode).toBe(422);
    },
  );

  test('signup names each bad field', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      payload: { email: 'not-an-email', password: 'short', display_name: '' },
    });
    expect(response.statusCode).toBe(422);
    const fields = response.json().error.fields.map((f: { field: string }) => f.field);
    expect(fields.sort()).toEqual(['body.display_name', 'body.email', 'body.password']);
  });

  test('a JSON content type with no body counts as no body: 422 with fields, not a parser error', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().error).toMatchObject({ code: 'validation_failed', fields: [{ field: 'body' }] });
  });

  test('malformed JSON is a 422, not a 500', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"email":',
    });
    expect(response.statusCode).toBe(422);
  });

  test('OpenAPI marks exactly me, logout and the account settings, of the auth operations, as needing a bearer token', async () => {
    const document = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const secured = Object.entries(document.paths as Record<string, Record<string, { security?: unknown[] }>>)
      .filter(([path]) => path.startsWith('/api/v1/auth/'))
      .flatMap(([path, operations]) =>
        Object.entries(operations)
          .filter(([, operation]) => operation.security?.length)
          .map(([method]) => `${method.toUpperCase()} ${path}`),
      )
      .sort();
    expect(secured).toEqual([
      'GET /api/v1/auth/me',
      'PATCH /api/v1/auth/me',
      'POST /api/v1/auth/logout',
      'POST /api/v1/auth/password',
    ]);
  });

  describe.each([
    ['GET', '/api/v1/auth/me'],
    ['POST', '/api/v1/auth/logout'],
  ])('%s %s', (method, url) => {
    test.each([
      ['no Authorization header', undefined],
      ['a non-bearer scheme', 'Basic dXNlcjpwYXNz'],
      ['a garbage token', 'Bearer not.a.jwt'],
    ])('answers 401 unauthorized to %s', async (_case, authorization) => {
      const response = await app.inject({
        method: method as 'GET' | 'POST',
        url,
        headers: authorization ? { authorization } : {},
      });
      expect(response.statusCode).toBe(401);
      expect(response.json().error.code).toBe('unauthorized');
    });

    test('answers 401 to an expired token', async () => {
      const past = new AccessTokens(config.JWT_SECRET, () => Date.now() - 16 * 60_000);
      const { token } = await past.sign('00000000-0000-4000-8000-000000000000', '00000000-0000-4000-8000-000000000001');
      const response = await app.inject({
        method: method as 'GET',
        url,
        headers: { authorization: `Bearer ${token}` },
      });
      expect(response.statusCode).toBe(401);
      expect(response.json().error.message).toMatch(/expired/);
    });

    test('answers 503 (not 500, not 200) to a valid token when the revocation list is unreachable', async () => {
      const { token } = await app.auth.accessTokens.sign(
        '00000000-0000-4000-8000-000000000000',
        '00000000-0000-4000-8000-000000000001',
      );
      const response = await app.inject({
        method: method as 'GET',
        url,
        headers: { authorization: `Bearer ${token}` },
      });
      expect(response.statusCode).toBe(503);
    });

    test('answers 401 to a correctly signed token whose subject is not a UUID', async () => {
      const { token } = await app.auth.accessTokens.sign('not-a-uuid', '00000000-0000-4000-8000-000000000001');
      const response = await app.inject({
        method: method as 'GET',
        url,
        headers: { authorization: `Bearer ${token}` },
      });
      expect(response.statusCode).toBe(401);
      expect(response.json().error.code).toBe('unauthorized');
    });
  });

  describe('OAuth', () => {
    test('lists the configured providers', async () => {
      const response = await app.inject({ method: 'GET', url: '/api/v1/auth/oauth' });
      expect(response.json()).toEqual({ providers: ['mock'] });
    });

    test('start redirects to the provider with a signed state and sets the nonce cookie', async () => {
      const response = await app.inject({
        method: 'GET',
        url: '/api/v1/auth/oauth/mock?login_hint=ann@x.test',
        headers: { host: 'api.test:8080' },
      });
      expect(response.statusCode).toBe(302);
      const location = new URL(response.headers.location as string);
      expect(location.origin + location.pathname).toBe('http://idp.test/authorize');
      expect(Object.fromEntries(location.searchParams)).toMatchObject({
        response_type: 'code',
        client_id: 'client',
        redirect_uri: 'http://api.test:8080/api/v1/auth/oauth/mock/callback',
        scope: 'openid email profile',
        login_hint: 'ann@x.test',
        state: expect.stringMatching(/^[\w-]+\.[\w-]+$/),
      });
      expect(response.headers['set-cookie']).toMatch(
        /^sk_oauth_nonce=[\w-]+; Path=\/api\/v1\/auth\/oauth; Max-Age=600; HttpOnly; SameSite=Lax$/,
      );
    });

    test('an unknown provider is a 404', async () => {
      for (const url of ['/api/v1/auth/oauth/nope', '/api/v1/auth/oauth/nope/callback?code=c&state=s']) {
        const response = await app.inject({ method: 'GET', url });
        expect(response.statusCode).toBe(404);
        expect(response.json().error.code).toBe('unknown_provider');
      }
    });

    test.each([
      ['missing', '', /is missing/],
      ['forged', '&state=eyJwIjoxfQ.c2lnbmF0dXJl', /is forged/],
      ['malformed', '&state=garbage', /is malformed/],
    ])('the callback answers 400 invalid_state to a %s state', async (_case, query, message) => {
      const response = await app.inject({ method: 'GET', url: `/api/v1/auth/oauth/mock/callback?code=c${query}` });
      expect(response.statusCode).toBe(400);
      expect(response.json().error).toMatchObject({ code: 'invalid_state', message: expect.stringMatching(message) });
    });

    test('the callback refuses a genuine state from another browser (no matching nonce cookie)', async () => {
      const state = signState({ provider: 'mock', nonce: 'theirs' }, app.auth.oauthStateKey);
      const response = await app.inject({
        method: 'GET',
        url: `/api/v1/auth/oauth/mock/callback?code=c&state=${state}`,
        headers: { cookie: 'sk_oauth_nonce=mine' },
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().error.message).toMatch(/another browser/);
    });

    test('with a good state, a provider that refused sends the browser back to the web app with the error', async () => {
      const state = signState({ provider: 'mock', nonce: 'n1' }, app.auth.oauthStateKey);
      const response = await app.inject({
        method: 'GET',
        url: `/api/v1/auth/oauth/mock/callback?error=access_denied&state=${state}`,
        headers: { cookie: 'other=1; sk_oauth_nonce=n1' },
      });
      expect(response.statusCode).toBe(302);
      expect(response.headers.location).toBe('http://web.test/oauth/callback#error=access_denied');
    });

    test('with a good state, an unreachable provider sends the browser back with provider_unavailable', async () => {
      const state = signState({ provider: 'mock', nonce: 'n2' }, app.auth.oauthStateKey);
      const response = await app.inject({
        method: 'GET',
        url: `/api/v1/auth/oauth/mock/callback?code=abc&state=${state}`,
        headers: { cookie: 'sk_oauth_nonce=n2' },
      });
      expect(response.statusCode).toBe(302);
      expect(response.headers.location).toBe('http://web.test/oauth/callback#error=provider_unavailable');
    });
  });
});
