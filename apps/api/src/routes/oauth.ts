import { randomBytes } from 'node:crypto';
import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { HttpError } from '../plugins/error-handler.ts';
import { OAuthProviderError, type OAuthProvider } from '../auth/oauth-providers.ts';
import { signState, STATE_TTL_SECONDS, verifyState } from '../auth/oauth-state.ts';
import { displayName, email, errorResponse, publicAccess } from '../auth/schemas.ts';
import { AUTH_PREFIX, noStore } from './auth.ts';

const tags = ['auth'];
const OAUTH_PREFIX = `${AUTH_PREFIX}/oauth`;
/** Binds a sign-in to the browser that started it: the state's nonce must match this cookie. */
const NONCE_COOKIE = 'sk_oauth_nonce';

const providerParams = z.object({ provider: z.string().min(1).max(32) });
const redirect = z.null().describe('Redirect (see Location)');

function readCookie(req: FastifyRequest, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

function nonceCookie(req: FastifyRequest, value: string, maxAge: number): string {
  const secure = req.protocol === 'https' ? '; Secure' : '';
  return `${NONCE_COOKIE}=${value}; Path=${OAUTH_PREFIX}; Max-Age=${maxAge}; HttpOnly; SameSite=Lax${secure}`;
}

/** Sign-in with a configured OAuth provider (authorization-code flow). */
export default fp(
  async (app) => {
    const { oauthProviders, oauthStateKey, users, sessions } = app.auth;
    const routes = app.withTypeProvider<ZodTypeProvider>();

    const provider = (name: string): OAuthProvider => {
      const found = oauthProviders.get(name);
      if (!found) throw new HttpError(404, 'unknown_provider', `No OAuth provider "${name}" is configured`);
      return found;
    };
    const callbackUrl = (req: FastifyRequest, name: string) =>
      `${app.config.API_PUBLIC_URL?.replace(/\/+$/, '') ?? `${req.protocol}://${req.host}`}${OAUTH_PREFIX}/${name}/callback`;
    /** Back to the web app, with the outcome in the fragment (never sent to a server, never logged). */
    const toWebApp = (reply: FastifyReply, fragment: Record<string, string>) =>
      reply.redirect(`${app.config.WEB_URL}/oauth/callback#${new URLSearchParams(fragment)}`, 302);

    routes.get(
      OAUTH_PREFIX,
      {
        schema: {
          operationId: 'listOAuthProviders',
          summary: 'The configured OAuth providers',
          tags,
          security: publicAccess,
          response: { 200: z.object({ providers: z.array(z.string()) }) },
        },
      },
      async () => ({ providers: [...oauthProviders.keys()] }),
    );

    routes.get(
      `${OAUTH_PREFIX}/:provider`,
      {
        schema: {
          operationId: 'startOAuthSignIn',
          summary: "Start an OAuth sign-in: redirects to the provider's authorization page",
          tags,
          security: publicAccess,
          params: providerParams,
          querystring: z.object({ login_hint: z.string().max(254).optional() }),
          response: { 302: redirect, 404: errorResponse, 502: errorResponse },
        },
      },
      async (req, reply) => {
        const chosen = provider(req.params.provider);
        const nonce = randomBytes(16).toString('base64url');
        const state = signState({ provider: chosen.name, nonce }, oauthStateKey);
        let location: string;
        try {
          location = await chosen.authorizationUrl({
            state,
            redirectUri: callbackUrl(req, chosen.name),
            loginHint: req.query.login_hint,
          });
        } catch (error) {
          req.log.error({ err: error }, 'oauth provider unavailable');
          throw new HttpError(502, 'oauth_provider_unavailable', `${chosen.name} cannot be reached right now`);
        }
        reply.header('set-cookie', nonceCookie(req, nonce, STATE_TTL_SECONDS));
        return reply.redirect(location, 302);
      },
    );

    routes.get(
      `${OAUTH_PREFIX}/:provider/callback`,
      {
        schema: {
          operationId: 'finishOAuthSignIn',
          summary: 'Where the provider sends the browser back; signs in and redirects to the web app',
          description:
            'A missing, forged, expired or foreign state answers 400 invalid_state. Otherwise redirects to ' +
            'WEB_URL/oauth/callback#access_token=…&refresh_token=…&expires_in=…, or #error=… when the provider refused.',
          tags,
          security: publicAccess,
          params: providerParams,
          querystring: z.object({
            code: z.string().max(2048).optional(),
            state: z.string().max(2048).optional(),
            error: z.string().max(256).optional(),
          }),
          response: { 302: redirect, 400: errorResponse, 404: errorResponse },
        },
      },
      async (req, reply) => {
        const chosen = provider(req.params.provider);
        const invalidState = (why: string) =>
          new HttpError(400, 'invalid_state', `The OAuth state ${why}; start the sign-in again`);
        if (!req.query.state) throw invalidState('is missing');
        const checked = verifyState(req.query.state, oauthStateKey);
        if (!checked.ok) {
          throw invalidState(
            { malformed: 'is malformed', bad_signature: 'is forged', expired: 'has expired' }[checked.reason],
          );
        }
        if (checked.state.provider !== chosen.name) throw invalidState(`belongs to ${checked.state.provider}`);
        if (readCookie(req, NONCE_COOKIE) !== checked.state.nonce) throw invalidState('was issued to another browser');
        reply.header('set-cookie', nonceCookie(req, '', 0));

        if (req.query.error) return toWebApp(reply, { error: req.query.error });
        if (!req.query.code) return toWebApp(reply, { error: 'invalid_request' });
        try {
          const profile = await chosen.profile({ code: req.query.code, redirectUri: callbackUrl(req, chosen.name) });
          // The provider's word is input like any other: it must be an address our users table takes.
          const address = email.safeParse(profile.email);
          if (!address.success) {
            req.log.warn({ provider: chosen.name }, 'oauth provider gave an unusable email address');
            return toWebApp(reply, { error: 'email_invalid' });
          }
          const fallbackName = address.data.split('@')[0]!;
          const named = displayName.safeParse(profile.name ?? fallbackName);
          const user = await users.findOrCreate(address.data, named.success ? named.data : fallbackName.slice(0, 100));
          const tokens = await sessions.start(user.id);
          noStore(reply);
          return toWebApp(reply, { ...tokens, expires_in: String(tokens.expires_in), token_type: 'Bearer' });
        } catch (error) {
          if (error instanceof OAuthProviderError) {
            req.log.warn({ err: error, provider: chosen.name }, 'oauth sign-in failed');
            return toWebApp(reply, { error: error.code });
          }
          // The browser is mid-redirect: send it back to the web app with an error, never a bare 500.
          req.log.error({ err: error, provider: chosen.name }, 'oauth sign-in failed on our side');
          return toWebApp(reply, { error: 'server_error' });
        }
      },
    );
  },
  { name: 'oauth-routes', dependencies: ['auth'] },
);
