import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyBaseLogger } from 'fastify';
import type pg from 'pg';
import { withUserTransaction } from '../plugins/database.ts';
import { HttpError } from '../plugins/error-handler.ts';
import { eventId, type EventStream } from './event-stream.ts';
import type { CoachMessage, CoachResponder } from './responder.ts';
import {
  findSession,
  finishSession,
  insertSession,
  listSessions,
  readCoachContext,
  type SessionRecord,
} from './session-records.ts';
import type { OpenSession, SessionStore } from './session-store.ts';
import { coachAccess, SESSIONS_FROM_TIER } from './tiers.ts';

/** A reconnecting client waits at most this long for the next token of a reply in progress. */
const RESUME_STALL_MS = 10_000;
const RESUME_POLL_MS = 25;

export type SessionStatus = 'active' | 'ended' | 'expired';

/** A session as the API shows it, from Redis while open, from the database after. */
export type SessionView = Omit<SessionRecord, 'status'> & { status: SessionStatus };

/** A turn that was taken and now has to be answered on an event stream. */
export interface ReservedTurn {
  session: OpenSession;
  turn: number;
  message: string;
}

const sessionGone = (status: 'ended' | 'expired') =>
  new HttpError(
    409,
    status === 'ended' ? 'session_ended' : 'session_expired',
    status === 'ended'
      ? 'This coach session has ended; start a new one'
      : 'This coach session expired after a long pause; start a new one',
  );
const notFound = () => new HttpError(404, 'not_found', 'No coach session with this id');

/**
 * The coach: tier checks, sessions (open in Redis, persisted to `coach_sessions` when they end)
 * and the turns streamed by the responder. Database work runs as the caller (RLS).
 */
export class CoachService {
  constructor(
    private readonly db: pg.Pool,
    private readonly store: SessionStore,
    private readonly responder: CoachResponder,
    private readonly log: FastifyBaseLogger,
  ) {}

  async access(userId: string) {
    const context = await withUserTransaction(this.db, userId, (client) => readCoachContext(client, userId));
    const tier = context?.tier ?? 'free';
    return { tier, access: coachAccess(tier) };
  }

  /** Opens a session (row and Redis state together) and takes its first turn. */
  async start(userId: string, topic: string, message: string): Promise<ReservedTurn> {
    const id = randomUUID();
    const session = await withUserTransaction(this.db, userId, async (client) => {
      const context = await readCoachContext(client, userId);
      if (!context) throw new HttpError(401, 'unauthorized', 'The account no longer exists');
      const { sessions, turnLimit } = coachAccess(context.tier);
      if (!sessions || turnLimit === null) {
        throw new HttpError(
          403,
          'tier_not_allowed',
          `Coach sessions need the ${SESSIONS_FROM_TIER} tier or higher; this account is on the ${context.tier} tier. Tips are open to every tier.`,
        );
      }
      const record = await insertSession(client, { id, userId, topic, turnLimit });
      const open = {
        id,
        userId,
        topic,
        turnLimit,
        createdAt: record.createdAt,
        lastActivityAt: record.createdAt,
        brand: context.brand,
      };
      // Inside the transaction: if Redis cannot take the session, the row is rolled back too.
      await this.store.create(open);
      return { ...open, status: 'active' as const, turnCount: 0, messages: [], repliedTurns: [] };
    });
    return this.takeTurn(session, message);
  }

  /** Takes the next turn of one of the caller's open sessions. */
  async reserve(userId: string, id: string, message: string): Promise<ReservedTurn> {
    const session = await this.openSession(userId, id);
    if (!session) throw sessionGone((await this.closedView(userId, id)).status as 'ended' | 'expired');
    return this.takeTurn(session, message);
  }

  /**
   * Streams the turn's reply: `turn`, then one `token` per token (each kept in Redis first, so a
   * reconnect can replay it), then `done`. Runs to the end even if the client goes away.
   */
  async answer(stream: EventStream, { session, turn, message }: ReservedTurn): Promise<void> {
    stream.send('turn', { session_id: session.id, turn, turn_limit: session.turnLimit }, eventId(turn, 0));
    const tokens: string[] = [];
    try {
      const history = session.messages.filter((m) => m.turn < turn);
      const prompt = {
        topic: session.topic,
        message,
        turn,
        turnLimit: session.turnLimit,
        brand: session.brand,
        history,
      };
      for await (const token of this.responder.reply(prompt)) {
        tokens.push(token);
        await this.store.appendToken(session.id, turn, token);
        stream.send('token', { text: token }, eventId(turn, tokens.length));
      }
      const reply: CoachMessage = { turn, role: 'coach', content: tokens.join(''), at: new Date().toISOString() };
      const turnCount = (await this.store.completeTurn(session.id, reply)) ?? turn;
      stream.send('done', doneEvent(session, turn, turnCount, reply.content), eventId(turn, tokens.length + 1));
    } catch (error) {
      this.log.error({ err: error, sessionId: session.id, turn }, 'coach reply failed');
      stream.send('error', errorEvent(error));
    } finally {
      stream.end();
    }
  }

