-- Up Migration
-- A coach session's conversation and when it ended. While a session is open its state lives in
-- Redis; ending it writes the messages here, so past sessions stay readable.
alter table public.coach_sessions
  add column messages jsonb not null default '[]'
    constraint coach_sessions_messages_check check (jsonb_typeof(messages) = 'array'),
  add column ended_at timestamptz,
  add constraint coach_sessions_ended_at_check check ((status = 'ended') = (ended_at is not null));

-- Down Migration
alter table public.coach_sessions
  drop constraint coach_sessions_ended_at_check,
  drop column ended_at,
  drop column messages;
