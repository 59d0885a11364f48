import { describe, expect, test } from 'vitest';
import { composeReply, LocalResponder, tokenize, type CoachPrompt } from './responder.ts';

const prompt: CoachPrompt = {
  topic: 'general',
  message: 'How do I make better thumbnails?',
  turn: 1,
  turnLimit: 10,
  history: [],
};

async function collect(tokens: AsyncIterable<string>): Promise<string[]> {
  const all: string[] = [];
  for await (const token of tokens) all.push(token);
  return all;
}

describe('the local coach responder', () => {
  test('answers the same prompt the same way, on the subject asked about', () => {
    expect(composeReply(prompt)).toBe(composeReply({ ...prompt }));
    expect(composeReply(prompt)).toMatch(/thumbnail/i);
    expect(composeReply({ ...prompt, message: 'When should I stream?' })).toMatch(/slots a week/);
  });

  test('speaks for the active brand kit, in its tone, when there is one', () => {
    expect(composeReply({ ...prompt, brand: { name: 'Neon Nights', tone: 'playful' } })).toMatch(
      /^For Neon Nights, in its playful voice: /,
    );
    expect(composeReply(prompt)).not.toMatch(/^For /);
  });

  test('says so on the last turn', () => {
    expect(composeReply({ ...prompt, turn: 10 })).toMatch(/last turn/);
    expect(composeReply({ ...prompt, turn: 9 })).not.toMatch(/last turn/);
  });

  test('streams word tokens that join back into the reply', async () => {
    const tokens = await collect(new LocalResponder(0).reply(prompt));
    expect(tokens.length).toBeGreaterThan(10);
    expect(tokens.join('')).toBe(composeReply(prompt));
    expect(tokenize('a  b\nc')).toEqual(['a  ', 'b\n', 'c']);
  });
});