  /**
   * Replays a turn's reply to a client that lost its stream: the tokens after `after` (the
   * sequence in its Last-Event-ID; none given: the latest turn from its start), then the ones
   * still being produced, then `done`. No token is sent twice.
   */
  async resume(stream: EventStream, session: OpenSession, turn: number, after: number | undefined): Promise<void> {
    try {
      if (after === undefined)
        stream.send('turn', { session_id: session.id, turn, turn_limit: session.turnLimit }, eventId(turn, 0));
      let sent = after ?? 0;
      let lastProgress = Date.now();
      for (;;) {
        // Read "finished" before the tokens: once finished, the list read after it is complete.
        const finished = await this.store.isReplied(session.id, turn);
        for (const token of await this.store.tokens(session.id, turn, sent)) {
          sent += 1;
          lastProgress = Date.now();
          stream.send('token', { text: token }, eventId(turn, sent));
        }
        if (finished) break;
        if (!stream.clientConnected) return;
        if (Date.now() - lastProgress > RESUME_STALL_MS) {
          stream.send('error', {
            code: 'reply_interrupted',
            message: 'The reply stopped before its end; send the message again',
          });
          return;
        }
        await sleep(RESUME_POLL_MS);
      }
      const latest = (await this.store.get(session.id)) ?? session;
      const reply = latest.messages.find((m) => m.turn === turn && m.role === 'coach');
      stream.send('done', doneEvent(latest, turn, latest.turnCount, reply?.content ?? ''), eventId(turn, sent + 1));
    } catch (error) {
      this.log.error({ err: error, sessionId: session.id, turn }, 'coach resume failed');
      stream.send('error', errorEvent(error));
    } finally {
      stream.end();
    }
  }

  async get(userId: string, id: string): Promise<SessionView> {
    const open = await this.openSession(userId, id);
    return open ? openView(open) : this.closedView(userId, id);
  }

  /** The caller's open session, or undefined when Redis holds none of theirs by that id. */
  async openSession(userId: string, id: string): Promise<OpenSession | undefined> {
    const session = await this.store.get(id);
    return session?.userId === userId ? session : undefined;
  }

  async list(userId: string, limit: number): Promise<SessionView[]> {
    const records = await withUserTransaction(this.db, userId, (client) => listSessions(client, limit));
    return Promise.all(
      records.map(async (record) => {
        if (record.status !== 'active') return recordView(record);
        const open = await this.openSession(userId, record.id);
        return open ? openView(open) : recordView(record);
      }),
    );
  }

  /** Ends the session once: the conversation goes to `coach_sessions` and leaves Redis. */
  async end(userId: string, id: string): Promise<SessionView> {
    const open = await this.openSession(userId, id);
    if (open) {
      const claim = await this.store.claimEnd(id);
      if (claim === 'ended') throw sessionGone('ended');
      if (claim === 'ok') {
        const final = (await this.store.get(id)) ?? open;
        const record = await withUserTransaction(this.db, userId, (client) =>
          finishSession(client, id, {
            turnCount: final.turnCount,
            messages: sortMessages(final.messages),
            lastActivityAt: final.lastActivityAt,
          }),
        );
        await this.store.remove(id, final.turnCount);
        if (!record) throw sessionGone('ended');
        return recordView(record);
      }
    }
    // Not in Redis: it ended already, or it expired there and is ended now with what was saved.
    const record = await withUserTransaction(this.db, userId, async (client) => {
      const found = await findSession(client, id);
      if (!found) throw notFound();
      if (found.status === 'ended') throw sessionGone('ended');
      return finishSession(client, id, found);
    });
    if (!record) throw sessionGone('ended');
    return recordView(record);
  }

  private async takeTurn(session: OpenSession, message: string): Promise<ReservedTurn> {
    const reservation = await this.store.reserveTurn(session.id, message, new Date().toISOString());
    if (reservation.ok) return { session, turn: reservation.turn, message };
    if (reservation.reason === 'turn_limit_reached') {
      throw new HttpError(
        409,
        'turn_limit_reached',
        `This session has used all ${session.turnLimit} of its turns; end it and start a new one`,
        { turn_limit: session.turnLimit },
      );
    }
    throw sessionGone('ended');
  }

  /** A session Redis does not hold: from the database, or 404 (which another user's id also gets). */
  private async closedView(userId: string, id: string): Promise<SessionView> {
    const record = await withUserTransaction(this.db, userId, (client) => findSession(client, id));
    if (!record) throw notFound();
    return recordView(record);
  }
}

function sortMessages(messages: CoachMessage[]): CoachMessage[] {
  return [...messages].sort((a, b) => a.turn - b.turn || (a.role === b.role ? 0 : a.role === 'user' ? -1 : 1));
}

function openView(session: OpenSession): SessionView {
  return {
    id: session.id,
    status: session.status,
    topic: session.topic,
    turnCount: session.turnCount,
    turnLimit: session.turnLimit,
    messages: sortMessages(session.messages),
    createdAt: session.createdAt,
    lastActivityAt: session.lastActivityAt,
    endedAt: null,
  };
}

/** A row still `active` that Redis no longer holds was abandoned until its state expired. */
function recordView(record: SessionRecord): SessionView {
  return {
    ...record,
    status: record.status === 'active' ? 'expired' : record.status,
    messages: sortMessages(record.messages),
  };
}

function doneEvent(session: OpenSession, turn: number, turnCount: number, reply: string) {
  return {
    session_id: session.id,
    turn,
    turn_count: turnCount,
    turn_limit: session.turnLimit,
    turns_left: Math.max(0, session.turnLimit - turnCount),
    reply,
  };
}

function errorEvent(error: unknown) {
  return error instanceof HttpError
    ? { code: error.code, message: error.message }
    : { code: 'internal', message: 'The coach stopped answering; send the message again' };
}
