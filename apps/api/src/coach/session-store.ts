import type { Redis } from 'ioredis';
import { HttpError } from '../plugins/error-handler.ts';
import type { BrandContext, CoachMessage } from './responder.ts';

/** An open session lives this long after its last activity, then it is gone from Redis. */
export const SESSION_TTL_SECONDS = 30 * 60;

/** A session while it is open: the state Redis holds. */
export interface OpenSession {
  id: string;
  userId: string;
  topic: string;
  status: 'active' | 'ended';
  turnCount: number;
  turnLimit: number;
  createdAt: string;
  lastActivityAt: string;
  brand?: BrandContext;
  messages: CoachMessage[];
  /** Turns whose reply has been streamed to the end. */
  repliedTurns: number[];
}

export type TurnReservation =
  { ok: true; turn: number } | { ok: false; reason: 'not_open' | 'turn_limit_reached' | 'ended' };

const sessionKey = (id: string) => `coach:session:${id}`;
const messagesKey = (id: string) => `${sessionKey(id)}:messages`;
const tokensKey = (id: string, turn: number) => `${sessionKey(id)}:turn:${turn}`;

// Each script is one atomic step, so parallel requests cannot both take the last turn, and
// only one of two parallel "end" calls wins.
const RESERVE_TURN = `
local status = redis.call('HGET', KEYS[1], 'status')
if not status then return -1 end
if status ~= 'active' then return -3 end
local count = tonumber(redis.call('HGET', KEYS[1], 'turn_count'))
if count >= tonumber(redis.call('HGET', KEYS[1], 'turn_limit')) then return -2 end
count = count + 1
local message = cjson.decode(ARGV[1])
message['turn'] = count
redis.call('HSET', KEYS[1], 'turn_count', count, 'last_activity_at', message['at'])
redis.call('RPUSH', KEYS[2], cjson.encode(message))
redis.call('EXPIRE', KEYS[1], ARGV[2])
redis.call('EXPIRE', KEYS[2], ARGV[2])
return count`;

const COMPLETE_TURN = `
if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
redis.call('RPUSH', KEYS[2], ARGV[1])
redis.call('HSET', KEYS[1], 'replied:' .. ARGV[2], '1', 'last_activity_at', ARGV[3])
redis.call('EXPIRE', KEYS[1], ARGV[4])
redis.call('EXPIRE', KEYS[2], ARGV[4])
redis.call('EXPIRE', KEYS[3], ARGV[4])
return tonumber(redis.call('HGET', KEYS[1], 'turn_count'))`;

const CLAIM_END = `
local status = redis.call('HGET', KEYS[1], 'status')
if not status then return 'missing' end
if status ~= 'active' then return 'ended' end
redis.call('HSET', KEYS[1], 'status', 'ended')
return 'ok'`;

/**
 * Open coach sessions in Redis: the session's fields in a hash, its messages in a list, and
 * each reply's tokens in a list of their own (what a reconnecting client is replayed from).
 * Every key expires SESSION_TTL_SECONDS after the session's last write. Redis failing is the
 * caller's 503, never a 500.
 */
export class SessionStore {
  constructor(private readonly redis: Redis) {}

  async create(session: Omit<OpenSession, 'messages' | 'repliedTurns' | 'turnCount' | 'status'>): Promise<void> {
    await this.guard(() =>
      this.redis
        .multi()
        .hset(sessionKey(session.id), {
          user_id: session.userId,
          topic: session.topic,
          status: 'active',
          turn_count: 0,
          turn_limit: session.turnLimit,
          created_at: session.createdAt,
          last_activity_at: session.lastActivityAt,
          brand: session.brand ? JSON.stringify(session.brand) : '',
        })
        .expire(sessionKey(session.id), SESSION_TTL_SECONDS)
        .exec()
        .then(failedStep),
    );
  }

