import type { FastifySchema } from 'fastify';
import { errorResponse } from '../auth/schemas.ts';
import { requiresBearer } from './auth.ts';

type Responses = Record<string, unknown>;

/**
 * Why a route cannot be described exactly, or undefined when it can: every documented operation
 * names itself (`operationId`) and says who may call it (`security`, `[]` when anyone may), so
 * the auth sweep reads that rather than guessing it from a missing requirement.
 */
export function undocumentedRoute(schema: FastifySchema | undefined): string | undefined {
  const declared = schema as { hide?: boolean; operationId?: unknown; security?: unknown } | undefined;
  if (declared?.hide) return undefined;
  if (typeof declared?.operationId !== 'string') return 'it has no operationId';
  if (!Array.isArray(declared.security))
    return 'it declares no security (bearerAuth, or publicAccess when anyone may call it)';
  return undefined;
}

/**
 * The route's responses plus the ones the shared machinery gives on its behalf, for the document
 * only (the route's serializers stay as written). A status the route already declares keeps the
 * route's own wording.
 * - `auth` guards a secured route: 401 without a valid token, 503 when the session cannot be checked;
 * - validation refuses bad params, query or body with 422; the body parsers refuse a body of
 *   another media type with 415 and one over the size limit with 413;
 * - the HTTP layer refuses a malformed or oversized request before any route runs (`4XX`), and
 *   anything unexpected is a 500 (`default`), both in the same error envelope.
 */
export function withSharedAnswers(schema: FastifySchema): FastifySchema {
  const shared: Responses = {};
  if (requiresBearer(schema)) {
    shared['401'] = errorResponse.describe('No valid access token, or its session has ended');
    shared['503'] = errorResponse.describe('The session cannot be checked right now; try again shortly');
  }
  if (schema.body) {
    shared['413'] = errorResponse.describe('The body is larger than the API accepts');
    shared['415'] = errorResponse.describe("The body's Content-Type is not one this operation takes");
  }
  if (schema.body || schema.params || schema.querystring) {
    shared['422'] = errorResponse.describe('The request is invalid; `error.fields` names each wrong field');
  }
  shared['4xx'] = errorResponse.describe(
    'Refused before any route ran: a malformed request (400), one that took too long to arrive (408), ' +
      'or headers larger than the server accepts (431)',
  );
  shared.default = errorResponse.describe('An unexpected failure on our side (500 internal)');
  return { ...schema, response: { ...shared, ...(schema.response as Responses | undefined) } };
}
