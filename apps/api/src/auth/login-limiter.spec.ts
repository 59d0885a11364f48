import { describe, expect, test } from 'vitest';
import { type CounterStore, LoginLimiter, retryAfter } from './login-limiter.ts';

/** Redis's INCR + EXPIRE NX / PTTL / DEL semantics, with a clock the test moves. */
function memoryStore() {
  let now = 0;
  const counters = new Map<string, { count: number; expiresAt: number }>();
  const live = (key: string) => {
    const counter = counters.get(key);
    if (counter && counter.expiresAt <= now) counters.delete(key);
    return counters.get(key);
  };
  const store: CounterStore = {
    async increment(key, windowSeconds) {
      const counter = live(key) ?? { count: 0, expiresAt: now + windowSeconds * 1000 };
      counter.count += 1;
      counters.set(key, counter);
      return counter.count;
    },
    async read(key) {
      const counter = live(key);
      return counter ? { count: counter.count, ttlMs: counter.expiresAt - now } : { count: 0, ttlMs: 0 };
    },
    async delete(key) {
      counters.delete(key);
    },
  };
  return { store, advance: (ms: number) => void (now += ms) };
}

const limits = { account: { max: 5, windowSeconds: 900 }, ip: { max: 8, windowSeconds: 600 } };

describe('login limiter', () => {
  test('blocks an account after 5 failures, with Retry-After counting down the window', async () => {
    const { store, advance } = memoryStore();
    const limiter = new LoginLimiter(store, limits);
    for (let i = 0; i < 5; i++) {
      expect(await limiter.check('Ann@x.test', '10.0.0.1')).toEqual({ blocked: false });
      await limiter.recordFailure('ann@x.test', '10.0.0.1');
    }
    expect(await limiter.check('ann@x.test', '10.0.0.1')).toEqual({ blocked: true, scope: 'account', retryAfterSeconds: 900 });
    // Same account, other address and other spelling: still blocked (the key is the normalised email).
    advance(100_500);
    expect(await limiter.check(' ANN@x.test', '10.0.0.2')).toEqual({ blocked: true, scope: 'account', retryAfterSeconds: 800 });
    // Another account from the first address is not.
    expect(await limiter.check('bob@x.test', '10.0.0.1')).toEqual({ blocked: false });
    advance(800_000);
    expect(await limiter.check('ann@x.test', '10.0.0.1')).toEqual({ blocked: false });
  });

  test('a successful login (clearAccount) forgives the account but not the address', async () => {
    const { store } = memoryStore();
    const limiter = new LoginLimiter(store, limits);
    for (let i = 0; i < 4; i++) await limiter.recordFailure('ann@x.test', '10.0.0.1');
    await limiter.clearAccount('ann@x.test');
    for (let i = 0; i < 4; i++) await limiter.recordFailure('ann@x.test', '10.0.0.1');
    // 8 failures for ann in all, but only 4 since the success.
    expect(await limiter.check('ann@x.test', '10.0.0.2')).toEqual({ blocked: false });
    // 8 failures from the address in all: its own limit is reached, for every account.
    expect(await limiter.check('carl@x.test', '10.0.0.1')).toEqual({ blocked: true, scope: 'ip', retryAfterSeconds: 600 });
    expect(await limiter.check('carl@x.test', '10.0.0.9')).toEqual({ blocked: false });
  });

  test('when both limits hold, waits for the later window', async () => {
    const { store, advance } = memoryStore();
    const limiter = new LoginLimiter(store, { account: { max: 2, windowSeconds: 900 }, ip: { max: 2, windowSeconds: 60 } });
    await limiter.recordFailure('ann@x.test', '10.0.0.1');
    advance(30_000);
    await limiter.recordFailure('ann@x.test', '10.0.0.1');
    expect(await limiter.check('ann@x.test', '10.0.0.1')).toEqual({ blocked: true, scope: 'account', retryAfterSeconds: 870 });
  });

  test('Retry-After is whole seconds between 1 and the window', () => {
    expect(retryAfter(1, 900)).toBe(1);
    expect(retryAfter(1500, 900)).toBe(2);
    expect(retryAfter(0, 900)).toBe(900); // no expiry known: the whole window
    expect(retryAfter(5_000_000, 900)).toBe(900);
  });
});
