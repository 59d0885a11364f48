import type { Redis } from 'ioredis';
import {
  type createApiClient,
  findKeys,
  findLink,
  type Mailbox,
  pollUntil,
  type TestUser,
} from '@streamkit/e2e-fixtures';
import { describe, expect, test } from '@streamkit/e2e-fixtures/vitest';

type AxiosInstance = ReturnType<typeof createApiClient>;

const AUTH = '/api/v1/auth';
const RESET_SUBJECT = 'Reset your StreamKit password';
const ACCOUNT_LIMIT = 5; // failed logins per account per window, as documented on POST /auth/login

const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });
const login = (api: AxiosInstance, email: string, password: string) => api.post(`${AUTH}/login`, { email, password });
const me = (api: AxiosInstance, token: string) => api.get(`${AUTH}/me`, bearer(token));

/** Asks for a password reset and returns the link the mail brings (its `token` parameter is the secret). */
async function mailedResetLink(api: AxiosInstance, mailbox: Mailbox, email: string): Promise<URL> {
  expect(await api.post(`${AUTH}/password-reset/request`, { email })).toHaveStatus(202);
  const message = await mailbox.waitForMail(email, { subject: RESET_SUBJECT });
  return new URL(findLink(message, '/reset-password?token='));
}

async function failLogins(api: AxiosInstance, user: TestUser, times: number) {
  for (let attempt = 1; attempt <= times; attempt++) {
    const response = await login(api, user.email, `${user.password}-wrong`);
    expect(response, `wrong password, attempt ${attempt}`).toHaveStatus(401);
  }
}

/**
 * Ends the account's rate-limit window now instead of in 15 minutes: the window is production
 * configuration the test must not change, and waiting it out is not an option. Whatever key the
 * API counts the account's sign-in attempts under, it is the only login key naming the address.
 */
async function endRateLimitWindow(redis: Redis, email: string) {
  const keys = await findKeys(redis, `*login*${email}*`);
  expect(keys, `the rate-limit counter of ${email} in Redis`).toHaveLength(1);
  await redis.pexpire(keys[0]!, 1);
  // pollUntil, not expect.poll: the global expect cannot tell which of the concurrent tests polls.
  await pollUntil(`${keys[0]} to expire`, async () => (await redis.exists(keys[0]!)) === 0, { timeoutMs: 2000 });
}

/**
 * Drives the browser's part of an OAuth sign-in: start, the provider's consent, the callback.
 * `sendCookie: false` is a callback arriving in a browser that did not start the sign-in.
 */
async function oauthCallback(api: AxiosInstance, email: string, { sendCookie = true } = {}) {
  const { data } = await api.get(`${AUTH}/oauth`);
  const provider = data.providers[0];
  const start = await api.get(`${AUTH}/oauth/${provider}`, { params: { login_hint: email }, maxRedirects: 0 });
  expect(start).toHaveStatus(302);
  const cookie = [start.headers['set-cookie'] ?? []]
    .flat()
    .map((c) => c.split(';')[0])
    .join('; ');

  const consent = await api.get(start.headers.location, { maxRedirects: 0 });
  expect(consent, 'the provider sends the browser back with a code').toHaveStatus(302);
  return api.get(consent.headers.location, { maxRedirects: 0, headers: sendCookie ? { cookie } : {} });
}

/** A whole OAuth sign-in in one browser; returns the fragment it lands on at the web app. */
async function oauthLanding(api: AxiosInstance, email: string) {
  const callback = await oauthCallback(api, email);
  expect(callback).toHaveStatus(302);
  const landing = new URL(callback.headers.location);
  expect(landing.pathname).toBe('/oauth/callback');
  return new URLSearchParams(landing.hash.slice(1));
}

async function oauthSignIn(api: AxiosInstance, email: string) {
  const result = await oauthLanding(api, email);
  expect(result.get('error'), `OAuth sign-in failed: #${result}`).toBeNull();
  return { accessToken: result.get('access_token')!, refreshToken: result.get('refresh_token')! };
}

