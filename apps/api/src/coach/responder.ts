import { setTimeout as sleep } from 'node:timers/promises';

export interface CoachMessage {
  turn: number;
  role: 'user' | 'coach';
  content: string;
  at: string;
}

/** The caller's active brand kit, as far as the coach uses it. */
export interface BrandContext {
  name: string;
  /** `brand_kits.voice.tone`, when the kit has one. */
  tone?: string;
}

export interface CoachPrompt {
  topic: string;
  message: string;
  turn: number;
  turnLimit: number;
  brand?: BrandContext;
  /** Earlier turns of the session, oldest first. */
  history: CoachMessage[];
}

/**
 * Produces the coach's reply token by token. The local responder below implements it; a model
 * provider would implement the same interface and the routes would not change.
 */
export interface CoachResponder {
  reply(prompt: CoachPrompt): AsyncIterable<string>;
}

const ADVICE: { keywords: RegExp; lines: string[] }[] = [
  {
    keywords: /thumbnail|title|click/i,
    lines: [
      'Keep the thumbnail to three words and one clear subject.',
      'Check it at phone size: if you cannot read it there, neither can your viewers.',
    ],
  },
  {
    keywords: /overlay|scene|layout|camera|webcam/i,
    lines: [
      'Move the overlay to the edges and keep the middle third for the game.',
      'One alert style and one font family make the scene feel finished.',
    ],
  },
  {
    keywords: /grow|viewer|audience|follow|clip/i,
    lines: [
      'Cut three short clips from every stream and post them within a day.',
      'Ask one question of chat in the first ten minutes so newcomers have a way in.',
    ],
  },
  {
    keywords: /schedule|time|when|often/i,
    lines: [
      'Pick two or three fixed slots a week and put them on your panels.',
      'Consistency beats length: a regular two hours brings people back more than a rare eight.',
    ],
  },
];

const GENERAL = [
  'Start with the one thing a new viewer sees first, your thumbnail or your opening scene, and make it unmistakably yours.',
  'Then repeat the same colours and words everywhere else.',
];

/** The reply's text: a pure function of the prompt, so the same question gets the same answer. */
export function composeReply(prompt: CoachPrompt): string {
  const question = `${prompt.topic} ${prompt.message}`;
  const matched = ADVICE.filter((entry) => entry.keywords.test(question)).flatMap((entry) => entry.lines);
  const lines = matched.length > 0 ? matched : GENERAL;
  const brand = prompt.brand
    ? `For ${prompt.brand.name}${prompt.brand.tone ? `, in its ${prompt.brand.tone} voice` : ''}: `
    : '';
  const closing =
    prompt.turn >= prompt.turnLimit
      ? 'That was our last turn in this session; start a new one whenever you like.'
      : 'What would you like to work on next?';
  return `${brand}${lines.join(' ')} ${closing}`;
}

/** Splits text into word tokens that keep their trailing whitespace, so joining them gives the text back. */
export function tokenize(text: string): string[] {
  return text.match(/\S+\s*/g) ?? [];
}

/**
 * The deterministic local responder: composes the reply, then hands it out a word at a time
 * with a pause between words, the way a model streams.
 */
export class LocalResponder implements CoachResponder {
  constructor(private readonly tokenDelayMs: number) {}

  async *reply(prompt: CoachPrompt): AsyncIterable<string> {
    for (const token of tokenize(composeReply(prompt))) {
      if (this.tokenDelayMs > 0) await sleep(this.tokenDelayMs);
      yield token;
    }
  }
}
