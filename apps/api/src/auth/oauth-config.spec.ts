import { describe, expect, test } from 'vitest';
import { parseOAuthProviders } from './oauth-config.ts';

describe('OAuth provider configuration', () => {
  test('none by default', () => {
    expect(parseOAuthProviders({})).toEqual({ providers: [], problems: [] });
  });

  test('known providers need only their client credentials', () => {
    const { providers, problems } = parseOAuthProviders({
      OAUTH_PROVIDERS: 'github, google',
      OAUTH_GITHUB_CLIENT_ID: 'gh-id',
      OAUTH_GITHUB_CLIENT_SECRET: 'gh-secret',
      OAUTH_GOOGLE_CLIENT_ID: 'g-id',
      OAUTH_GOOGLE_CLIENT_SECRET: 'g-secret',
    });
    expect(problems).toEqual([]);
    expect(providers.map((p) => [p.name, p.tokenUrl ?? p.issuer])).toEqual([
      ['github', 'https://github.com/login/oauth/access_token'],
      ['google', 'https://accounts.google.com'],
    ]);
  });

  test('names every missing or malformed variable of a custom provider', () => {
    const { providers, problems } = parseOAuthProviders({
      OAUTH_PROVIDERS: 'my-idp,Bad Name',
      OAUTH_MY_IDP_CLIENT_ID: 'id',
      OAUTH_MY_IDP_TOKEN_URL: 'ftp://nope',
    });
    expect(providers).toEqual([]);
    expect(problems).toEqual([
      'OAUTH_MY_IDP_CLIENT_SECRET is not set (needed by OAUTH_PROVIDERS=my-idp)',
      'OAUTH_MY_IDP_TOKEN_URL is invalid: not an http(s) URL',
      'OAUTH_MY_IDP_ISSUER is not set (or set all of OAUTH_MY_IDP_AUTHORIZE_URL, OAUTH_MY_IDP_TOKEN_URL and OAUTH_MY_IDP_USERINFO_URL)',
      'OAUTH_PROVIDERS is invalid: "Bad Name" must be lower-case letters, digits and dashes',
    ]);
  });

  test('an OIDC issuer is enough for any provider', () => {
    const { providers } = parseOAuthProviders({
      OAUTH_PROVIDERS: 'mock',
      OAUTH_MOCK_ISSUER: 'http://127.0.0.1:9999',
      OAUTH_MOCK_CLIENT_ID: 'id',
      OAUTH_MOCK_CLIENT_SECRET: 'secret',
    });
    expect(providers).toEqual([
      {
        name: 'mock',
        clientId: 'id',
        clientSecret: 'secret',
        scope: 'openid email profile',
        issuer: 'http://127.0.0.1:9999',
      },
    ]);
  });
});
