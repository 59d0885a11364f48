import { randomBytes, randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { createApiClient, findKeys, readEventStream, type Target, type Tier } from '@streamkit/e2e-fixtures';
import { COACH, TURN_LIMITS, bearer, expectReply, sendMessage, startSession } from './support/coach.ts';
import { describe, expect, test } from './support/fixtures.ts';

/**
 * What an API of the test's own needs to run against the target's database and Redis (its
 * signing secret is the test's: tokens it issues are its own).
 */
const ownApiEnvironment = (target: Target) => ({
  DATABASE_URL: target.databaseUrl,
  REDIS_URL: target.redisUrl,
  STORAGE_URL: target.storageUrl,
  STORAGE_SERVICE_KEY: target.storageKey,
  WEB_URL: target.webUrl,
  SMTP_URL: 'smtp://127.0.0.1:9', // these tests send no mail
  JWT_SECRET: randomBytes(32).toString('hex'),
  // These tests read each reply whole; the pause between words (15 ms by default) only matters to
  // a client that reads a stream mid-way, and here it only added seconds to the phase.
  COACH_TOKEN_DELAY_MS: '0',
});

// Killing an API, or taking Redis away from it, needs an API this test runs itself: only
// the local target has this workspace's API to run. Against a deployment these two tests are
// reported as skipped, never as passed.
const ownApiPossible = inject('target').kind === 'local';
/**
 * Booting an API from its TypeScript sources takes 1-2 s on an idle machine but can take tens of
 * seconds on a loaded one.
 */
const OWN_API_TIMEOUT = { timeout: 120_000 };

describe.concurrent('coach flow', () => {
  test('tips are the same on every tier, and access follows the tier', async ({ api, users }) => {
    const byTier = await Promise.all(
      (['free', 'pro', 'studio'] as Tier[]).map(async (tier) => {
        const { accessToken } = await users.create({ tier });
        const [tips, access] = await Promise.all([
          api.get(`${COACH}/tips`, { headers: bearer(accessToken) }),
          api.get(`${COACH}/access`, { headers: bearer(accessToken) }),
        ]);
        expect(tips).toHaveStatus(200);
        expect(access).toHaveStatus(200);
        return { tier, tips: tips.data.tips, access: access.data };
      }),
    );
    expect(byTier[1]!.tips).toEqual(byTier[0]!.tips);
    expect(byTier[2]!.tips).toEqual(byTier[0]!.tips);
    expect(byTier.map(({ access }) => access)).toEqual([
      { tier: 'free', tips: true, sessions: false, turn_limit: null, sessions_from_tier: 'pro' },
      { tier: 'pro', tips: true, sessions: true, turn_limit: TURN_LIMITS.pro, sessions_from_tier: 'pro' },
      { tier: 'studio', tips: true, sessions: true, turn_limit: TURN_LIMITS.studio, sessions_from_tier: 'pro' },
    ]);
  });

  test('a free account is refused a session (403) and nothing is saved', async ({ api, db, users }) => {
    const user = await users.create({ tier: 'free' });
    const { response } = await startSession(api, user.accessToken, { message: 'Help with my thumbnails' });
    expect(response).toHaveStatus(403);
    expect(response.data.error).toMatchObject({ code: 'tier_not_allowed', message: expect.stringMatching(/pro/) });
    const { rows } = await db.query('select id from coach_sessions where user_id = $1', [user.id]);
    expect(rows).toEqual([]);
  });

  test('start → message → end: events in order, state in Redis while open, saved to the database at the end', async ({
    api,
    db,
    redis,
    users,
  }) => {
    const user = await users.create({ tier: 'pro' });
    const first = await startSession(api, user.accessToken, {
      topic: 'thumbnails',
      message: 'How do I make my thumbnails pop?',
    });
    expect(first.response).toHaveStatus(200);
    const one = expectReply(first.events, 1);
    expect(one.done).toMatchObject({ turn_count: 1, turn_limit: TURN_LIMITS.pro, turns_left: TURN_LIMITS.pro - 1 });

    const second = await sendMessage(api, user.accessToken, one.sessionId, 'And my overlay?');
    expect(second.response).toHaveStatus(200);
    const two = expectReply(second.events, 2);
    expect(two.done).toMatchObject({ session_id: one.sessionId, turn_count: 2, turns_left: TURN_LIMITS.pro - 2 });

    const conversation = [
      { turn: 1, role: 'user', content: 'How do I make my thumbnails pop?' },
      { turn: 1, role: 'coach', content: one.done.reply },
      { turn: 2, role: 'user', content: 'And my overlay?' },
      { turn: 2, role: 'coach', content: two.done.reply },
    ];
    const open = await api.get(`${COACH}/sessions/${one.sessionId}`, { headers: bearer(user.accessToken) });
    expect(open).toHaveStatus(200);
    expect(open.data.session).toMatchObject({ status: 'active', topic: 'thumbnails', turn_count: 2, ended_at: null });
    expect(open.data.session.messages).toMatchObject(conversation);
    const keys = await findKeys(redis, `*${one.sessionId}*`);
    expect(keys.length, 'Redis keys of the open session').toBeGreaterThan(0);
    for (const key of keys) expect(await redis.ttl(key), `TTL of ${key}`).toBeGreaterThan(0);

    const ended = await api.post(`${COACH}/sessions/${one.sessionId}/end`, {}, { headers: bearer(user.accessToken) });
    expect(ended).toHaveStatus(200);
    expect(ended.data.session).toMatchObject({ status: 'ended', turn_count: 2, ended_at: expect.any(String) });
    expect(await findKeys(redis, `*${one.sessionId}*`), 'Redis keys after the end').toEqual([]);
    const { rows } = await db.query('select status, turn_count, messages, ended_at from coach_sessions where id = $1', [
      one.sessionId,
    ]);
    expect(rows).toEqual([{ status: 'ended', turn_count: 2, messages: expect.any(Array), ended_at: expect.any(Date) }]);
    expect(rows[0].messages).toMatchObject(conversation);

    // Ended: still readable, from the database, and it takes nothing more.
    const read = await api.get(`${COACH}/sessions/${one.sessionId}`, { headers: bearer(user.accessToken) });
    expect(read).toHaveStatus(200);
    expect(read.data.session).toEqual(ended.data.session);
    const late = await sendMessage(api, user.accessToken, one.sessionId, 'One more thing');
    expect(late.response).toHaveStatus(409);
    expect(late.response.data.error.code).toBe('session_ended');
    const list = await api.get(`${COACH}/sessions`, { headers: bearer(user.accessToken) });
    expect(list).toHaveStatus(200);
    expect(list.data.sessions).toEqual([
      expect.objectContaining({ id: one.sessionId, status: 'ended', turn_count: 2 }),
    ]);
  });

  test("the coach speaks for the caller's active brand kit, in its voice", async ({ api, users, brandKits }) => {
    const user = await users.create({ tier: 'studio' });
    const kit = await brandKits.create(user, { voice: { tone: 'playful', traits: [], sample_phrases: [] } });
    const activated = await api.post(
      `/api/v1/brand-kits/${kit.id}/activate`,
      {},
      { headers: bearer(user.accessToken) },
    );
    expect(activated).toHaveStatus(200);
    const reply = expectReply(
      (await startSession(api, user.accessToken, { message: 'What should my overlay look like?' })).events,
      1,
    );
    expect(reply.done.reply).toMatch(new RegExp(`^For ${kit.name}, in its playful voice: `));
    expect(reply.done).toMatchObject({ turn_limit: TURN_LIMITS.studio, turns_left: TURN_LIMITS.studio - 1 });
  });

  test('ending twice at once: one ends it, the other is told it has ended', async ({ api, users }) => {
    const user = await users.create({ tier: 'pro' });
    const { sessionId } = expectReply((await startSession(api, user.accessToken, { message: 'Hi coach' })).events, 1);
    const answers = await Promise.all(
      [1, 2, 3].map(() => api.post(`${COACH}/sessions/${sessionId}/end`, {}, { headers: bearer(user.accessToken) })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409]);
    for (const refused of answers.filter((a) => a.status === 409))
      expect(refused.data.error.code).toBe('session_ended');
  });

  test('the turn limit: parallel messages take exactly the turns left, the next is refused, the session stays readable', async ({
    api,
    users,
  }) => {
    const limit = TURN_LIMITS.pro;
    const user = await users.create({ tier: 'pro' });
    const { sessionId } = expectReply((await startSession(api, user.accessToken, { message: 'Turn one' })).events, 1);

    // Two more messages than turns left, all at once: the limit must hold under a race.
    const attempts = await Promise.all(
      Array.from({ length: limit + 1 }, (_, i) =>
        sendMessage(api, user.accessToken, sessionId, `Parallel question ${i}`),
      ),
    );
    const accepted = attempts.filter(({ response }) => response.status === 200);
    const refused = attempts.filter(({ response }) => response.status !== 200);
    expect(accepted).toHaveLength(limit - 1);
    const turns = accepted.map(({ events }) => Number(events[0]!.data.turn)).sort((a, b) => a - b);
    expect(turns, 'each accepted message got its own turn').toEqual(Array.from({ length: limit - 1 }, (_, i) => i + 2));
    for (const { events } of accepted) expectReply(events, events[0]!.data.turn);
    expect(refused).toHaveLength(2);
    for (const { response } of refused) {
      expect(response).toHaveStatus(409);
      expect(response.data.error).toMatchObject({
        code: 'turn_limit_reached',
        message: expect.stringContaining(String(limit)),
      });
    }

    const after = await sendMessage(api, user.accessToken, sessionId, 'The one after the limit');
    expect(after.response).toHaveStatus(409);
    expect(after.response.data.error.code).toBe('turn_limit_reached');

    const state = await api.get(`${COACH}/sessions/${sessionId}`, { headers: bearer(user.accessToken) });
    expect(state).toHaveStatus(200);
    expect(state.data.session).toMatchObject({ status: 'active', turn_count: limit, turn_limit: limit, turns_left: 0 });
    expect(state.data.session.messages).toHaveLength(2 * limit);
    expect(state.data.session.messages.map((m: { content: string }) => m.content)).not.toContain(
      'The one after the limit',
    );
  });

  test('a client that reconnects with Last-Event-ID gets the rest of the reply, no token twice', async ({
    api,
    users,
  }) => {
    const user = await users.create({ tier: 'pro' });
    const { sessionId } = expectReply((await startSession(api, user.accessToken, { message: 'Hello' })).events, 1);

    // Hang up after five tokens of the second reply, as a dropped connection would.
    const cut = await sendMessage(api, user.accessToken, sessionId, 'How do I grow my audience?', {
      onEvent: (_, events) => (events.filter((e) => e.event === 'token').length === 5 ? 'stop' : undefined),
    });
    expect(cut.response).toHaveStatus(200);
    const seen = cut.events.filter((e) => e.event === 'token');
    expect(seen.map((e) => e.id)).toEqual(['2:1', '2:2', '2:3', '2:4', '2:5']);

    const rest = await readEventStream(api, {
      method: 'GET',
      url: `${COACH}/sessions/${sessionId}/stream`,
      headers: { ...bearer(user.accessToken), 'last-event-id': '2:5' },
    });
    expect(rest.response).toHaveStatus(200);
    const tokens = rest.events.filter((e) => e.event === 'token');
    expect(rest.events.at(-1)!.event).toBe('done');
    expect(tokens[0]!.id, 'the first event after the one last seen').toBe('2:6');
    expect(new Set([...seen, ...tokens].map((e) => e.id)).size, 'no token id twice').toBe(seen.length + tokens.length);
    const reply = [...seen, ...tokens].map((e) => e.data.text).join('');
    expect(rest.events.at(-1)!.data).toMatchObject({ turn: 2, reply });

    const state = await api.get(`${COACH}/sessions/${sessionId}`, { headers: bearer(user.accessToken) });
    expect(state.data.session.messages.at(-1)).toMatchObject({ turn: 2, role: 'coach', content: reply });
  });

  test("another user's session is a 404 on every operation", async ({ api, users }) => {
    const [owner, stranger] = await Promise.all([users.create({ tier: 'pro' }), users.create({ tier: 'studio' })]);
    const { sessionId } = expectReply(
      (await startSession(api, owner.accessToken, { message: 'Private question' })).events,
      1,
    );
    const asStranger = { headers: bearer(stranger.accessToken) };
    const answers = await Promise.all([
      api.get(`${COACH}/sessions/${sessionId}`, asStranger),
      api.post(`${COACH}/sessions/${sessionId}/messages`, { message: 'Let me in' }, asStranger),
      api.get(`${COACH}/sessions/${sessionId}/stream`, asStranger),
      api.post(`${COACH}/sessions/${sessionId}/end`, {}, asStranger),
      api.get(`${COACH}/sessions/${randomUUID()}`, asStranger),
    ]);
    for (const answer of answers) {
      expect(answer).toHaveStatus(404);
      expect(answer.data.error.code).toBe('not_found');
    }
    const list = await api.get(`${COACH}/sessions`, asStranger);
    expect(list.data.sessions).toEqual([]);
    const own = await api.get(`${COACH}/sessions/${sessionId}`, { headers: bearer(owner.accessToken) });
    expect(own.data.session).toMatchObject({ status: 'active', turn_count: 1 });
  });

  // The API the session started on is killed mid-session; the target's own API, a process that
  // never saw it, carries on, as a restarted one would: nothing of the session lives in a process.
  // (One boot instead of a restart's two keeps this phase inside its time on a busy machine.)
  test.skipIf(!ownApiPossible)(
    'a session survives its API process being killed: another API process continues it (local target: the test runs the first API itself)',
    OWN_API_TIMEOUT,
    async ({ api, target, db, users, processes }) => {
      const user = await users.create({ tier: 'pro' });
      const first = await processes.startApi(ownApiEnvironment(target));
      const own = createApiClient(first.url);
      const login = await own.post('/api/v1/auth/login', { email: user.email, password: user.password });
      expect(login).toHaveStatus(200);
      const token = login.data.access_token as string;

      const one = expectReply((await startSession(own, token, { message: 'Before the crash' })).events, 1);
      const two = expectReply((await sendMessage(own, token, one.sessionId, 'Still before it')).events, 2);
      await first.kill(); // SIGKILL: no graceful shutdown to save anything on the way out

      const state = await api.get(`${COACH}/sessions/${one.sessionId}`, { headers: bearer(user.accessToken) });
      expect(state).toHaveStatus(200);
      expect(state.data.session).toMatchObject({ status: 'active', turn_count: 2 });
      expect(state.data.session.messages.map((m: { content: string }) => m.content)).toEqual([
        'Before the crash',
        one.done.reply,
        'Still before it',
        two.done.reply,
      ]);

      const three = expectReply((await sendMessage(api, user.accessToken, one.sessionId, 'After the crash')).events, 3);
      expect(three.done).toMatchObject({ turn_count: 3, turns_left: TURN_LIMITS.pro - 3 });
      const ended = await api.post(`${COACH}/sessions/${one.sessionId}/end`, {}, { headers: bearer(user.accessToken) });
      expect(ended).toHaveStatus(200);
      const { rows } = await db.query(
        'select turn_count, jsonb_array_length(messages) as messages from coach_sessions where id = $1',
        [one.sessionId],
      );
      expect(rows).toEqual([{ turn_count: 3, messages: 6 }]);
    },
  );

  test.skipIf(!ownApiPossible)(
    'with Redis down every coach operation answers 503 with a JSON error (local target: a Redis of its own)',
    OWN_API_TIMEOUT,
    async ({ target, users, processes }) => {
      const user = await users.create({ tier: 'pro' });
      const redis = await processes.startRedis();
      const own = await processes.startApi({ ...ownApiEnvironment(target), REDIS_URL: redis.url });
      const api = createApiClient(own.url);
      const login = await api.post('/api/v1/auth/login', { email: user.email, password: user.password });
      expect(login).toHaveStatus(200);
      const auth = { headers: bearer(login.data.access_token) };
      const { sessionId } = expectReply(
        (await startSession(api, login.data.access_token, { message: 'While Redis is up' })).events,
        1,
      );

      await redis.kill();
      const answers = await Promise.all([
        api.get(`${COACH}/tips`, auth),
        api.get(`${COACH}/access`, auth),
        api.post(`${COACH}/start`, { message: 'Anyone there?' }, auth),
        api.post(`${COACH}/sessions/${sessionId}/messages`, { message: 'Anyone there?' }, auth),
        api.get(`${COACH}/sessions/${sessionId}/stream`, auth),
        api.get(`${COACH}/sessions/${sessionId}`, auth),
        api.get(`${COACH}/sessions`, auth),
        api.post(`${COACH}/sessions/${sessionId}/end`, {}, auth),
      ]);
      for (const answer of answers) {
        expect(answer).toHaveStatus(503);
        expect(answer.data.error).toMatchObject({
          code: 'unavailable',
          message: expect.any(String),
          request_id: expect.any(String),
        });
      }
    },
  );
});
