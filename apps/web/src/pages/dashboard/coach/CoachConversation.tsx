import { useId, useState, type FormEvent } from 'react';
import { FormError } from '../../../components/FormError';
import type { CoachSession } from './types';

interface Props {
  session?: CoachSession;
  streaming: boolean;
  error?: string;
  turnLimit: number;
  onStart(topic: string, message: string): Promise<void>;
  onSend(message: string): Promise<void>;
  onEnd(): Promise<void>;
  onClose(): void;
}

/**
 * The session on screen: its messages (the coach's reply grows as its tokens arrive, marked
 * `aria-busy` until the end), the turn count against the limit, and the form for the next message.
 */
export function CoachConversation({ session, streaming, error, turnLimit, onStart, onSend, onEnd, onClose }: Props) {
  const [text, setText] = useState('');
  const [topic, setTopic] = useState('');
  const messageId = useId();
  const topicId = useId();
  const open = session?.status === 'active';
  const limit = session?.turn_limit || turnLimit;
  const limitReached = open && session.id !== '' && session.turns_left === 0 && !streaming;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const message = text.trim();
    if (!message) return;
    setText('');
    if (session) await onSend(message);
    else await onStart(topic.trim(), message);
  }

  return (
    <section aria-labelledby="session-title" className="coach-session">
      <h2 id="session-title">{session ? `Session: ${session.topic}` : 'Start a session'}</h2>
      {session && (
        <p className="turns" aria-live="polite">
          Turns used: {session.turn_count} of {limit}
          {session.status !== 'active' && ` · ${session.status === 'ended' ? 'ended' : 'expired'}`}
        </p>
      )}
      {session && (
        <ol className="conversation" aria-label="Conversation">
          {session.messages.map((message, index) => (
            <li
              key={`${message.turn}-${message.role}-${index}`}
              className={`message ${message.role}`}
              aria-busy={message.streaming ? true : undefined}
            >
              <strong>{message.role === 'user' ? 'You' : 'Coach'}</strong>
              <p className="message-text">{message.content}</p>
            </li>
          ))}
        </ol>
      )}
      <FormError error={error} />
      {limitReached && (
        <p className="notice">This session has used all {limit} of its turns. End it and start a new one.</p>
      )}
      {(!session || (open && !limitReached)) && (
        <form onSubmit={submit} className="coach-form">
          {!session && (
            <div className="field">
              <label htmlFor={topicId}>Topic (optional)</label>
              <input
                id={topicId}
                value={topic}
                onChange={(e) => setTopic(e.target.value)}
                maxLength={200}
                placeholder="thumbnails, overlays, growth…"
              />
            </div>
          )}
          <div className="field">
            <label htmlFor={messageId}>{session ? 'Your message' : 'What would you like help with?'}</label>
            <textarea
              id={messageId}
              value={text}
              onChange={(e) => setText(e.target.value)}
              maxLength={2000}
              rows={3}
              required
            />
          </div>
          <button type="submit" className="button primary" disabled={streaming || !text.trim()}>
            {session ? 'Send' : 'Start session'}
          </button>
        </form>
      )}
      {session && (
        <p className="coach-actions">
          {open && session.id && (
            <button type="button" className="button" onClick={() => void onEnd()} disabled={streaming}>
              End session
            </button>
          )}
          {!open && (
            <button type="button" className="button" onClick={onClose}>
              New session
            </button>
          )}
        </p>
      )}
    </section>
  );
}
