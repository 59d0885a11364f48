import { useCallback, useState } from 'react';
import { api, apiStream, ApiError } from '../../../api/client';
import type { ServerEvent } from '../../../api/event-stream';
import type { CoachMessage, CoachSession } from './types';

interface TurnEvent {
  session_id: string;
  turn: number;
  turn_limit: number;
}
interface DoneEvent {
  turn: number;
  turn_count: number;
  turn_limit: number;
  turns_left: number;
  reply: string;
}

/** A session being written before the API has named it (the first answer is still on its way). */
function draft(topic: string): CoachSession {
  const now = new Date().toISOString();
  return {
    id: '',
    status: 'active',
    topic,
    turn_count: 0,
    turn_limit: 0,
    turns_left: 0,
    created_at: now,
    last_activity_at: now,
    ended_at: null,
    messages: [],
  };
}

/**
 * The session on screen: start one, send messages whose replies stream in token by token,
 * end it, or open a past one. `onChange` runs after anything that changes the list of sessions.
 */
export function useCoachSession(onChange: () => void) {
  const [session, setSession] = useState<CoachSession>();
  const [streaming, setStreaming] = useState(false);
  const [error, setError] = useState<string>();

  const update = (change: (current: CoachSession) => CoachSession) =>
    setSession((current) => (current ? change(current) : current));

  const apply = useCallback((event: ServerEvent) => {
    if (event.event === 'turn') {
      const { session_id, turn, turn_limit } = event.data as TurnEvent;
      update((s) => ({
        ...s,
        id: session_id,
        turn_limit,
        messages: [...s.messages, { turn, role: 'coach', content: '', streaming: true }],
      }));
    } else if (event.event === 'token') {
      const { text } = event.data as { text: string };
      update((s) => ({
        ...s,
        messages: s.messages.map((m) => (m.streaming ? { ...m, content: m.content + text } : m)),
      }));
    } else if (event.event === 'done') {
      const done = event.data as DoneEvent;
      update((s) => ({
        ...s,
        turn_count: done.turn_count,
        turn_limit: done.turn_limit,
        turns_left: done.turns_left,
        messages: s.messages.map((m) => (m.streaming ? { ...m, content: done.reply, streaming: false } : m)),
      }));
    } else if (event.event === 'error') {
      setError((event.data as { message?: string }).message ?? 'The coach stopped answering. Try again.');
      update((s) => ({ ...s, messages: s.messages.map((m) => (m.streaming ? { ...m, streaming: false } : m)) }));
    }
  }, []);

  const converse = useCallback(
    async (path: string, body: Record<string, string>, userMessage: CoachMessage, base?: CoachSession) => {
      setError(undefined);
      setStreaming(true);
      setSession((current) => {
        const start = base ?? current!;
        return { ...start, messages: [...start.messages, userMessage] };
      });
      try {
        await apiStream(path, { method: 'POST', body }, apply);
      } catch (problem) {
        setError(problem instanceof ApiError ? problem.message : 'Something went wrong. Try again.');
        // The message was not taken: take it off the screen again (and a session never opened).
        if (base) setSession(undefined);
        else
          setSession(
            (current) => current && { ...current, messages: current.messages.filter((m) => m !== userMessage) },
          );
      } finally {
        setStreaming(false);
        onChange();
      }
    },
    [apply, onChange],
  );

  const start = useCallback(
    (topic: string, message: string) =>
      converse(
        '/coach/start',
        topic ? { topic, message } : { message },
        { turn: 1, role: 'user', content: message },
        draft(topic || 'general'),
      ),
    [converse],
  );

  const send = useCallback(
    (message: string) => {
      if (!session?.id) return Promise.resolve();
      return converse(
        `/coach/sessions/${session.id}/messages`,
        { message },
        { turn: session.turn_count + 1, role: 'user', content: message },
      );
    },
    [converse, session],
  );

  const run = useCallback(async (work: () => Promise<{ session: CoachSession }>) => {
    setError(undefined);
    try {
      setSession((await work()).session);
    } catch (problem) {
      setError(problem instanceof ApiError ? problem.message : 'Something went wrong. Try again.');
    }
  }, []);

  const end = useCallback(async () => {
    if (!session?.id) return;
    await run(() => api(`/coach/sessions/${session.id}/end`, { method: 'POST', auth: true }));
    onChange();
  }, [onChange, run, session]);

  const open = useCallback((id: string) => run(() => api(`/coach/sessions/${id}`, { auth: true })), [run]);

  const close = useCallback(() => {
    setSession(undefined);
    setError(undefined);
  }, []);

  return { session, streaming, error, start, send, end, open, close };
}
