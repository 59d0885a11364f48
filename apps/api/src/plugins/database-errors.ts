import { HttpError } from './error-handler.ts';

/**
 * A safety net under validation: PostgreSQL errors a client's input can cause, as 4xx answers.
 * Route schemas should refuse such input first (422 naming the field); reaching this means one
 * did not, so it is logged by the caller. Everything else from PostgreSQL stays a 500.
 */
export function clientDatabaseError(error: unknown): HttpError | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code) || !isPostgresError(error)) return undefined;
  // Class 22, data exception: a value the column's type refuses (NUL in text, a bad uuid, overflow).
  if (code.startsWith('22'))
    return new HttpError(422, 'invalid_value', 'A value in the request cannot be stored', { sqlstate: code });
  switch (code) {
    case '23502': // not_null_violation
    case '23514': // check_violation
      return new HttpError(422, 'invalid_value', 'A value in the request breaks a rule of the data', {
        sqlstate: code,
      });
    case '23503': // foreign_key_violation: points at something that is not there
      return new HttpError(422, 'invalid_reference', 'The request refers to something that does not exist', {
        sqlstate: code,
      });
    case '23505': // unique_violation
      return new HttpError(409, 'conflict', 'That already exists', { sqlstate: code });
    default:
      return undefined;
  }
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EPIPE']);

/**
 * The database cannot serve the request right now: down, restarting, out of connections, or the
 * pool had no connection to give within its timeout. 503, not 500: nothing is wrong with the
 * request or the code, and trying again shortly may work.
 */
export function databaseUnavailable(error: unknown): HttpError | undefined {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  const unavailable =
    (typeof code === 'string' && (UNREACHABLE.has(code) || /^(08|57P0[1-3]|53300)/.test(code))) ||
    (typeof message === 'string' && /^(timeout exceeded when trying to connect|Connection terminated)/.test(message));
  if (!unavailable) return undefined;
  return new HttpError(503, 'unavailable', 'A service the API needs is unavailable; try again shortly', {
    dependency: 'database',
  });
}

/** pg's DatabaseError, recognised by shape: it carries the server's severity beside the code. */
function isPostgresError(error: unknown): boolean {
  return error instanceof Error && typeof (error as { severity?: unknown }).severity === 'string';
}
