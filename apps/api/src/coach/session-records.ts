import type pg from 'pg';
import type { BrandContext, CoachMessage } from './responder.ts';

/**
 * `coach_sessions` rows. Every function takes a client from `withUserTransaction`, so row-level
 * security confines it to the caller's own sessions: another user's id simply finds nothing.
 */
export interface SessionRecord {
  id: string;
  status: 'active' | 'ended';
  topic: string;
  turnCount: number;
  turnLimit: number;
  messages: CoachMessage[];
  createdAt: string;
  lastActivityAt: string;
  endedAt: string | null;
}

const COLUMNS = `id, status, topic, turn_count, turn_limit, messages, created_at, last_activity_at, ended_at`;

interface Row {
  id: string;
  status: 'active' | 'ended';
  topic: string;
  turn_count: number;
  turn_limit: number;
  messages: CoachMessage[];
  created_at: Date;
  last_activity_at: Date;
  ended_at: Date | null;
}

const toRecord = (row: Row): SessionRecord => ({
  id: row.id,
  status: row.status,
  topic: row.topic,
  turnCount: row.turn_count,
  turnLimit: row.turn_limit,
  messages: row.messages,
  createdAt: row.created_at.toISOString(),
  lastActivityAt: row.last_activity_at.toISOString(),
  endedAt: row.ended_at?.toISOString() ?? null,
});

/** The caller's tier and active brand kit: what decides access and flavours the replies. */
export async function readCoachContext(
  client: pg.PoolClient,
  userId: string,
): Promise<{ tier: string; brand?: BrandContext } | undefined> {
  const { rows } = await client.query<{ tier: string; kit_name: string | null; tone: string | null }>(
    `select u.tier, k.name as kit_name, k.voice ->> 'tone' as tone
       from users u left join brand_kits k on k.user_id = u.id and k.is_active
      where u.id = $1`,
    [userId],
  );
  const row = rows[0];
  if (!row) return undefined;
  return { tier: row.tier, brand: row.kit_name ? { name: row.kit_name, tone: row.tone ?? undefined } : undefined };
}

export async function insertSession(
  client: pg.PoolClient,
  session: { id: string; userId: string; topic: string; turnLimit: number },
): Promise<SessionRecord> {
  const { rows } = await client.query<Row>(
    `insert into coach_sessions (id, user_id, topic, turn_limit) values ($1, $2, $3, $4) returning ${COLUMNS}`,
    [session.id, session.userId, session.topic, session.turnLimit],
  );
  return toRecord(rows[0]!);
}

export async function findSession(client: pg.PoolClient, id: string): Promise<SessionRecord | undefined> {
  const { rows } = await client.query<Row>(`select ${COLUMNS} from coach_sessions where id = $1`, [id]);
  return rows[0] ? toRecord(rows[0]) : undefined;
}

/** Writes the finished conversation; undefined when the row had already ended (someone else ended it). */
export async function finishSession(
  client: pg.PoolClient,
  id: string,
  state: { turnCount: number; messages: CoachMessage[]; lastActivityAt: string },
): Promise<SessionRecord | undefined> {
  const { rows } = await client.query<Row>(
    `update coach_sessions
        set status = 'ended', ended_at = now(), turn_count = $2, messages = $3, last_activity_at = $4
      where id = $1 and status = 'active'
      returning ${COLUMNS}`,
    [id, state.turnCount, JSON.stringify(state.messages), state.lastActivityAt],
  );
  return rows[0] ? toRecord(rows[0]) : undefined;
}

/** The caller's sessions, most recently active first. */
export async function listSessions(client: pg.PoolClient, limit: number): Promise<SessionRecord[]> {
  const { rows } = await client.query<Row>(
    `select ${COLUMNS} from coach_sessions order by last_activity_at desc limit $1`,
    [limit],
  );
  return rows.map(toRecord);
}
