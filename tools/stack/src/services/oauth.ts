import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { OAuth2Server } from 'oauth2-mock-server';
import type { StackContext } from '../context.ts';

/** The API's environment for the local OAuth provider, named `mock` (see apps/api/src/auth/oauth-config.ts). */
export interface OAuthEnv {
  OAUTH_PROVIDERS: string;
  OAUTH_MOCK_ISSUER: string;
  OAUTH_MOCK_CLIENT_ID: string;
  OAUTH_MOCK_CLIENT_SECRET: string;
}

/** Who signs in when the sign-in did not ask for anyone (`login_hint`). */
export const DEFAULT_OAUTH_EMAIL = 'oauth-user@mock.streamkit.dev';

/** Where the provider listens and how it names itself; the stack takes the defaults. */
export interface OAuthProviderOptions {
  host?: string;
  /** 0 (the default) asks the OS for a free port. */
  port?: number;
  /** The URL the API and browsers reach it at (in a container network, its service name). */
  issuerUrl?: string;
  clientSecret?: string;
}

/**
 * A real OAuth 2 / OpenID Connect server (oauth2-mock-server) standing in for GitHub or Google,
 * in this process. Its authorize endpoint signs in at once, without a login page; the person who
 * signs in is the `login_hint` the sign-in started with (a test passes a fresh address), so the
 * token and userinfo endpoints answer with that email.
 */
export async function startOAuthProvider(
  ctx: Pick<StackContext, 'onStop'>,
  options: OAuthProviderOptions = {},
): Promise<OAuthEnv> {
  const server = new OAuth2Server();
  await server.issuer.keys.generate('RS256');

  const emailByCode = new Map<string, string>();
  server.service.on('beforeAuthorizeRedirect', ({ url }: { url: URL }, req: IncomingMessage) => {
    const hint = new URL(req.url ?? '/', 'http://mock').searchParams.get('login_hint');
    const code = url.searchParams.get('code');
    if (hint && code) emailByCode.set(code, hint);
  });
  server.service.on(
    'beforeTokenSigning',
    (token: { payload: Record<string, unknown> }, req: { body?: { code?: string } }) => {
      const code = req.body?.code;
      token.payload.email = (code && emailByCode.get(code)) || DEFAULT_OAUTH_EMAIL;
    },
  );
  server.service.on('beforeResponse', (_response: unknown, req: { body?: { code?: string } }) => {
    if (req.body?.code) emailByCode.delete(req.body.code); // codes work once
  });
  server.service.on('beforeUserinfo', (response: { body: unknown; statusCode: number }, req: IncomingMessage) => {
    const email = emailFromBearer(req.headers.authorization);
    if (!email) {
      response.statusCode = 401;
      response.body = { error: 'invalid_token' };
      return;
    }
    const name = email.split('@')[0]!.replace(/[-._]+/g, ' ');
    response.body = { sub: `mock|${email}`, email, email_verified: true, name };
  });

  await server.start(options.port ?? 0, options.host ?? '127.0.0.1');
  // The library names the issuer "localhost", which may resolve to ::1 where nothing listens.
  server.issuer.url = options.issuerUrl ?? `http://127.0.0.1:${server.address().port}`;
  ctx.onStop(() => server.stop());
  return {
    OAUTH_PROVIDERS: 'mock',
    OAUTH_MOCK_ISSUER: server.issuer.url,
    OAUTH_MOCK_CLIENT_ID: 'streamkit-local',
    OAUTH_MOCK_CLIENT_SECRET: options.clientSecret ?? randomBytes(16).toString('hex'),
  };
}

/** The `email` claim of the access token the mock issued (its own token: no need to verify it here). */
function emailFromBearer(header: string | undefined): string | undefined {
  const token = header?.match(/^Bearer\s+(\S+)$/i)?.[1];
  const payload = token?.split('.')[1];
  if (!payload) return undefined;
  try {
    const email = (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { email?: unknown }).email;
    return typeof email === 'string' ? email : undefined;
  } catch {
    return undefined;
  }
}
