import fp from 'fastify-plugin';
import type { FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { withServiceTransaction, withUserTransaction } from '../plugins/database.ts';
import { HttpError } from '../plugins/error-handler.ts';
import { hashPassword, verifyPassword } from '../auth/passwords.ts';
import {
  bearerAuth,
  displayName,
  email,
  errorResponse,
  newPassword,
  opaqueToken,
  publicAccess,
  publicUser,
  session,
  tokenPair,
} from '../auth/schemas.ts';
import { RefreshTokenError } from '../auth/sessions.ts';
import { hashToken } from '../auth/tokens.ts';
import { EmailTakenError } from '../auth/users.ts';

export const AUTH_PREFIX = '/api/v1/auth';

const tags = ['auth'];

/** Sign-up, sign-in, token refresh, the current user, sign-out. */
export default fp(
  async (app) => {
    const { users, sessions, rateLimiter } = app.auth;
    const routes = app.withTypeProvider<ZodTypeProvider>();

    routes.post(
      `${AUTH_PREFIX}/signup`,
      {
        schema: {
          operationId: 'signUp',
          summary: 'Create an account and sign in',
          tags,
          security: publicAccess,
          description: 'Five attempts per address (and 20 per IP address) an hour; more answer 429 with Retry-After.',
          body: z.object({ email, password: newPassword, display_name: displayName }),
          response: { 201: session, 409: errorResponse, 422: errorResponse, 429: errorResponse, 503: errorResponse },
        },
      },
      async (req, reply) => {
        const { email: address, password, display_name } = req.body;
        const decision = await rateLimiter.take('signup', address, req.ip);
        if (!decision.allowed) return rateLimited(reply, decision.retryAfterSeconds, req.id, 'sign-up attempts');
        const passwordHash = await hashPassword(password);
        try {
          const created = await withServiceTransaction(app.db, async (client) => {
            const user = await users.create({ email: address, displayName: display_name, passwordHash }, client);
            return { user, ...(await sessions.start(user.id, client)) };
          });
          return noStore(reply).code(201).send(created);
        } catch (error) {
          if (error instanceof EmailTakenError) {
            throw new HttpError(409, 'email_taken', 'An account with this email already exists');
          }
          throw error;
        }
      },
    );

    routes.post(
      `${AUTH_PREFIX}/login`,
      {
        schema: {
          operationId: 'logIn',
          summary: 'Sign in with email and password',
          description:
            'Five attempts per account (and 100 per IP address) in 15 minutes; more answer 429 with Retry-After. ' +
            'A successful sign-in clears the account and does not count against the IP address.',
          tags,
          security: publicAccess,
          body: z.object({ email, password: z.string().min(1).max(256) }),
          response: { 200: session, 401: errorResponse, 422: errorResponse, 429: errorResponse, 503: errorResponse },
        },
      },
      async (req, reply) => {
        const { email: address, password } = req.body;
        // Counted before the password is checked, in one atomic step: a parallel burst cannot
        // have all its guesses checked before any of them is counted.
        const decision = await rateLimiter.take('login', address, req.ip);
        if (!decision.allowed) return rateLimited(reply, decision.retryAfterSeconds, req.id, 'sign-in attempts');

        const found = await users.findForLogin(address);
        const valid = await verifyPassword(found?.passwordHash, password);
        if (!found || !valid) {
          // The same answer for an unknown email and a wrong password: no account enumeration.
          throw new HttpError(401, 'invalid_credentials', 'The email or password is incorrect');
        }
        await rateLimiter.loginSucceeded(address, req.ip);
        const tokens = await sessions.start(found.user.id);
        return noStore(reply)
          .code(200)
          .send({ user: found.user, ...tokens });
      },
    );

    routes.post(
      `${AUTH_PREFIX}/refresh`,
      {
        schema: {
          operationId: 'refreshSession',
          summary: 'Trade a refresh token for a new access and refresh token (rotation)',
          description:
            'Each refresh token works once, give or take a grace of a few seconds (two tabs refreshing together ' +
            'both get a pair). Presenting one that was used earlier than that ends its whole session.',
          tags,
          security: publicAccess,
          body: z.object({ refresh_token: opaqueToken }),
          response: { 200: tokenPair, 401: errorResponse, 422: errorResponse, 503: errorResponse },
        },
      },
      async (req, reply) => {
        try {
          return noStore(reply)
            .code(200)
            .send(await sessions.rotate(req.body.refresh_token));
        } catch (error) {
          if (error instanceof RefreshTokenError) throw new HttpError(401, 'invalid_refresh_token', error.message);
          throw error;
        }
      },
    );

    routes.get(
      `${AUTH_PREFIX}/me`,
      {
        schema: {
          operationId: 'getMe',
          summary: 'The signed-in user',
          tags,
          security: bearerAuth,
          response: { 200: z.object({ user: publicUser }), 401: errorResponse, 503: errorResponse },
        },
      },
      async (req, reply) => {
        const user = await users.findById(req.auth!.userId);
        if (!user) throw new HttpError(401, 'unauthorized', 'The account no longer exists');
        return reply.code(200).send({ user });
      },
    );

    routes.post(
      `${AUTH_PREFIX}/logout`,
      {
        schema: {
          operationId: 'logOut',
          summary: 'End the session: its refresh tokens and access tokens stop working',
          tags,
          security: bearerAuth,
          body: z.object({ refresh_token: opaqueToken.optional() }).nullish(),
          response: {
            204: z.null().describe('Signed out'),
            401: errorResponse,
            422: errorResponse,
            503: errorResponse,
          },
        },
      },
      async (req, reply) => {
        const { userId, sessionId } = req.auth!;
        await sessions.revokeFamily(sessionId, userId);
        // A refresh token from another of the caller's sessions (say, another tab) ends that one too.
        const other = req.body?.refresh_token;
        if (other) {
          // Read as the caller: RLS shows them only their own tokens.
          const { rows } = await withUserTransaction(app.db, userId, (client) =>
            client.query<{ family: string }>(
              `select family from auth_tokens where token_hash = $1 and kind = 'refresh'`,
              [hashToken(other)],
            ),
          );
          if (rows[0] && rows[0].family !== sessionId) await sessions.revokeFamily(rows[0].family, userId);
        }
        return reply.code(204).send(null);
      },
    );
  },
  { name: 'auth-routes', dependencies: ['auth'] },
);

/** Answers carrying tokens must never be kept by a browser or proxy cache. */
export function noStore(reply: FastifyReply): FastifyReply {
  return reply.header('cache-control', 'no-store').header('pragma', 'no-cache');
}

export function rateLimited(reply: FastifyReply, retryAfterSeconds: number, requestId: string, what: string) {
  return reply
    .code(429)
    .header('retry-after', String(retryAfterSeconds))
    .send({
      error: {
        code: 'rate_limited',
        message: `Too many ${what}; try again in ${retryAfterSeconds} seconds`,
        request_id: requestId,
      },
    });
}
