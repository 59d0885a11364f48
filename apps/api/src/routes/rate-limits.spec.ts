import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { RATE_LIMITS } from '../auth/rate-limits.ts';
import { call, countStatuses, startApiWithRealServices, type RealServices } from '../testing/real-services.ts';

/**
 * The per-IP limits under a real parallel burst, against a real Redis of this suite's own (the
 * shared stack raises them, since every suite there calls from 127.0.0.1, and a burst there
 * would block everyone else's tests). The per-account ones are tested on the stack, e2e-flows-api.
 *
 * Scaled down to a fifth (RATE_LIMIT_IP_FACTOR=0.2), so a burst costs tens of password checks
 * rather than hundreds on a shared 2-core machine: what is tested is that a burst cannot slip
 * past the count, which does not depend on the number. The numbers themselves are the unit
 * suite's (auth/rate-limits.spec.ts).
 */
const FACTOR = 0.2;
const limit = (name: keyof typeof RATE_LIMITS) => Math.round(RATE_LIMITS[name].ip.max * FACTOR);

describe('per-IP limits under a parallel burst', () => {
  let api: RealServices;
  const newEmail = () => `burst-${randomUUID()}@example.test`;
  const burst = (n: number, path: string, body: () => unknown) =>
    Promise.all(Array.from({ length: n }, () => call(api.url, 'POST', `/api/v1/auth${path}`, body())));

  beforeAll(async () => {
    api = await startApiWithRealServices({ RATE_LIMIT_IP_FACTOR: String(FACTOR) });
  });
  afterAll(() => api?.close());

  test(
    `${limit('login') + 30} parallel logins to as many accounts from one address: ${limit('login')} are checked, the rest 429`,
    { timeout: 30_000 },
    async () => {
      const answers = await burst(limit('login') + 30, '/login', () => ({
        email: newEmail(),
        password: 'a-guess-123',
      }));
      expect(countStatuses(answers)).toEqual({ 401: limit('login'), 429: 30 });
      const refused = answers.find((a) => a.status === 429)!;
      expect(refused.body.error.code).toBe('rate_limited');
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    },
  );

  test(
    `${limit('signup') + 10} parallel signups from one address: ${limit('signup')} accounts, the rest 429`,
    { timeout: 30_000 },
    async () => {
      const answers = await burst(limit('signup') + 10, '/signup', () => ({
        email: newEmail(),
        password: 'a-good-password',
        display_name: 'Burst',
      }));
      expect(countStatuses(answers)).toEqual({ 201: limit('signup'), 429: 10 });
    },
  );

  test(`${limit('passwordReset') + 10} parallel reset requests for as many addresses from one address: ${limit('passwordReset')} accepted, the rest 429`, async () => {
    const answers = await burst(limit('passwordReset') + 10, '/password-reset/request', () => ({ email: newEmail() }));
    expect(countStatuses(answers)).toEqual({ 202: limit('passwordReset'), 429: 10 });
  });
});
