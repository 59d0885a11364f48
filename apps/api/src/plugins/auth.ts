import fp from 'fastify-plugin';
import type { FastifyRequest, FastifySchema, onRequestHookHandler } from 'fastify';
import { HttpError } from './error-handler.ts';
import { RateLimiter, redisCounterStore } from '../auth/rate-limits.ts';
import { OAuth2Provider, type OAuthProvider } from '../auth/oauth-providers.ts';
import { Sessions } from '../auth/sessions.ts';
import { AccessTokenError, AccessTokens, deriveKey } from '../auth/tokens.ts';
import { Users } from '../auth/users.ts';

export interface AuthServices {
  accessTokens: AccessTokens;
  sessions: Sessions;
  users: Users;
  rateLimiter: RateLimiter;
  oauthProviders: Map<string, OAuthProvider>;
  oauthStateKey: Buffer;
}

export interface Caller {
  userId: string;
  sessionId: string;
}

/** Whether the route's schema declares `security: [{ bearerAuth: [] }]`. */
export function requiresBearer(schema: FastifySchema | undefined): boolean {
  const security = (schema as { security?: Record<string, unknown>[] } | undefined)?.security;
  return Array.isArray(security) && security.some((requirement) => 'bearerAuth' in requirement);
}

function bearerToken(req: FastifyRequest): string | undefined {
  const header = req.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1];
}

/**
 * The auth services, and the one place authentication is enforced: a route is protected exactly
 * when its schema says `security: [{ bearerAuth: [] }]`, so the OpenAPI document and the
 * behaviour cannot disagree. The check runs at `onRequest`, before the body is parsed, so an
 * anonymous caller learns nothing from validation errors.
 */
export default fp(
  async (app) => {
    const accessTokens = new AccessTokens(app.config.JWT_SECRET);
    const services: AuthServices = {
      accessTokens,
      sessions: new Sessions(app.db, app.redis, accessTokens),
      users: new Users(app.db),
      rateLimiter: new RateLimiter(redisCounterStore(app.redis), app.config.RATE_LIMIT_IP_FACTOR),
      oauthProviders: new Map(app.config.oauthProviders.map((config) => [config.name, new OAuth2Provider(config)])),
      oauthStateKey: deriveKey(app.config.JWT_SECRET, 'oauth-state'),
    };
    app.decorate('auth', services);
    app.decorateRequest('auth', null);

    const authenticate: onRequestHookHandler = async (req) => {
      const token = bearerToken(req);
      if (!token) throw new HttpError(401, 'unauthorized', 'Sign in first: no bearer token was sent');
      let claims;
      try {
        claims = await accessTokens.verify(token);
      } catch (error) {
        const message = error instanceof AccessTokenError ? error.message : 'The access token is invalid';
        throw new HttpError(401, 'unauthorized', message);
      }
      let revoked: boolean;
      try {
        revoked = await services.sessions.isRevoked(claims.sessionId);
      } catch (error) {
        req.log.error({ err: error }, 'cannot read the session revocation list');
        throw new HttpError(503, 'unavailable', 'Cannot check the session right now; try again shortly');
      }
      if (revoked) throw new HttpError(401, 'unauthorized', 'The session has ended; sign in again');
      req.auth = { userId: claims.userId, sessionId: claims.sessionId };
    };

    app.addHook('onRoute', (route) => {
      if (!requiresBearer(route.schema)) return;
      const existing = route.onRequest ? [route.onRequest].flat() : [];
      route.onRequest = [authenticate, ...existing];
    });
  },
  { name: 'auth', dependencies: ['database', 'redis'] },
);

declare module 'fastify' {
  interface FastifyInstance {
    auth: AuthServices;
  }
  interface FastifyRequest {
    /** Who is calling; set on routes that declare `bearerAuth`, null elsewhere. */
    auth: Caller | null;
  }
}
