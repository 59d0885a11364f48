import fp from 'fastify-plugin';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { hashPassword, verifyPassword } from '../auth/passwords.ts';
import { bearerAuth, displayName, errorResponse, newPassword, publicUser } from '../auth/schemas.ts';
import { withServiceTransaction, withUserTransaction } from '../plugins/database.ts';
import { HttpError } from '../plugins/error-handler.ts';
import { AUTH_PREFIX } from './auth.ts';

const tags = ['auth'];

/** The signed-in user's own settings: display name and password. */
export default fp(
  async (app) => {
    const { users, sessions } = app.auth;
    const routes = app.withTypeProvider<ZodTypeProvider>();

    routes.patch(
      `${AUTH_PREFIX}/me`,
      {
        schema: {
          operationId: 'updateMe',
          summary: "Change the signed-in user's display name",
          tags,
          security: bearerAuth,
          body: z.object({ display_name: displayName }),
          response: { 200: z.object({ user: publicUser }), 401: errorResponse, 422: errorResponse },
        },
      },
      async (req) => {
        const { userId } = req.auth!;
        // As the user (RLS): `authenticated` may write its own display_name and nothing else of the row.
        await withUserTransaction(app.db, userId, (client) =>
          client.query('update users set display_name = $2 where id = $1', [userId, req.body.display_name]),
        );
        const user = await users.findById(userId);
        if (!user) throw new HttpError(401, 'unauthorized', 'The account no longer exists');
        return { user };
      },
    );

    routes.post(
      `${AUTH_PREFIX}/password`,
      {
        schema: {
          operationId: 'changePassword',
          summary: 'Change the password, given the current one',
          description:
            'Ends every other session of the account (their refresh tokens are refused and their access tokens ' +
            'stop working at once); the session that made the change stays signed in. Accounts made through ' +
            'OAuth have no password; they set one with the reset mail.',
          tags,
          security: bearerAuth,
          body: z.object({ current_password: z.string().min(1).max(256), new_password: newPassword }),
          response: { 204: z.null().describe('Changed'), 401: errorResponse, 403: errorResponse, 422: errorResponse },
        },
      },
      async (req, reply) => {
        const { userId, sessionId } = req.auth!;
        const { current_password, new_password } = req.body;
        // A privileged path: the hash is the service's to read and write, never the user's role's.
        const { rows } = await withServiceTransaction(app.db, (client) =>
          client.query<{ password_hash: string | null }>('select password_hash from users where id = $1', [userId]),
        );
        if (!rows[0]) throw new HttpError(401, 'unauthorized', 'The account no longer exists');
        if (!(await verifyPassword(rows[0].password_hash ?? undefined, current_password))) {
          throw new HttpError(403, 'wrong_password', 'The current password is not correct', undefined, [
            { field: 'body.current_password', message: 'is not correct' },
          ]);
        }
        const hash = await hashPassword(new_password);
        await withServiceTransaction(app.db, async (client) => {
          await users.setPasswordHash(userId, hash, client);
          // Whoever else holds a session (a stolen token, a forgotten device) is signed out.
          const ended = await sessions.revokeAllForUser(userId, client, sessionId);
          // Redis before commit: with Redis down the answer is 503, and the password and the
          // sessions stay as they were, so the user can simply try again.
          await sessions.markRevoked(ended);
        });
        return reply.code(204).send(null);
      },
    );
  },
  { name: 'account-routes', dependencies: ['auth'] },
);