// Every test owns its users, so they run side by side.
describe.concurrent('auth flow', () => {
  test('sign up, log in, read me, log out: that session is over, others are not', async ({ api, users }) => {
    const user = await users.create();

    const session = await login(api, user.email, user.password);
    expect(session).toHaveStatus(200);
    expect(session.headers['cache-control'], 'a response carrying tokens').toBe('no-store');
    expect(session.data).toMatchObject({
      user: { id: user.id, email: user.email },
      access_token: expect.any(String),
      refresh_token: expect.any(String),
      expires_in: 900,
    });

    const profile = await me(api, session.data.access_token);
    expect(profile).toHaveStatus(200);
    expect(profile.data.user).toEqual({
      id: user.id,
      email: user.email,
      display_name: user.displayName,
      tier: 'free',
      created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });

    expect(await api.post(`${AUTH}/logout`, {}, bearer(session.data.access_token))).toHaveStatus(204);
    const after = await me(api, session.data.access_token);
    expect(after, 'the access token of a closed session').toHaveStatus(401);
    expect(after.data.error.code).toBe('unauthorized');
    expect(
      await api.post(`${AUTH}/refresh`, { refresh_token: session.data.refresh_token }),
      'the refresh token of a closed session',
    ).toHaveStatus(401);
    expect(await me(api, user.accessToken), 'the sign-up session is another session').toHaveStatus(200);

    // As a browser's bodiless fetch sends it: a JSON content type and no body.
    const bodiless = await api.post(`${AUTH}/logout`, undefined, {
      headers: { 'content-type': 'application/json', authorization: `Bearer ${user.accessToken}` },
    });
    expect(bodiless).toHaveStatus(204);
    expect(await me(api, user.accessToken)).toHaveStatus(401);
  });

  test('refresh keeps the session and rotates; replaying a used refresh token ends the session', async ({
    api,
    users,
    db,
  }) => {
    const user = await users.create();

    const rotated = await api.post(`${AUTH}/refresh`, { refresh_token: user.refreshToken });
    expect(rotated).toHaveStatus(200);
    expect(rotated.headers['cache-control'], 'a response carrying tokens').toBe('no-store');
    expect(rotated.data.refresh_token).not.toBe(user.refreshToken);
    expect(rotated.data.access_token).not.toBe(user.accessToken);
    const profile = await me(api, rotated.data.access_token);
    expect(profile).toHaveStatus(200);
    expect(profile.data.user.id).toBe(user.id);

    // Used a minute ago, past the grace two tabs get (see auth-under-pressure.spec.ts).
    await db.query(
      `update auth_tokens set used_at = used_at - interval '1 minute' where user_id = $1 and used_at is not null`,
      [user.id],
    );
    const replay = await api.post(`${AUTH}/refresh`, { refresh_token: user.refreshToken });
    expect(replay, 'a refresh token that was already used').toHaveStatus(401);
    expect(replay.data.error).toMatchObject({
      code: 'invalid_refresh_token',
      message: expect.stringMatching(/already used/),
    });
    // The replay may have been the thief or the owner: the whole family is revoked.
    expect(await api.post(`${AUTH}/refresh`, { refresh_token: rotated.data.refresh_token })).toHaveStatus(401);
    expect(await me(api, rotated.data.access_token)).toHaveStatus(401);
  });

  test('password reset: the mailed link sets a new password, once, and ends old sessions', async ({
    api,
    users,
    mailbox,
    target,
  }) => {
    const user = await users.create();
    const newPassword = `${user.password}-new`;

    const link = await mailedResetLink(api, mailbox, user.email);
    expect(link.origin, 'the link points at the web app').toBe(new URL(target.webUrl).origin);
    const token = link.searchParams.get('token')!;

    expect(await api.post(`${AUTH}/password-reset/confirm`, { token, password: newPassword })).toHaveStatus(204);
    expect(await login(api, user.email, newPassword), 'the new password').toHaveStatus(200);
    const old = await login(api, user.email, user.password);
    expect(old, 'the old password').toHaveStatus(401);
    expect(old.data.error.code).toBe('invalid_credentials');

    const again = await api.post(`${AUTH}/password-reset/confirm`, { token, password: `${newPassword}-2` });
    expect(again, 'a used reset link').toHaveStatus(400);
    expect(again.data.error.code).toBe('invalid_token');
    expect(await me(api, user.accessToken), 'a session from before the reset').toHaveStatus(401);
    expect(await api.post(`${AUTH}/refresh`, { refresh_token: user.refreshToken })).toHaveStatus(401);
  });

  test('changing the password ends every other session and keeps the one that changed it', async ({ api, users }) => {
    const user = await users.create(); // its sign-up session is one "other" session
    const laptop = await login(api, user.email, user.password);
    const phone = await login(api, user.email, user.password);
    expect(laptop).toHaveStatus(200);
    expect(phone).toHaveStatus(200);
    const newPassword = `${user.password}-new`;

    const changed = await api.post(
      `${AUTH}/password`,
      { current_password: user.password, new_password: newPassword },
      bearer(phone.data.access_token),
    );
    expect(changed).toHaveStatus(204);

    // The other sessions are over at once: access tokens through the revocation list, refresh
    // tokens in the database.
    const others = [
      ['the sign-up session', user.accessToken, user.refreshToken],
      ['the laptop session', laptop.data.access_token, laptop.data.refresh_token],
    ] as const;
    for (const [session, accessToken, refreshToken] of others) {
      const profile = await me(api, accessToken);
      expect(profile, `${session}: its access token`).toHaveStatus(401);
      expect(profile.data.error.code).toBe('unauthorized');
      const refreshed = await api.post(`${AUTH}/refresh`, { refresh_token: refreshToken });
      expect(refreshed, `${session}: its refresh token`).toHaveStatus(401);
      expect(refreshed.data.error.code).toBe('invalid_refresh_token');
    }

    // The session that changed the password goes on, refresh included.
    expect(await me(api, phone.data.access_token), 'the session that changed the password').toHaveStatus(200);
    const rotated = await api.post(`${AUTH}/refresh`, { refresh_token: phone.data.refresh_token });
    expect(rotated, 'its refresh token').toHaveStatus(200);
    expect(await me(api, rotated.data.access_token)).toHaveStatus(200);

    expect(await login(api, user.email, user.password), 'the old password').toHaveStatus(401);
    expect(await login(api, user.email, newPassword), 'the new password').toHaveStatus(200);
  });

  test('password reset answers the same for an unknown address, and refuses a made-up token', async ({
    api,
    users,
  }) => {
    const user = await users.create();
    const known = await api.post(`${AUTH}/password-reset/request`, { email: user.email });
    const unknown = await api.post(`${AUTH}/password-reset/request`, { email: users.newEmail() });
    expect(unknown).toHaveStatus(202);
    expect(unknown.data).toEqual(known.data);

    const bogus = await api.post(`${AUTH}/password-reset/confirm`, {
      token: 'made-up-token',
      password: 'whatever-123',
    });
    expect(bogus).toHaveStatus(400);
    expect(bogus.data.error.code).toBe('invalid_token');
  });

  test('failed logins block the account with 429 and Retry-After; other accounts are unaffected; the block ends with its window', async ({
    api,
    users,
    redis,
  }) => {
    const [user, other] = await Promise.all([users.create(), users.create()]);
    await failLogins(api, user, ACCOUNT_LIMIT);

    const blocked = await login(api, user.email, `${user.password}-wrong`);
    expect(blocked).toHaveStatus(429);
    expect(blocked.data.error.code).toBe('rate_limited');
    const retryAfter = Number(blocked.headers['retry-after']);
    expect(
      Number.isInteger(retryAfter) && retryAfter > 0 && retryAfter <= 15 * 60,
      `Retry-After: ${blocked.headers['retry-after']}`,
    ).toBe(true);
    expect(await login(api, user.email, user.password), 'even the right password, while blocked').toHaveStatus(429);
    expect(await login(api, other.email, other.password), 'another account from the same address').toHaveStatus(200);

    await endRateLimitWindow(redis, user.email);
    expect(await login(api, user.email, user.password), 'after the window').toHaveStatus(200);
  });

  test('a password reset link that has expired is refused, and the password stays', async ({
    api,
    db,
    users,
    mailbox,
  }) => {
    const user = await users.create();
    const token = (await mailedResetLink(api, mailbox, user.email)).searchParams.get('token')!;
    // Half an hour is too long to wait: the link's row is moved past its expiry instead.
    const expired = await db.query(
      `update auth_tokens set expires_at = now() - interval '1 second'
        where token_hash = encode(sha256(convert_to($1, 'UTF8')), 'hex') and kind = 'password_reset'`,
      [token],
    );
    expect(expired.rowCount, 'the reset link is stored as the hash of its token').toBe(1);

    const confirm = await api.post(`${AUTH}/password-reset/confirm`, { token, password: `${user.password}-new` });
    expect(confirm, 'an expired reset link').toHaveStatus(400);
    expect(confirm.data.error.code).toBe('invalid_token');
    expect(await login(api, user.email, user.password), 'the old password still works').toHaveStatus(200);
  });

  test('a password reset ends a lockout: the owner of the mailbox signs in at once', async ({
    api,
    users,
    mailbox,
  }) => {
    const user = await users.create();
    await failLogins(api, user, ACCOUNT_LIMIT);
    expect(await login(api, user.email, user.password), 'locked out').toHaveStatus(429);

    const token = (await mailedResetLink(api, mailbox, user.email)).searchParams.get('token')!;
    const newPassword = `${user.password}-new`;
    expect(await api.post(`${AUTH}/password-reset/confirm`, { token, password: newPassword })).toHaveStatus(204);
    expect(await login(api, user.email, newPassword), 'right after the reset').toHaveStatus(200);
  });

  test('changing the password needs the current one: a wrong one is a 403 and changes nothing', async ({
    api,
    users,
  }) => {
    const user = await users.create();
    const newPassword = `${user.password}-new`;
    const wrong = await api.post(
      `${AUTH}/password`,
      { current_password: `${user.password}-wrong`, new_password: newPassword },
      bearer(user.accessToken),
    );
    expect(wrong, 'a wrong current password').toHaveStatus(403);
    expect(wrong.data.error.code).toBe('wrong_password');
    expect(await login(api, user.email, newPassword), 'the refused new password').toHaveStatus(401);
    expect(await login(api, user.email, user.password), 'the password is unchanged').toHaveStatus(200);
    expect(await me(api, user.accessToken), 'a refused change ends no session').toHaveStatus(200);
  });

  test('a successful login clears the failure count of the account', async ({ api, users }) => {
    const user = await users.create();
    await failLogins(api, user, ACCOUNT_LIMIT - 1);
    expect(await login(api, user.email, user.password)).toHaveStatus(200);
    // Without the reset this failure would be the fifth, and the next attempt would be blocked.
    await failLogins(api, user, 1);
    expect(await login(api, user.email, user.password)).toHaveStatus(200);
  });

  test('invalid credentials are refused with a clear error, the same for an unknown account', async ({
    api,
    users,
  }) => {
    const user = await users.create();
    const wrong = await login(api, user.email, `${user.password}-wrong`);
    expect(wrong).toHaveStatus(401);
    expect(wrong.data.error).toMatchObject({
      code: 'invalid_credentials',
      message: 'The email or password is incorrect',
    });
    expect(wrong.data).not.toHaveProperty('access_token');

    const unknown = await login(api, users.newEmail(), user.password);
    expect(unknown).toHaveStatus(401);
    expect({ ...unknown.data.error, request_id: 'x' }).toEqual({ ...wrong.data.error, request_id: 'x' });
  });

  test('an email can sign up only once, whatever its case', async ({ api, users }) => {
    const user = await users.create();
    for (const email of [user.email, user.email.toUpperCase()]) {
      const again = await api.post(`${AUTH}/signup`, { email, password: 'another-password', display_name: 'Twin' });
      expect(again).toHaveStatus(409);
      expect(again.data.error.code).toBe('email_taken');
    }
  });

  test('OAuth sign-in creates the account the first time and finds it after', async ({ api, users }) => {
    const email = users.newEmail();
    const first = await oauthSignIn(api, email);
    const profile = await me(api, first.accessToken);
    expect(profile).toHaveStatus(200);
    expect(profile.data.user.email).toBe(email);

    const second = await oauthSignIn(api, email);
    expect((await me(api, second.accessToken)).data.user.id).toBe(profile.data.user.id);
    expect(await api.post(`${AUTH}/refresh`, { refresh_token: second.refreshToken })).toHaveStatus(200);
  });

  test('an OAuth callback in a browser that did not start the sign-in is refused (login CSRF)', async ({
    api,
    users,
  }) => {
    const callback = await oauthCallback(api, users.newEmail(), { sendCookie: false });
    expect(callback, 'a callback without the nonce cookie').toHaveStatus(400);
    expect(callback.data.error.code).toBe('invalid_state');
  });

  test('OAuth sign-in with the address of a password account signs in to that account', async ({ api, users }) => {
    const user = await users.create();
    const { accessToken } = await oauthSignIn(api, user.email);
    expect((await me(api, accessToken)).data.user.id).toBe(user.id);
  });

  test('OAuth sign-in with an address the users table cannot hold lands on the web app with an error', async ({
    api,
    users,
  }) => {
    const local = users.newEmail().split('@')[0]!;
    const unusable = [`${local} x@example.test`, `${local}@b@example.test`, '@', `${local}\u0000@example.test`];
    const landings = await Promise.all(unusable.map((email) => oauthLanding(api, email)));
    landings.forEach((result, i) => {
      expect(result.get('error'), `the provider's email ${JSON.stringify(unusable[i])}`).toBe('email_invalid');
      expect(result.get('access_token')).toBeNull();
    });
  });

  test('sign-up answers are not cacheable: they carry tokens', async ({ api, users }) => {
    const email = users.newEmail();
    const created = await api.post(`${AUTH}/signup`, { email, password: 'a-good-password', display_name: 'Cache' });
    expect(created).toHaveStatus(201);
    expect(created.headers['cache-control']).toBe('no-store');
  });
});
