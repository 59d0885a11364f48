import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { call, startApiWithRealServices, type RealServices } from '../testing/real-services.ts';

/**
 * With Redis stopped (really stopped, then started again), every endpoint that needs it answers
 * 503 with a clear body, and does nothing it could not finish: the user can simply try again.
 */
describe('with Redis down', () => {
  let api: RealServices;
  const post = (path: string, body: unknown, headers?: Record<string, string>) =>
    call(api.url, 'POST', `/api/v1/auth${path}`, body, headers);
  const password = 'a-good-password-1';

  async function signUp() {
    const email = `outage-${randomUUID()}@example.test`;
    const created = await post('/signup', { email, password, display_name: 'Outage' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return { email, ...created.body } as {
      email: string;
      access_token: string;
      refresh_token: string;
      user: { id: string };
    };
  }

  /** A reset link for `userId`, as if mailed: made behind the API's back, mail is not what is tested here. */
  async function resetLink(userId: string) {
    const token = `reset-${randomUUID()}`;
    await api.admin.query(
      `insert into auth_tokens (user_id, kind, token_hash, expires_at)
       values ($1, 'password_reset', encode(sha256(convert_to($2, 'utf8')), 'hex'), now() + interval '10 minutes')`,
      [userId, token],
    );
    return token;
  }

  const expectUnavailable = (
    answer: { status: number; body: { error?: { code?: string; message?: string } } },
    what: string,
  ) => {
    expect(answer.status, `${what}: ${JSON.stringify(answer.body)}`).toBe(503);
    expect(answer.body.error).toMatchObject({ code: 'unavailable', message: expect.stringMatching(/try again/) });
  };

  beforeAll(async () => {
    api = await startApiWithRealServices();
  });
  afterAll(() => api?.close());

  test('login, signup, reset confirm, reset request, refresh replay, me and logout answer 503, change nothing, and work again once Redis is back', async () => {
    const user = await signUp();
    const rotated = await post('/refresh', { refresh_token: user.refresh_token });
    expect(rotated.status).toBe(200);
    // Used a minute ago: presenting it again is a replay, not a second tab.
    await api.admin.query(
      `update auth_tokens set used_at = used_at - interval '1 minute' where user_id = $1 and used_at is not null`,
      [user.user.id],
    );
    const link = await resetLink(user.user.id);

    await api.stopRedis();
    try {
      expectUnavailable(await post('/login', { email: user.email, password }), 'login');
      expectUnavailable(
        await post('/signup', { email: `outage-${randomUUID()}@example.test`, password, display_name: 'X' }),
        'signup',
      );
      expectUnavailable(await post('/password-reset/request', { email: user.email }), 'password-reset request');
      expectUnavailable(
        await post('/password-reset/confirm', { token: link, password: 'a-new-password-2' }),
        'password-reset confirm',
      );
      expectUnavailable(await post('/refresh', { refresh_token: user.refresh_token }), 'refresh replay');
      const bearer = { authorization: `Bearer ${rotated.body.access_token}` };
      expectUnavailable(await call(api.url, 'GET', '/api/v1/auth/me', undefined, bearer), 'me');
      expectUnavailable(await post('/logout', undefined, bearer), 'logout');

      // Nothing was done half-way: the password, the link and the session are as they were.
      const { rows } = await api.admin.query(
        `select kind, used_at is not null as used, revoked_at is not null as revoked from auth_tokens where user_id = $1 order by created_at`,
        [user.user.id],
      );
      expect(rows).toEqual([
        { kind: 'refresh', used: true, revoked: false },
        { kind: 'refresh', used: false, revoked: false },
        { kind: 'password_reset', used: false, revoked: false },
      ]);
    } finally {
      await api.startRedis();
    }

    // Back: the same requests now do what they say (ioredis has reconnected by itself).
    expect((await post('/login', { email: user.email, password })).status).toBe(200);
    expect((await post('/password-reset/confirm', { token: link, password: 'a-new-password-2' })).status).toBe(204);
    expect((await post('/login', { email: user.email, password: 'a-new-password-2' })).status).toBe(200);
  });

  test('a refresh token replayed once Redis is back still ends the session', async () => {
    const user = await signUp();
    const rotated = await post('/refresh', { refresh_token: user.refresh_token });
    await api.admin.query(
      `update auth_tokens set used_at = used_at - interval '1 minute' where user_id = $1 and used_at is not null`,
      [user.user.id],
    );
    const replay = await post('/refresh', { refresh_token: user.refresh_token });
    expect(replay.status).toBe(401);
    expect((await post('/refresh', { refresh_token: rotated.body.refresh_token })).body.error.code).toBe(
      'invalid_refresh_token',
    );
  });
});
