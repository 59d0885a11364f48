import type { Readable } from 'node:stream';
import type { AxiosInstance, AxiosRequestConfig, AxiosResponse } from 'axios';

/** One server-sent event as a client saw it; `data` is parsed as JSON when it is JSON. */
export interface StreamedEvent {
  id?: string;
  event: string;
  data: any;
  /** Milliseconds from sending the request to this event's arrival. */
  receivedMs: number;
  /** Which network chunk (0-based) brought it: events that share one were held back together. */
  chunk: number;
}

export interface EventStreamExchange {
  /** `data` is the parsed JSON body when the answer was not an event stream (an error, say). */
  response: AxiosResponse;
  events: StreamedEvent[];
}

export interface ReadEventStreamOptions {
  /** Called per event; return `'stop'` to hang up (a client that goes away mid-reply). */
  onEvent?: (event: StreamedEvent, events: readonly StreamedEvent[]) => 'stop' | void;
}

/**
 * Sends a request whose answer is `text/event-stream` and reads it to its end (or until
 * `onEvent` stops it), recording when each event arrived. Through the given API client, so the
 * request carries a request id and counts for endpoint coverage.
 */
export async function readEventStream(
  api: AxiosInstance,
  config: AxiosRequestConfig,
  { onEvent }: ReadEventStreamOptions = {},
): Promise<EventStreamExchange> {
  const started = performance.now();
  const response = await api.request({ ...config, responseType: 'stream', decompress: true });
  const body = response.data as Readable;
  body.setEncoding('utf8'); // a multi-byte character split across chunks stays whole
  const events: StreamedEvent[] = [];
  if (!String(response.headers['content-type'] ?? '').startsWith('text/event-stream')) {
    const text = await readAll(body);
    response.data = parseJson(text);
    return { response, events };
  }
  const parser = new EventStreamParser();
  let chunk = 0;
  try {
    for await (const piece of body) {
      for (const parsed of parser.push(String(piece))) {
        const event = { ...parsed, receivedMs: performance.now() - started, chunk };
        events.push(event);
        if (onEvent?.(event, events) === 'stop') return { response, events };
      }
      chunk += 1;
    }
  } finally {
    body.destroy();
  }
  return { response, events };
}

/** Incremental parser of the event-stream format (fields `id`, `event`, `data`; comments ignored). */
export class EventStreamParser {
  private buffer = '';

  push(text: string): Omit<StreamedEvent, 'receivedMs' | 'chunk'>[] {
    this.buffer += text.replace(/\r\n?/g, '\n');
    const blocks = this.buffer.split('\n\n');
    this.buffer = blocks.pop() ?? '';
    return blocks.flatMap((block) => {
      const fields = { id: undefined as string | undefined, event: 'message', data: [] as string[] };
      for (const line of block.split('\n')) {
        if (line === '' || line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const name = colon === -1 ? line : line.slice(0, colon);
        const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (name === 'id') fields.id = value;
        else if (name === 'event') fields.event = value;
        else if (name === 'data') fields.data.push(value);
      }
      if (fields.data.length === 0 && fields.id === undefined) return [];
      return [{ id: fields.id, event: fields.event, data: parseJson(fields.data.join('\n')) }];
    });
  }
}

async function readAll(stream: Readable): Promise<string> {
  let text = '';
  for await (const piece of stream) text += String(piece);
  return text;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
