import { describe, expect, test } from 'vitest';
import { eventId, formatEvent, parseEventId } from './event-stream.ts';

describe('server-sent events', () => {
  test('an event is id, event and one line of JSON data, ended by a blank line', () => {
    expect(formatEvent('token', { text: 'a\nb' }, '2:5')).toBe('id: 2:5\nevent: token\ndata: {"text":"a\\nb"}\n\n');
    expect(formatEvent('error', { code: 'x' })).toBe('event: error\ndata: {"code":"x"}\n\n');
  });

  test('event ids are <turn>:<sequence> and read back; anything else is not an id', () => {
    expect(parseEventId(eventId(3, 12))).toEqual({ turn: 3, sequence: 12 });
    expect(parseEventId(' 1:0 ')).toEqual({ turn: 1, sequence: 0 });
    for (const bad of [undefined, '', '3', '3:', ':4', '1:2:3', 'a:b', '-1:2'])
      expect(parseEventId(bad)).toBeUndefined();
  });
});
