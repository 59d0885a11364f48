import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { RATE_LIMITS } from '../auth/rate-limits.ts';
import { call, countStatuses, startApiWithRealServices, type RealServices } from '../testing/real-services.ts';

/**
 * The per-IP limits under a real parallel burst, against a real Redis of this suite's own (the
 * shared stack raises them, since every suite there calls from 127.0.0.1, and a burst there
 * would block everyone else's tests). The per-account ones are tested on the stack, e2e-flows-api.
 */
describe('per-IP limits under a parallel burst', () => {
  let api: RealServices;
  const newEmail = () => `burst-${randomUUID()}@example.test`;
  const burst = (n: number, path: string, body: () => unknown) =>
    Promise.all(Array.from({ length: n }, () => call(api.url, 'POST', `/api/v1/auth${path}`, body())));

  beforeAll(async () => {
    api = await startApiWithRealServices();
  });
  afterAll(() => api?.close());

  test(`${RATE_LIMITS.login.ip.max + 30} parallel logins to as many accounts from one address: ${RATE_LIMITS.login.ip.max} are checked, the rest 429`, { timeout: 60_000 }, async () => {
    const answers = await burst(RATE_LIMITS.login.ip.max + 30, '/login', () => ({ email: newEmail(), password: 'a-guess-123' }));
    expect(countStatuses(answers)).toEqual({ 401: RATE_LIMITS.login.ip.max, 429: 30 });
    const refused = answers.find((a) => a.status === 429)!;
    expect(refused.body.error.code).toBe('rate_limited');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  test(`${RATE_LIMITS.signup.ip.max + 10} parallel signups from one address: ${RATE_LIMITS.signup.ip.max} accounts, the rest 429`, { timeout: 30_000 }, async () => {
    const answers = await burst(RATE_LIMITS.signup.ip.max + 10, '/signup', () => ({ email: newEmail(), password: 'a-good-password', display_name: 'Burst' }));
    expect(countStatuses(answers)).toEqual({ 201: RATE_LIMITS.signup.ip.max, 429: 10 });
  });

  test(`${RATE_LIMITS.passwordReset.ip.max + 10} parallel reset requests for as many addresses from one address: ${RATE_LIMITS.passwordReset.ip.max} accepted, the rest 429`, async () => {
    const answers = await burst(RATE_LIMITS.passwordReset.ip.max + 10, '/password-reset/request', () => ({ email: newEmail() }));
    expect(countStatuses(answers)).toEqual({ 202: RATE_LIMITS.passwordReset.ip.max, 429: 10 });
  });
});
