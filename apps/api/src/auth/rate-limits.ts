import type { Redis } from 'ioredis';
import { redisOrUnavailable } from '../plugins/redis.ts';

export interface LimitRule {
  max: number;
  windowSeconds: number;
}

/** One counter a request draws on: its Redis key and the rule it obeys. */
export interface Quota {
  /** Named in the answer: which limit was hit (account, address, ip). */
  scope: string;
  key: string;
  rule: LimitRule;
}

export type LimitDecision = { allowed: true } | { allowed: false; scope: string; retryAfterSeconds: number };

/** Fixed-window counters. Redis in the app (one Lua script, so atomic); an in-memory one in unit tests. */
export interface CounterStore {
  /**
   * Atomically: when every counter is below its max, adds one to each (the first one of a window
   * starts its expiry) and returns []; otherwise changes nothing and returns, for each full
   * counter, its index and the milliseconds left of its window.
   */
  reserve(quotas: { key: string; max: number; windowSeconds: number }[]): Promise<{ index: number; ttlMs: number }[]>;
  /** Gives one back (never below zero): the attempt turned out not to count. */
  release(key: string): Promise<void>;
  delete(key: string): Promise<void>;
}

/**
 * Every limit of the API, per window. Attempts are counted BEFORE the work they guard (checking a
 * password, sending a mail), in the same atomic step that checks the limit: a parallel burst
 * cannot slip through between a check and a count.
 *  - login: 5 attempts per account stops password guessing; 100 per IP is against credential
 *    stuffing and leaves room for many people behind one NAT. A success gives its attempt back.
 *  - password-reset mail: 3 per address (a mailbox is not to be flooded), 20 per IP.
 *  - signup: 5 attempts per address, 20 per IP.
 * Per-address counters are kept whether or not the account exists, so the answers never tell.
 * The per-IP ones are scaled by RATE_LIMIT_IP_FACTOR (the local stack raises it: every test
 * suite there calls from 127.0.0.1).
 */
export const RATE_LIMITS = {
  login: { account: { max: 5, windowSeconds: 15 * 60 }, ip: { max: 100, windowSeconds: 15 * 60 } },
  passwordReset: { address: { max: 3, windowSeconds: 15 * 60 }, ip: { max: 20, windowSeconds: 15 * 60 } },
  signup: { address: { max: 5, windowSeconds: 60 * 60 }, ip: { max: 20, windowSeconds: 60 * 60 } },
} satisfies Record<string, Record<string, LimitRule>>;

export type RateLimitName = keyof typeof RATE_LIMITS;

const normalise = (email: string) => email.trim().toLowerCase();

/** Draws on the counters of one action at once: all of them, or none when one is full. */
export class RateLimiter {
  constructor(
    private readonly store: CounterStore,
    private readonly ipFactor = 1,
  ) {}

  static key(action: RateLimitName, scope: string, value: string): string {
    return `auth:limit:${action}:${scope}:${scope === 'ip' ? value : normalise(value)}`;
  }

  /** The quotas an attempt of `action` by `email` from `ip` draws on. */
  quotas(action: RateLimitName, email: string, ip: string): Quota[] {
    return Object.entries(RATE_LIMITS[action]).map(([scope, rule]) => ({
      scope,
      key: RateLimiter.key(action, scope, scope === 'ip' ? ip : email),
      rule: scope === 'ip' ? { ...rule, max: Math.max(1, Math.round(rule.max * this.ipFactor)) } : rule,
    }));
  }

  async take(action: RateLimitName, email: string, ip: string): Promise<LimitDecision> {
    const quotas = this.quotas(action, email, ip);
    const full = await this.store.reserve(quotas.map(({ key, rule }) => ({ key, ...rule })));
    if (full.length === 0) return { allowed: true };
    // Full on several counters: the caller has to wait for the latest window to end.
    const latest = full.reduce((a, b) => (b.ttlMs > a.ttlMs ? b : a));
    const quota = quotas[latest.index]!;
    return {
      allowed: false,
      scope: quota.scope,
      retryAfterSeconds: retryAfter(latest.ttlMs, quota.rule.windowSeconds),
    };
  }

  /** A successful login: the account is forgiven and the IP gets its attempt back. */
  async loginSucceeded(email: string, ip: string): Promise<void> {
    await Promise.all([
      this.store.delete(RateLimiter.key('login', 'account', email)),
      this.store.release(RateLimiter.key('login', 'ip', ip)),
    ]);
  }

  /** Whoever proved they own the mailbox (password reset) is no longer locked out of it. */
  async clearLoginAccount(email: string): Promise<void> {
    await this.store.delete(RateLimiter.key('login', 'account', email));
  }
}

/** Whole seconds, at least 1, at most the window (a key without expiry must not block forever). */
export function retryAfter(ttlMs: number, windowSeconds: number): number {
  if (ttlMs <= 0) return windowSeconds;
  return Math.min(windowSeconds, Math.max(1, Math.ceil(ttlMs / 1000)));
}

/** KEYS: the counters; ARGV: max and window (seconds) of each, in turn. See CounterStore.reserve. */
const RESERVE = `
local full = {}
for i, key in ipairs(KEYS) do
  local count = tonumber(redis.call('GET', key) or '0')
  if count >= tonumber(ARGV[2 * i - 1]) then
    table.insert(full, i - 1)
    table.insert(full, redis.call('PTTL', key))
  end
end
if #full > 0 then return full end
for i, key in ipairs(KEYS) do
  redis.call('INCR', key)
  if redis.call('PTTL', key) < 0 then redis.call('EXPIRE', key, ARGV[2 * i]) end
end
return full`;

const RELEASE = `
if tonumber(redis.call('GET', KEYS[1]) or '0') > 1 then return redis.call('DECR', KEYS[1]) end
return redis.call('DEL', KEYS[1])`;

export function redisCounterStore(redis: Redis): CounterStore {
  return {
    async reserve(quotas) {
      const args = quotas.flatMap(({ max, windowSeconds }) => [max, windowSeconds]);
      const reply = (await redisOrUnavailable(() =>
        redis.eval(RESERVE, quotas.length, ...quotas.map((q) => q.key), ...args),
      )) as number[];
      const full: { index: number; ttlMs: number }[] = [];
      for (let i = 0; i < reply.length; i += 2)
        full.push({ index: Number(reply[i]), ttlMs: Math.max(0, Number(reply[i + 1])) });
      return full;
    },
    async release(key) {
      await redisOrUnavailable(() => redis.eval(RELEASE, 1, key));
    },
    async delete(key) {
      await redisOrUnavailable(() => redis.del(key));
    },
  };
}
