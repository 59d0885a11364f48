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
  if (code.startsWith('22')) return new HttpError(422, 'invalid_value', 'A value in the request cannot be stored', { sqlstate: code });
  switch (code) {
    case '23502': // not_null_violation
    case '23514': // check_violation
      return new HttpError(422, 'invalid_value', 'A value in the request breaks a rule of the data', { sqlstate: code });
    case '23503': // foreign_key_violation: points at something that is not there
      return new HttpError(422, 'invalid_reference', 'The request refers to something that does not exist', { sqlstate: code });
    case '23505': // unique_violation
      return new HttpError(409, 'conflict', 'That already exists', { sqlstate: code });
    default:
      return undefined;
  }
}

/** pg's DatabaseError, recognised by shape: it carries the server's severity beside the code. */
function isPostgresError(error: unknown): boolean {
  return error instanceof Error && typeof (error as { severity?: unknown }).severity === 'string';
}
