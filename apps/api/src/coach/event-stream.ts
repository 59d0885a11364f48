import { PassThrough } from 'node:stream';
import type { FastifyReply } from 'fastify';

/**
 * Headers that let tokens reach the client as they are written: no caching or transforming
 * proxies (`no-transform` also keeps compressing middleboxes off), no nginx buffering, and a
 * connection that stays open. The API itself never compresses.
 */
export const EVENT_STREAM_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  connection: 'keep-alive',
  'x-accel-buffering': 'no',
} as const;

/** A comment line every so often keeps idle proxies from closing a stream that waits. */
const HEARTBEAT_MS = 15_000;

/** One server-sent event in the wire format (`id`, `event`, one `data` line of JSON). */
export function formatEvent(event: string, data: unknown, id?: string): string {
  return `${id === undefined ? '' : `id: ${id}\n`}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/**
 * A `text/event-stream` answer. Writes after the client went away are dropped; whoever
 * produces the events keeps going (the reply is kept in Redis for a reconnect).
 */
export class EventStream {
  private readonly stream = new PassThrough();
  private readonly heartbeat: NodeJS.Timeout;
  private open = true;

  constructor(reply: FastifyReply) {
    reply.raw.on('close', () => this.close());
    reply.code(200).headers(EVENT_STREAM_HEADERS).send(this.stream);
    this.heartbeat = setInterval(() => this.write(': keep-alive\n\n'), HEARTBEAT_MS);
  }

  get clientConnected(): boolean {
    return this.open;
  }

  send(event: string, data: unknown, id?: string): void {
    this.write(formatEvent(event, data, id));
  }

  end(): void {
    if (this.open) this.stream.end();
    this.close();
  }

  private write(chunk: string): void {
    if (this.open) this.stream.write(chunk);
  }

  private close(): void {
    this.open = false;
    clearInterval(this.heartbeat);
  }
}

/** Event ids are `<turn>:<sequence>`: 0 opens the turn, 1…n are its tokens, n+1 is `done`. */
export function eventId(turn: number, sequence: number): string {
  return `${turn}:${sequence}`;
}

export function parseEventId(value: string | undefined): { turn: number; sequence: number } | undefined {
  const match = value === undefined ? null : /^(\d{1,6}):(\d{1,6})$/.exec(value.trim());
  return match ? { turn: Number(match[1]), sequence: Number(match[2]) } : undefined;
}
