import { describe, expect, test } from 'vitest';
import { EventStreamParser } from './event-stream';

describe('EventStreamParser', () => {
  test('hands out each event once it is complete, across chunk boundaries', () => {
    const parser = new EventStreamParser();
    expect(parser.push('id: 1:1\nevent: tok')).toEqual([]);
    expect(parser.push('en\ndata: {"text":"Hi "}\n\nid: 1:2\nevent: token\ndata: {"te')).toEqual([
      { id: '1:1', event: 'token', data: { text: 'Hi ' } },
    ]);
    expect(parser.push('xt":"there"}\n\n')).toEqual([{ id: '1:2', event: 'token', data: { text: 'there' } }]);
  });

  test('skips keep-alive comments, reads CRLF, keeps non-JSON data as text', () => {
    const parser = new EventStreamParser();
    expect(parser.push(': keep-alive\r\n\r\nevent: note\r\ndata: plain words\r\n\r\n')).toEqual([
      { id: undefined, event: 'note', data: 'plain words' },
    ]);
  });
});
