/** The tiers of `users.tier` (its check constraint lists the same three). */
export const TIERS = ['free', 'pro', 'studio'] as const;
export type Tier = (typeof TIERS)[number];

export interface CoachAccess {
  /** Whether the tier may open coach sessions (tips are for every tier). */
  sessions: boolean;
  /** Turns (a message and its reply) per session; null where sessions are not allowed. */
  turnLimit: number | null;
}

/** What each tier may do with the coach: the one place these numbers live. */
export const COACH_ACCESS: Record<Tier, CoachAccess> = {
  free: { sessions: false, turnLimit: null },
  pro: { sessions: true, turnLimit: 10 },
  studio: { sessions: true, turnLimit: 25 },
};

/** The lowest tier that may open sessions, named in the refusal a free user gets. */
export const SESSIONS_FROM_TIER: Tier = 'pro';

export function coachAccess(tier: string): CoachAccess {
  return COACH_ACCESS[(TIERS as readonly string[]).includes(tier) ? (tier as Tier) : 'free'];
}
