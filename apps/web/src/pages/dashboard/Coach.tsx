import { useCallback, useEffect, useState } from 'react';
import { api, ApiError } from '../../api/client';
import { FormError } from '../../components/FormError';
import { CoachConversation } from './coach/CoachConversation';
import type { CoachAccess, CoachSessionSummary, CoachTip } from './coach/types';
import { useCoachSession } from './coach/useCoachSession';

/** The AI coach: tips for every tier, and sessions whose answers stream in, for tiers that have them. */
export default function CoachPage({ title }: { title: string }) {
  const [access, setAccess] = useState<CoachAccess>();
  const [tips, setTips] = useState<CoachTip[]>([]);
  const [past, setPast] = useState<CoachSessionSummary[]>([]);
  const [loadError, setLoadError] = useState<string>();

  const loadSessions = useCallback(async () => {
    try {
      setPast((await api<{ sessions: CoachSessionSummary[] }>('/coach/sessions', { auth: true })).sessions);
    } catch (error) {
      setLoadError(error instanceof ApiError ? error.message : 'Could not load your sessions.');
    }
  }, []);
  const coach = useCoachSession(loadSessions);

  useEffect(() => {
    void (async () => {
      try {
        const [accessAnswer, tipsAnswer] = await Promise.all([
          api<CoachAccess>('/coach/access', { auth: true }),
          api<{ tips: CoachTip[] }>('/coach/tips', { auth: true }),
        ]);
        setAccess(accessAnswer);
        setTips(tipsAnswer.tips);
        if (accessAnswer.sessions) await loadSessions();
      } catch (error) {
        setLoadError(error instanceof ApiError ? error.message : 'Could not load the coach.');
      }
    })();
  }, [loadSessions]);

  return (
    <section aria-labelledby="page-title" className="coach">
      <h1 id="page-title">{title}</h1>
      <FormError error={loadError} />
      {!access && !loadError && <p className="loading">Loading…</p>}
      {access && (
        <p className="muted">
          Your tier: <strong>{access.tier}</strong>
          {access.sessions ? ` · ${access.turn_limit} turns per session` : ''}
        </p>
      )}
      {access && !access.sessions && (
        <p className="notice">
          Coach sessions come with the {access.sessions_from_tier} tier. The tips below are yours on every tier.
        </p>
      )}
      {access?.sessions && (
        <CoachConversation
          session={coach.session}
          streaming={coach.streaming}
          error={coach.error}
          turnLimit={access.turn_limit ?? 0}
          onStart={coach.start}
          onSend={coach.send}
          onEnd={coach.end}
          onClose={coach.close}
        />
      )}
      {access?.sessions && past.length > 0 && (
        <section aria-labelledby="past-title">
          <h2 id="past-title">Your sessions</h2>
          <ul className="past-sessions">
            {past.map((session) => (
              <li key={session.id}>
                <button type="button" className="link-button" onClick={() => void coach.open(session.id)}>
                  {session.topic} · {new Date(session.created_at).toLocaleString()} · {session.turn_count} of{' '}
                  {session.turn_limit} turns · {session.status}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      {tips.length > 0 && (
        <section aria-labelledby="tips-title">
          <h2 id="tips-title">Tips</h2>
          <ul className="tips">
            {tips.map((tip) => (
              <li key={tip.id}>
                <h3>{tip.title}</h3>
                <p>{tip.body}</p>
              </li>
            ))}
          </ul>
        </section>
      )}
    </section>
  );
}
