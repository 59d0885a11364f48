/** The coach's API shapes, as the web app uses them. */

export interface CoachAccess {
  tier: string;
  tips: boolean;
  sessions: boolean;
  turn_limit: number | null;
  sessions_from_tier: string;
}

export interface CoachTip {
  id: string;
  category: string;
  title: string;
  body: string;
}

export interface CoachMessage {
  turn: number;
  role: 'user' | 'coach';
  content: string;
  at?: string;
  /** True while the coach's reply is still arriving. */
  streaming?: boolean;
}

export interface CoachSessionSummary {
  id: string;
  status: 'active' | 'ended' | 'expired';
  topic: string;
  turn_count: number;
  turn_limit: number;
  turns_left: number;
  created_at: string;
  last_activity_at: string;
  ended_at: string | null;
}

export interface CoachSession extends CoachSessionSummary {
  messages: CoachMessage[];
}
