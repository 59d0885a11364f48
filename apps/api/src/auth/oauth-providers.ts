import type { OAuthProviderConfig } from './oauth-config.ts';

export interface OAuthProfile {
  /** The provider's stable id for the person. */
  subject: string;
  email: string;
  name?: string;
}

/** What the OAuth routes need from a provider; GitHub, Google and the local mock all fit it. */
export interface OAuthProvider {
  readonly name: string;
  authorizationUrl(input: { state: string; redirectUri: string; loginHint?: string }): Promise<string>;
  /** Exchanges the authorization code and reads who signed in. */
  profile(input: { code: string; redirectUri: string }): Promise<OAuthProfile>;
}

/** The provider failed or answered something unusable; `code` goes to the web app. */
export class OAuthProviderError extends Error {
  constructor(
    readonly code: 'provider_unavailable' | 'exchange_failed' | 'email_required' | 'email_unverified',
    message: string,
  ) {
    super(message);
  }
}

interface Endpoints {
  authorizeUrl: string;
  tokenUrl: string;
  userinfoUrl: string;
}

const TIMEOUT_MS = 5000;

async function getJson(what: string, url: string, init: RequestInit = {}): Promise<Record<string, unknown>> {
  let response: Response;
  try {
    response = await fetch(url, {
      ...init,
      headers: { accept: 'application/json', 'user-agent': 'streamkit-api', ...init.headers },
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    throw new OAuthProviderError('provider_unavailable', `${what}: ${(error as Error).message}`);
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (!response.ok || typeof body !== 'object' || body === null) {
    throw new OAuthProviderError('exchange_failed', `${what} answered ${response.status}: ${text.slice(0, 300)}`);
  }
  return body as Record<string, unknown>;
}

/** The authorization-code flow against any OAuth 2 / OpenID Connect provider. */
export class OAuth2Provider implements OAuthProvider {
  private endpoints?: Promise<Endpoints>;

  constructor(private readonly config: OAuthProviderConfig) {}

  get name(): string {
    return this.config.name;
  }

  async authorizationUrl({
    state,
    redirectUri,
    loginHint,
  }: {
    state: string;
    redirectUri: string;
    loginHint?: string;
  }) {
    const url = new URL((await this.resolveEndpoints()).authorizeUrl);
    url.searchParams.set('response_type', 'code');
    url.searchParams.set('client_id', this.config.clientId);
    url.searchParams.set('redirect_uri', redirectUri);
    url.searchParams.set('scope', this.config.scope);
    url.searchParams.set('state', state);
    if (loginHint) url.searchParams.set('login_hint', loginHint);
    return url.toString();
  }

  async profile({ code, redirectUri }: { code: string; redirectUri: string }): Promise<OAuthProfile> {
    const { tokenUrl, userinfoUrl } = await this.resolveEndpoints();
    const token = await getJson(`${this.name} token endpoint`, tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: redirectUri,
        client_id: this.config.clientId,
        client_secret: this.config.clientSecret,
      }),
    });
    if (typeof token.access_token !== 'string') {
      throw new OAuthProviderError('exchange_failed', `${this.name} token endpoint gave no access_token`);
    }
    const info = await getJson(`${this.name} userinfo endpoint`, userinfoUrl, {
      headers: { authorization: `Bearer ${token.access_token}` },
    });
    const subject = info.sub ?? info.id;
    if (typeof info.email !== 'string' || !info.email.includes('@')) {
      throw new OAuthProviderError('email_required', `${this.name} did not share an email address`);
    }
    // An unverified address would let anyone claim an existing account by typing its email.
    if (info.email_verified === false) {
      throw new OAuthProviderError('email_unverified', `${this.name} has not verified ${info.email}`);
    }
    return {
      subject: String(subject ?? info.email),
      email: info.email,
      name: typeof info.name === 'string' && info.name.trim() ? info.name.trim() : undefined,
    };
  }

  /** Explicit endpoints, or the issuer's discovery document (fetched once, on first use). */
  private resolveEndpoints(): Promise<Endpoints> {
    const { authorizeUrl, tokenUrl, userinfoUrl, issuer } = this.config;
    if (authorizeUrl && tokenUrl && userinfoUrl) return Promise.resolve({ authorizeUrl, tokenUrl, userinfoUrl });
    this.endpoints ??= (async () => {
      const discovery = await getJson(
        `${this.name} discovery`,
        `${issuer!.replace(/\/+$/, '')}/.well-known/openid-configuration`,
      );
      const pick = (given: string | undefined, key: string) => {
        const value = given ?? discovery[key];
        if (typeof value !== 'string') {
          throw new OAuthProviderError('provider_unavailable', `${this.name} discovery has no ${key}`);
        }
        return value;
      };
      return {
        authorizeUrl: pick(authorizeUrl, 'authorization_endpoint'),
        tokenUrl: pick(tokenUrl, 'token_endpoint'),
        userinfoUrl: pick(userinfoUrl, 'userinfo_endpoint'),
      };
    })().catch((error: unknown) => {
      this.endpoints = undefined; // try again on the next sign-in
      throw error;
    });
    return this.endpoints;
  }
}