  /** The open session, or undefined when Redis has none by that id (never opened, ended, or expired). */
  async get(id: string): Promise<OpenSession | undefined> {
    const [fields, messages] = await this.guard(async () => {
      const results = await this.redis.multi().hgetall(sessionKey(id)).lrange(messagesKey(id), 0, -1).exec();
      failedStep(results);
      return results!.map(([, value]) => value) as [Record<string, string>, string[]];
    });
    if (!fields.user_id) return undefined;
    return {
      id,
      userId: fields.user_id,
      topic: fields.topic!,
      status: fields.status === 'ended' ? 'ended' : 'active',
      turnCount: Number(fields.turn_count),
      turnLimit: Number(fields.turn_limit),
      createdAt: fields.created_at!,
      lastActivityAt: fields.last_activity_at!,
      brand: fields.brand ? (JSON.parse(fields.brand) as BrandContext) : undefined,
      messages: messages.map((m) => JSON.parse(m) as CoachMessage),
      repliedTurns: Object.keys(fields)
        .filter((key) => key.startsWith('replied:'))
        .map((key) => Number(key.slice('replied:'.length))),
    };
  }

  /** Takes the next turn for the user's message, atomically, unless the session is at its limit. */
  async reserveTurn(id: string, content: string, at: string): Promise<TurnReservation> {
    const message = JSON.stringify({ turn: 0, role: 'user', content, at } satisfies CoachMessage);
    const result = await this.guard(
      () =>
        this.redis.eval(
          RESERVE_TURN,
          2,
          sessionKey(id),
          messagesKey(id),
          message,
          SESSION_TTL_SECONDS,
        ) as Promise<number>,
    );
    if (result === -1) return { ok: false, reason: 'not_open' };
    if (result === -2) return { ok: false, reason: 'turn_limit_reached' };
    if (result === -3) return { ok: false, reason: 'ended' };
    return { ok: true, turn: result };
  }

  /** Keeps one streamed token, for a client that reconnects mid-reply. */
  async appendToken(id: string, turn: number, token: string): Promise<void> {
    await this.guard(() =>
      this.redis
        .multi()
        .rpush(tokensKey(id, turn), token)
        .expire(tokensKey(id, turn), SESSION_TTL_SECONDS)
        .exec()
        .then(failedStep),
    );
  }

  /** Tokens of a turn's reply from `start` (0-based) on. */
  async tokens(id: string, turn: number, start: number): Promise<string[]> {
    return this.guard(() => this.redis.lrange(tokensKey(id, turn), start, -1));
  }

  /**
   * Records the finished reply and returns the session's turn count (parallel messages may have
   * taken more turns meanwhile); undefined when the session left Redis meanwhile (it ended).
   */
  async completeTurn(id: string, reply: CoachMessage): Promise<number | undefined> {
    const result = await this.guard(
      () =>
        this.redis.eval(
          COMPLETE_TURN,
          3,
          sessionKey(id),
          messagesKey(id),
          tokensKey(id, reply.turn),
          JSON.stringify(reply),
          reply.turn,
          reply.at,
          SESSION_TTL_SECONDS,
        ) as Promise<number>,
    );
    return result < 0 ? undefined : result;
  }

  /** Whether the turn's reply was streamed to its end (every token of it is then in Redis). */
  async isReplied(id: string, turn: number): Promise<boolean> {
    return (await this.guard(() => this.redis.hexists(sessionKey(id), `replied:${turn}`))) === 1;
  }

  /** Marks the session ended; exactly one of several concurrent callers gets 'ok'. */
  async claimEnd(id: string): Promise<'ok' | 'ended' | 'missing'> {
    return this.guard(() => this.redis.eval(CLAIM_END, 1, sessionKey(id)) as Promise<'ok' | 'ended' | 'missing'>);
  }

  /** Forgets the session (after it was persisted to the database). */
  async remove(id: string, turnCount: number): Promise<void> {
    const turns = Array.from({ length: turnCount }, (_, index) => tokensKey(id, index + 1));
    await this.guard(() => this.redis.del(sessionKey(id), messagesKey(id), ...turns));
  }

  private async guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch {
      throw new HttpError(503, 'unavailable', 'The coach cannot reach its session store right now; try again shortly');
    }
  }
}

/** `multi().exec()` reports a failed command in its results instead of throwing. */
function failedStep(results: [Error | null, unknown][] | null): [Error | null, unknown][] {
  if (!results) throw new Error('the Redis transaction was aborted');
  const failed = results.find(([error]) => error);
  if (failed) throw failed[0];
  return results;
}
