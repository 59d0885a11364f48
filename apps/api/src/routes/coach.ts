import fp from 'fastify-plugin';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { bearerAuth, errorResponse } from '../auth/schemas.ts';
import { CoachService } from '../coach/coach-service.ts';
import { EventStream, parseEventId } from '../coach/event-stream.ts';
import { LocalResponder } from '../coach/responder.ts';
import {
  accessResponse,
  eventStreamResponse,
  messageBody,
  sessionId,
  sessionJson,
  sessionListResponse,
  sessionResponse,
  sessionSummaryJson,
  startBody,
  tipsResponse,
} from '../coach/schemas.ts';
import { SessionStore } from '../coach/session-store.ts';
import { COACH_TIPS } from '../coach/tips.ts';
import { SESSIONS_FROM_TIER } from '../coach/tiers.ts';
import { HttpError } from '../plugins/error-handler.ts';

export const COACH_PREFIX = '/api/v1/coach';

const tags = ['coach'];
// Every coach operation needs Redis or the database (and the bearer check itself reads Redis).
const unavailable = { 503: errorResponse };

/** The AI coach: tips for every tier, and tier-gated sessions whose replies stream as server-sent events. */
export default fp(
  async (app) => {
    const coach = new CoachService(
      app.db,
      new SessionStore(app.redis),
      new LocalResponder(app.config.COACH_TOKEN_DELAY_MS),
      app.log,
    );
    const routes = app.withTypeProvider<ZodTypeProvider>();

    routes.get(
      `${COACH_PREFIX}/tips`,
      {
        schema: {
          operationId: 'getCoachTips',
          summary: 'Coaching tips (every tier)',
          tags,
          security: bearerAuth,
          response: { 200: tipsResponse, 401: errorResponse, ...unavailable },
        },
      },
      async (req, reply) => {
        const { tier } = await coach.access(req.auth!.userId);
        return reply.code(200).send({ tier: tier as z.infer<typeof tipsResponse>['tier'], tips: [...COACH_TIPS] });
      },
    );

    routes.get(
      `${COACH_PREFIX}/access`,
      {
        schema: {
          operationId: 'getCoachAccess',
          summary: "What the caller's tier may do with the coach",
          tags,
          security: bearerAuth,
          response: { 200: accessResponse, 401: errorResponse, ...unavailable },
        },
      },
      async (req, reply) => {
        const { tier, access } = await coach.access(req.auth!.userId);
        return reply.code(200).send({
          tier: tier as z.infer<typeof accessResponse>['tier'],
          tips: true,
          sessions: access.sessions,
          turn_limit: access.turnLimit,
          sessions_from_tier: SESSIONS_FROM_TIER,
        });
      },
    );

    routes.post(
      `${COACH_PREFIX}/start`,
      {
        schema: {
          operationId: 'startCoachSession',
          summary: 'Open a coach session and stream the answer to its first message',
          description:
            'Needs a tier with coach sessions (403 otherwise). The first event, `turn`, carries the new session id.',
          tags,
          security: bearerAuth,
          body: startBody,
          response: {
            200: eventStreamResponse,
            401: errorResponse,
            403: errorResponse,
            422: errorResponse,
            ...unavailable,
          },
        },
      },
      async (req, reply) => {
        const turn = await coach.start(req.auth!.userId, req.body.topic, req.body.message);
        void coach.answer(new EventStream(reply), turn);
        return reply;
      },
    );

    routes.post(
      `${COACH_PREFIX}/sessions/:id/messages`,
      {
        schema: {
          operationId: 'sendCoachMessage',
          summary: 'Send a message in an open session and stream the reply',
          description:
            'Each message takes one turn; past the tier’s turn limit the answer is 409 `turn_limit_reached` and the session stays readable.',
          tags,
          security: bearerAuth,
          params: sessionId,
          body: messageBody,
          response: {
            200: eventStreamResponse,
            401: errorResponse,
            404: errorResponse,
            409: errorResponse,
            422: errorResponse,
            ...unavailable,
          },
        },
      },
      async (req, reply) => {
        const turn = await coach.reserve(req.auth!.userId, req.params.id, req.body.message);
        void coach.answer(new EventStream(reply), turn);
        return reply;
      },
    );

    routes.get(
      `${COACH_PREFIX}/sessions/:id/stream`,
      {
        schema: {
          operationId: 'resumeCoachStream',
          summary: 'Reconnect to the latest reply of an open session',
          description:
            'With `Last-Event-ID: <turn>:<n>` only the events after it are sent (no token twice), including tokens still being produced; without it, the latest turn from its start.',
          tags,
          security: bearerAuth,
          params: sessionId,
          headers: z.object({ 'last-event-id': z.string().max(32).optional() }),
          response: {
            200: eventStreamResponse,
            401: errorResponse,
            404: errorResponse,
            409: errorResponse,
            422: errorResponse,
            ...unavailable,
          },
        },
      },
      async (req, reply) => {
        const { userId } = req.auth!;
        const session = await coach.openSession(userId, req.params.id);
        if (!session) {
          const closed = await coach.get(userId, req.params.id); // 404 when it is not the caller's
          throw new HttpError(
            409,
            `session_${closed.status}`,
            'This coach session is no longer open; read it with GET instead',
          );
        }
        const header = req.headers['last-event-id'];
        const last = header === undefined ? undefined : parseEventId(header);
        if (header !== undefined && (!last || last.turn < 1 || last.turn > session.turnCount)) {
          throw new HttpError(
            422,
            'invalid_last_event_id',
            `Last-Event-ID must be <turn>:<n> for a turn of this session (1…${session.turnCount})`,
          );
        }
        if (session.turnCount === 0) throw new HttpError(409, 'nothing_to_resume', 'This session has no reply yet');
        void coach.resume(new EventStream(reply), session, last?.turn ?? session.turnCount, last?.sequence);
        return reply;
      },
    );

    routes.get(
      `${COACH_PREFIX}/sessions`,
      {
        schema: {
          operationId: 'listCoachSessions',
          summary: "The caller's coach sessions, most recently active first (at most 20)",
          tags,
          security: bearerAuth,
          response: { 200: sessionListResponse, 401: errorResponse, ...unavailable },
        },
      },
      async (req, reply) => {
        const sessions = await coach.list(req.auth!.userId, 20);
        return reply.code(200).send({ sessions: sessions.map(sessionSummaryJson) });
      },
    );

    routes.get(
      `${COACH_PREFIX}/sessions/:id`,
      {
        schema: {
          operationId: 'getCoachSession',
          summary: 'A coach session: its state and its messages',
          tags,
          security: bearerAuth,
          params: sessionId,
          response: {
            200: sessionResponse,
            401: errorResponse,
            404: errorResponse,
            422: errorResponse,
            ...unavailable,
          },
        },
      },
      async (req, reply) =>
        reply.code(200).send({ session: sessionJson(await coach.get(req.auth!.userId, req.params.id)) }),
    );

    routes.post(
      `${COACH_PREFIX}/sessions/:id/end`,
      {
        schema: {
          operationId: 'endCoachSession',
          summary: 'End a session: its conversation is saved and it takes no more messages',
          tags,
          security: bearerAuth,
          params: sessionId,
          response: {
            200: sessionResponse,
            401: errorResponse,
            404: errorResponse,
            409: errorResponse,
            422: errorResponse,
            ...unavailable,
          },
        },
      },
      async (req, reply) =>
        reply.code(200).send({ session: sessionJson(await coach.end(req.auth!.userId, req.params.id)) }),
    );
  },
  { name: 'coach-routes', dependencies: ['auth', 'database', 'redis'] },
);
