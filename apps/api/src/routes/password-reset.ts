import fp from 'fastify-plugin';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { withServiceTransaction } from '../plugins/database.ts';
import { HttpError } from '../plugins/error-handler.ts';
import { hashPassword } from '../auth/passwords.ts';
import { email, errorResponse, newPassword, opaqueToken, publicAccess } from '../auth/schemas.ts';
import { hashToken, newOpaqueToken, PASSWORD_RESET_TTL_SECONDS } from '../auth/tokens.ts';
import { AUTH_PREFIX, rateLimited } from './auth.ts';

const tags = ['auth'];

export const RESET_REQUESTED_MESSAGE =
  'If an account exists for that address, a link to reset its password is on its way.';

export function resetMail(link: string) {
  const minutes = PASSWORD_RESET_TTL_SECONDS / 60;
  return {
    subject: 'Reset your StreamKit password',
    text: [
      'Someone asked to reset the password of your StreamKit account.',
      `Open this link within ${minutes} minutes to choose a new one:`,
      link,
      '',
      'If it was not you, ignore this mail: your password stays as it is.',
    ].join('\n'),
    html: [
      '<p>Someone asked to reset the password of your StreamKit account.</p>',
      `<p><a href="${link}">Choose a new password</a> (the link works once, for ${minutes} minutes).</p>`,
      '<p>If it was not you, ignore this mail: your password stays as it is.</p>',
    ].join('\n'),
  };
}

/** Password reset by mailed link: single-use, expiring tokens, stored only as hashes. */
export default fp(
  async (app) => {
    const { users, sessions, rateLimiter } = app.auth;
    const routes = app.withTypeProvider<ZodTypeProvider>();

    routes.post(
      `${AUTH_PREFIX}/password-reset/request`,
      {
        schema: {
          operationId: 'requestPasswordReset',
          summary: 'Mail a password-reset link',
          description:
            'Answers the same whether or not the account exists. Three requests per address (and 20 per IP ' +
            'address) in 15 minutes; more answer 429 with Retry-After, also for an address with no account.',
          tags,
          security: publicAccess,
          body: z.object({ email }),
          response: {
            202: z.object({ message: z.string() }),
            422: errorResponse,
            429: errorResponse,
            503: errorResponse,
          },
        },
      },
      async (req, reply) => {
        const decision = await rateLimiter.take('passwordReset', req.body.email, req.ip);
        if (!decision.allowed) return rateLimited(reply, decision.retryAfterSeconds, req.id, 'password-reset requests');
        const found = await users.findForLogin(req.body.email);
        if (found) {
          const token = newOpaqueToken();
          await withServiceTransaction(app.db, async (client) => {
            // Only the newest link works.
            await client.query(
              `update auth_tokens set revoked_at = now()
                where user_id = $1 and kind = 'password_reset' and used_at is null and revoked_at is null`,
              [found.user.id],
            );
            await client.query(
              `insert into auth_tokens (user_id, kind, token_hash, expires_at)
               values ($1, 'password_reset', $2, now() + make_interval(secs => $3))`,
              [found.user.id, hashToken(token), PASSWORD_RESET_TTL_SECONDS],
            );
          });
          const link = `${app.config.WEB_URL}/reset-password?token=${encodeURIComponent(token)}`;
          // Not awaited: waiting for SMTP would make a known address answer measurably slower.
          app.mailer
            .send({ to: found.user.email, ...resetMail(link) })
            .catch((error: unknown) =>
              req.log.error({ err: error, userId: found.user.id }, 'password-reset mail failed'),
            );
        }
        return reply.code(202).send({ message: RESET_REQUESTED_MESSAGE });
      },
    );

    routes.post(
      `${AUTH_PREFIX}/password-reset/confirm`,
      {
        schema: {
          operationId: 'confirmPasswordReset',
          summary: 'Set a new password with a mailed reset token',
          description: 'Ends every session of the account.',
          tags,
          security: publicAccess,
          body: z.object({ token: opaqueToken, password: newPassword }),
          response: {
            204: z.null().describe('Password changed'),
            400: errorResponse,
            422: errorResponse,
            503: errorResponse,
          },
        },
      },
      async (req, reply) => {
        const passwordHash = await hashPassword(req.body.password);
        await withServiceTransaction(app.db, async (client) => {
          const { rows } = await client.query<{ id: string; email: string }>(
            `update auth_tokens t set used_at = now()
               from users u
              where t.token_hash = $1 and t.kind = 'password_reset' and u.id = t.user_id
                and t.used_at is null and t.revoked_at is null and t.expires_at > now()
              returning u.id, u.email::text as email`,
            [hashToken(req.body.token)],
          );
          const found = rows[0];
          if (!found) {
            throw new HttpError(
              400,
              'invalid_token',
              'The reset link is invalid, expired or already used; ask for a new one',
            );
          }
          await users.setPasswordHash(found.id, passwordHash, client);
          const revoked = await sessions.revokeAllForUser(found.id, client);
          // Redis before commit: with Redis down the answer is 503 and the password, the link
          // and the sessions stay as they were, so the user can simply try again.
          await sessions.markRevoked(revoked);
          // Whoever was locked out by failed attempts has just proven they own the mailbox.
          await rateLimiter.clearLoginAccount(found.email);
        });
        return reply.code(204).send(null);
      },
    );
  },
  { name: 'password-reset-routes', dependencies: ['auth', 'mailer'] },
);
