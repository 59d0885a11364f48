import { z } from 'zod';
import type { SessionView } from './coach-service.ts';
import { TIERS } from './tiers.ts';

export const sessionId = z.object({ id: z.uuid() });

// PostgreSQL text and jsonb cannot hold NUL: refused here rather than failing when the session is saved.
const noNul = [/^[^\u0000]*$/, 'must not contain NUL characters'] as const;

export const messageText = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(2000)
  .regex(...noNul);

export const startBody = z.object({
  message: messageText,
  topic: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .regex(...noNul)
    .default('general'),
});

export const messageBody = z.object({ message: messageText });

export const tipsResponse = z.object({
  tier: z.enum(TIERS),
  tips: z.array(
    z.object({
      id: z.string(),
      category: z.string(),
      title: z.string(),
      body: z.string(),
    }),
  ),
});

export const accessResponse = z.object({
  tier: z.enum(TIERS),
  tips: z.boolean().describe('Tips are open to every tier'),
  sessions: z.boolean().describe('Whether this tier may start coach sessions'),
  turn_limit: z.number().int().nullable().describe('Turns per session on this tier; null without sessions'),
  sessions_from_tier: z.enum(TIERS).describe('The lowest tier with coach sessions'),
});

const message = z.object({
  turn: z.number().int().min(1),
  role: z.enum(['user', 'coach']),
  content: z.string(),
  at: z.iso.datetime(),
});

const sessionFields = {
  id: z.uuid(),
  status: z
    .enum(['active', 'ended', 'expired'])
    .describe('active: open in Redis; ended: persisted; expired: abandoned until its state timed out'),
  topic: z.string(),
  turn_count: z.number().int(),
  turn_limit: z.number().int(),
  turns_left: z.number().int(),
  created_at: z.iso.datetime(),
  last_activity_at: z.iso.datetime(),
  ended_at: z.iso.datetime().nullable(),
};

export const sessionResponse = z.object({ session: z.object({ ...sessionFields, messages: z.array(message) }) });
export const sessionListResponse = z.object({ sessions: z.array(z.object(sessionFields)) });

export function sessionJson(view: SessionView) {
  return { ...sessionSummaryJson(view), messages: view.messages };
}

export function sessionSummaryJson(view: SessionView) {
  return {
    id: view.id,
    status: view.status,
    topic: view.topic,
    turn_count: view.turnCount,
    turn_limit: view.turnLimit,
    turns_left: Math.max(0, view.turnLimit - view.turnCount),
    created_at: view.createdAt,
    last_activity_at: view.lastActivityAt,
    ended_at: view.endedAt,
  };
}

/**
 * The 200 answer of the streaming operations: `text/event-stream` whose events are `turn`
 * (id `<turn>:0`), `token` (ids `<turn>:1…n`, data `{"text"}`), then `done` (id `<turn>:n+1`,
 * data with the turn count and the whole reply) or `error` (data `{"code","message"}`).
 */
export const eventStreamResponse = {
  description:
    'Server-sent events: `turn` {session_id, turn, turn_limit} (id `<turn>:0`), one `token` {text} per token (ids `<turn>:1`…`<turn>:n`), then `done` {session_id, turn, turn_count, turn_limit, turns_left, reply} (id `<turn>:n+1`), or `error` {code, message} if the reply could not be finished.',
  content: { 'text/event-stream': { schema: z.string() } },
};
