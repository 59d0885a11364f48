import type { Redis } from 'ioredis';

/** Fixed-window failure counters. Redis in the app; an in-memory one in unit tests. */
export interface CounterStore {
  /** Adds one; the first increment of a window starts its expiry. Returns the new count. */
  increment(key: string, windowSeconds: number): Promise<number>;
  /** The count and the milliseconds until the window ends (0 when there is no window). */
  read(key: string): Promise<{ count: number; ttlMs: number }>;
  delete(key: string): Promise<void>;
}

export interface LimitRule {
  max: number;
  windowSeconds: number;
}

/**
 * 5 failures per account per 15 min stops password guessing on one account. The per-IP rule is
 * against credential stuffing (many accounts, one address); 100 leaves room for the many people
 * behind one NAT, and for the test suites, which all log in from 127.0.0.1.
 */
export const LOGIN_LIMITS = {
  account: { max: 5, windowSeconds: 15 * 60 },
  ip: { max: 100, windowSeconds: 15 * 60 },
} satisfies Record<string, LimitRule>;

export type LimitDecision = { blocked: false } | { blocked: true; scope: 'account' | 'ip'; retryAfterSeconds: number };

export class LoginLimiter {
  constructor(
    private readonly store: CounterStore,
    private readonly limits: { account: LimitRule; ip: LimitRule } = LOGIN_LIMITS,
  ) {}

  static accountKey(email: string): string {
    return `auth:login-failures:account:${email.trim().toLowerCase()}`;
  }

  static ipKey(ip: string): string {
    return `auth:login-failures:ip:${ip}`;
  }

  /** Whether a login attempt may even be checked. Blocked attempts do not count as failures. */
  async check(email: string, ip: string): Promise<LimitDecision> {
    const [account, byIp] = await Promise.all([
      this.store.read(LoginLimiter.accountKey(email)),
      this.store.read(LoginLimiter.ipKey(ip)),
    ]);
    const over = (
      [
        ['account', account, this.limits.account],
        ['ip', byIp, this.limits.ip],
      ] as const
    ).filter(([, counter, rule]) => counter.count >= rule.max);
    if (over.length === 0) return { blocked: false };
    // Blocked by both: the caller has to wait for the later of the two windows.
    const [scope, counter, rule] = over.reduce((a, b) => (b[1].ttlMs > a[1].ttlMs ? b : a));
    return { blocked: true, scope, retryAfterSeconds: retryAfter(counter.ttlMs, rule.windowSeconds) };
  }

  async recordFailure(email: string, ip: string): Promise<void> {
    await Promise.all([
      this.store.increment(LoginLimiter.accountKey(email), this.limits.account.windowSeconds),
      this.store.increment(LoginLimiter.ipKey(ip), this.limits.ip.windowSeconds),
    ]);
  }

  /** A successful login (or a password reset) forgives the account; the IP counter stays. */
  async clearAccount(email: string): Promise<void> {
    await this.store.delete(LoginLimiter.accountKey(email));
  }
}

/** Whole seconds, at least 1, at most the window (a key without expiry must not block forever). */
export function retryAfter(ttlMs: number, windowSeconds: number): number {
  if (ttlMs <= 0) return windowSeconds;
  return Math.min(windowSeconds, Math.max(1, Math.ceil(ttlMs / 1000)));
}

export function redisCounterStore(redis: Redis): CounterStore {
  return {
    async increment(key, windowSeconds) {
      const results = await redis.multi().incr(key).expire(key, windowSeconds, 'NX').exec();
      const [error, count] = results?.[0] ?? [new Error('redis transaction aborted'), 0];
      if (error) throw error;
      return Number(count);
    },
    async read(key) {
      const [count, ttlMs] = await Promise.all([redis.get(key), redis.pttl(key)]);
      return { count: Number(count ?? 0), ttlMs: Math.max(0, ttlMs) };
    },
    async delete(key) {
      await redis.del(key);
    },
  };
}
