import {
  type createApiClient,
  readEventStream,
  type ReadEventStreamOptions,
  type StreamedEvent,
} from '@streamkit/e2e-fixtures';
import { expect } from '@streamkit/e2e-fixtures/vitest';

// The fixtures' axios, not whichever copy this package would resolve.
type AxiosInstance = ReturnType<typeof createApiClient>;

export const COACH = '/api/v1/coach';
/** Turns per session by tier, from the product's specification (not read from the API). */
export const TURN_LIMITS = { pro: 10, studio: 25 } as const;

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

export const startSession = (
  api: AxiosInstance,
  token: string,
  data: { message: string; topic?: string },
  options?: ReadEventStreamOptions,
) => readEventStream(api, { method: 'POST', url: `${COACH}/start`, data, headers: bearer(token) }, options);

export const sendMessage = (
  api: AxiosInstance,
  token: string,
  sessionId: string,
  message: string,
  options?: ReadEventStreamOptions,
) =>
  readEventStream(
    api,
    { method: 'POST', url: `${COACH}/sessions/${sessionId}/messages`, data: { message }, headers: bearer(token) },
    options,
  );

export interface Reply {
  sessionId: string;
  turn: number;
  tokens: string[];
  done: { turn_count: number; turn_limit: number; turns_left: number; reply: string };
}

/**
 * Checks one streamed turn event by event: `turn` (id `<turn>:0`), tokens with consecutive ids
 * `<turn>:1…n`, then `done` (id `<turn>:n+1`) whose reply is exactly the tokens joined.
 */
export function expectReply(events: StreamedEvent[], turn: number): Reply {
  expect(
    events.map((e) => e.event),
    'event order',
  ).toEqual(['turn', ...Array(events.length - 2).fill('token'), 'done']);
  expect(
    events.map((e) => e.id),
    'event ids',
  ).toEqual(events.map((_, index) => `${turn}:${index}`));
  const [opened, ...rest] = events;
  expect(opened!.data).toMatchObject({ session_id: expect.any(String), turn });
  const tokens = rest.slice(0, -1).map((e) => e.data.text as string);
  expect(tokens.length, 'tokens in the reply').toBeGreaterThan(3);
  const done = events.at(-1)!.data;
  expect(done).toMatchObject({ session_id: opened!.data.session_id, turn, reply: tokens.join('') });
  return { sessionId: opened!.data.session_id, turn, tokens, done };
}
