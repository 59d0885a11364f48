import { describe, expect, test } from 'vitest';
import { type CounterStore, RATE_LIMITS, RateLimiter, retryAfter } from './rate-limits.ts';

/** The Lua script's semantics (all or nothing, windows from the first count), with a clock the test moves. */
function memoryStore() {
  let now = 0;
  const counters = new Map<string, { count: number; expiresAt: number }>();
  const live = (key: string) => {
    const counter = counters.get(key);
    if (counter && counter.expiresAt <= now) counters.delete(key);
    return counters.get(key);
  };
  const store: CounterStore = {
    async reserve(quotas) {
      const full = quotas.flatMap(({ key, max }, index) => {
        const counter = live(key);
        return counter && counter.count >= max ? [{ index, ttlMs: counter.expiresAt - now }] : [];
      });
      if (full.length > 0) return full;
      for (const { key, windowSeconds } of quotas) {
        const counter = live(key) ?? { count: 0, expiresAt: now + windowSeconds * 1000 };
        counter.count += 1;
        counters.set(key, counter);
      }
      return [];
    },
    async release(key) {
      const counter = live(key);
      if (counter && --counter.count <= 0) counters.delete(key);
    },
    async delete(key) {
      counters.delete(key);
    },
  };
  return { store, advance: (ms: number) => void (now += ms) };
}

const attempts = async (limiter: RateLimiter, n: number, email: string, ip: string) => {
  const decisions = [];
  for (let i = 0; i < n; i++) decisions.push(await limiter.take('login', email, ip));
  return decisions;
};

describe('rate limiter', () => {
  test('allows 5 login attempts per account, then refuses with Retry-After counting down the window', async () => {
    const { store, advance } = memoryStore();
    const limiter = new RateLimiter(store);
    const decisions = await attempts(limiter, 6, 'Ann@x.test', '10.0.0.1');
    expect(decisions.filter((d) => d.allowed)).toHaveLength(5);
    expect(decisions[5]).toEqual({ allowed: false, scope: 'account', retryAfterSeconds: 900 });
    // Same account, other address and other spelling: still refused (the key is the normalised email).
    advance(100_500);
    expect(await limiter.take('login', ' ANN@x.test', '10.0.0.2')).toEqual({
      allowed: false,
      scope: 'account',
      retryAfterSeconds: 800,
    });
    expect(await limiter.take('login', 'bob@x.test', '10.0.0.1')).toEqual({ allowed: true });
    advance(800_000);
    expect(await limiter.take('login', 'ann@x.test', '10.0.0.1')).toEqual({ allowed: true });
  });

  test('a refused attempt counts against nothing: the address is not used up by a blocked account', async () => {
    const { store } = memoryStore();
    const limiter = new RateLimiter(store);
    await attempts(limiter, 5 + 200, 'ann@x.test', '10.0.0.1');
    // 5 counted for the address, not 205: 95 more accounts' attempts fit before its own limit.
    const others = await Promise.all(
      Array.from({ length: 96 }, (_, i) => limiter.take('login', `u${i}@x.test`, '10.0.0.1')),
    );
    expect(others.filter((d) => d.allowed)).toHaveLength(95);
    expect(others.at(-1)).toMatchObject({ allowed: false, scope: 'ip' });
  });

  test('a successful login forgives the account and gives the address its attempt back', async () => {
    const { store } = memoryStore();
    const limiter = new RateLimiter(store);
    await attempts(limiter, 4, 'ann@x.test', '10.0.0.1');
    await limiter.loginSucceeded('ann@x.test', '10.0.0.1');
    expect((await attempts(limiter, 5, 'ann@x.test', '10.0.0.1')).every((d) => d.allowed)).toBe(true);
  });

  test('per-IP limits scale with the factor (never below 1); per-address ones do not', async () => {
    expect(new RateLimiter(memoryStore().store, 0.01).quotas('login', 'a@x.test', '10.0.0.1')[1]!.rule.max).toBe(1);
    const limiter = new RateLimiter(memoryStore().store, 10);
    const quotas = limiter.quotas('signup', 'ann@x.test', '10.0.0.1');
    expect(quotas).toEqual([
      { scope: 'address', key: 'auth:limit:signup:address:ann@x.test', rule: RATE_LIMITS.signup.address },
      {
        scope: 'ip',
        key: 'auth:limit:signup:ip:10.0.0.1',
        rule: { ...RATE_LIMITS.signup.ip, max: RATE_LIMITS.signup.ip.max * 10 },
      },
    ]);
  });

  test('when several limits are reached, waits for the later window', async () => {
    const { store, advance } = memoryStore();
    const limiter = new RateLimiter(store);
    for (let i = 3; i < 20; i++) await limiter.take('passwordReset', `u${i}@x.test`, '10.0.0.1');
    advance(60_000);
    for (let i = 0; i < 3; i++) await limiter.take('passwordReset', 'ann@x.test', '10.0.0.1');
    // Both full: the address's window (started a minute later) ends last.
    expect(await limiter.take('passwordReset', 'ann@x.test', '10.0.0.1')).toEqual({
      allowed: false,
      scope: 'address',
      retryAfterSeconds: 900,
    });
    expect(await limiter.take('passwordReset', 'bob@x.test', '10.0.0.1')).toEqual({
      allowed: false,
      scope: 'ip',
      retryAfterSeconds: 840,
    });
  });

  test('Retry-After is whole seconds between 1 and the window', () => {
    expect(retryAfter(1, 900)).toBe(1);
    expect(retryAfter(1500, 900)).toBe(2);
    expect(retryAfter(0, 900)).toBe(900); // no expiry known: the whole window
    expect(retryAfter(5_000_000, 900)).toBe(900);
  });
});
