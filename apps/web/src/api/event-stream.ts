/** One server-sent event: its id, name and JSON data. */
export interface ServerEvent {
  id?: string;
  event: string;
  data: unknown;
}

/**
 * Splits a `text/event-stream` body into events as its chunks arrive: feed it text, get back the
 * events completed so far. Comment lines (keep-alives) are skipped; data is parsed as JSON.
 */
export class EventStreamParser {
  private buffer = '';

  push(text: string): ServerEvent[] {
    this.buffer += text.replace(/\r\n?/g, '\n');
    const blocks = this.buffer.split('\n\n');
    this.buffer = blocks.pop() ?? '';
    const events: ServerEvent[] = [];
    for (const block of blocks) {
      let id: string | undefined;
      let event = 'message';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line === '' || line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const name = colon === -1 ? line : line.slice(0, colon);
        const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (name === 'id') id = value;
        else if (name === 'event') event = value;
        else if (name === 'data') data.push(value);
      }
      if (data.length > 0) events.push({ id, event, data: parseData(data.join('\n')) });
    }
    return events;
  }
}

function parseData(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Reads a streamed answer to its end, handing each event over the moment it is complete. */
export async function readEvents(
  body: ReadableStream<Uint8Array>,
  onEvent: (event: ServerEvent) => void,
): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder(); // `stream: true` keeps a character split across chunks whole
  const parser = new EventStreamParser();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    for (const event of parser.push(decoder.decode(value, { stream: true }))) onEvent(event);
  }
}
