import { clearSession, readSession, writeSession } from '../session/storage';
import { readEvents, type ServerEvent } from './event-stream';
import type { StoredSession } from '../session/key';

/** An API failure as the UI shows it: the API's own message, and per-field messages for 422s. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Field name (without the `body.` prefix) → message. */
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
  }
}

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** JSON, or FormData for a multipart upload. */
  body?: unknown;
  /** Sends the session's access token, refreshing it once when the API answers 401. */
  auth?: boolean;
}

/**
 * Calls the API on the web app's own origin (the dev and preview servers proxy `/api`), and
 * returns the parsed JSON body, or undefined for an empty answer.
 * @throws ApiError for any non-2xx answer or when the API cannot be reached.
 */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  let response = await send(path, options, readSession());
  if (response.status === 401 && options.auth) {
    const refreshed = await refreshOnce();
    if (refreshed) response = await send(path, options, refreshed);
  }
  return parse<T>(response);
}

/**
 * Calls an operation that answers `text/event-stream` and hands over each event as it arrives;
 * resolves when the stream ends. Signed in like `api` with `auth: true` (one refresh on 401).
 * @throws ApiError when the API refuses (its JSON error) or cannot be reached.
 */
export async function apiStream(
  path: string,
  options: Omit<RequestOptions, 'auth'>,
  onEvent: (event: ServerEvent) => void,
): Promise<void> {
  const stream = { ...options, auth: true, accept: 'text/event-stream' };
  let response = await send(path, stream, readSession());
  if (response.status === 401) {
    const refreshed = await refreshOnce();
    if (refreshed) response = await send(path, stream, refreshed);
  }
  if (!response.ok) await parse(response); // throws the API's error
  if (!response.body) return;
  try {
    await readEvents(response.body, onEvent);
  } catch {
    throw new ApiError(0, 'network', 'The connection dropped while the answer was streaming. Try again.');
  }
}

async function send(
  path: string,
  { method = 'GET', body, auth, accept = 'application/json' }: RequestOptions & { accept?: string },
  session?: StoredSession,
): Promise<Response> {
  const headers: Record<string, string> = { accept };
  // A FormData body (an upload) sets its own multipart content type and boundary.
  const multipart = body instanceof FormData;
  if (body !== undefined && !multipart) headers['content-type'] = 'application/json';
  if (auth && session) headers.authorization = `Bearer ${session.access_token}`;
  try {
    const payload = body === undefined ? undefined : multipart ? body : JSON.stringify(body);
    return await fetch(`/api/v1${path}`, { method, headers, body: payload });
  } catch {
    throw new ApiError(0, 'network', 'Could not reach StreamKit. Check your connection and try again.');
  }
}

// Several requests can hit 401 at once; they share one refresh, as a rotated refresh token
// cannot be used twice.
let refreshing: Promise<StoredSession | undefined> | undefined;

function refreshOnce(): Promise<StoredSession | undefined> {
  refreshing ??= (async () => {
    const session = readSession();
    if (!session) return undefined;
    try {
      const tokens = await parse<StoredSession>(
        await send('/auth/refresh', { method: 'POST', body: { refresh_token: session.refresh_token } }),
      );
      writeSession(tokens);
      return tokens;
    } catch {
      clearSession();
      return undefined;
    }
  })().finally(() => (refreshing = undefined));
  return refreshing;
}

async function parse<T>(response: Response): Promise<T> {
  const text = await response.text();
  const data = text ? safeJson(text) : undefined;
  if (response.ok) return data as T;
  const error = (data as { error?: { code?: string; message?: string; fields?: unknown } } | undefined)?.error;
  throw new ApiError(
    response.status,
    error?.code ?? 'http_error',
    error?.message ?? `The server answered ${response.status}. Try again in a moment.`,
    fieldMessages(error?.fields),
  );
}

function fieldMessages(fields: unknown): Record<string, string> {
  if (!Array.isArray(fields)) return {};
  const messages: Record<string, string> = {};
  for (const item of fields as { field?: string; message?: string }[]) {
    if (!item.field || !item.message) continue;
    messages[item.field.replace(/^body\./, '')] ??= item.message;
  }
  return messages;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
