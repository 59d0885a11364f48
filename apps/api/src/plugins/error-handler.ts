import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import fp from 'fastify-plugin';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { clientDatabaseError, databaseUnavailable } from './database-errors.ts';

/** Domain errors thrown by routes and services; the handler turns them into JSON answers. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    /** Which request fields are wrong, as validation failures list them (`body.file`, …). */
    readonly fields?: { field: string; message: string }[],
    /** Headers the answer carries (Retry-After on a limit). */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

/** Fastify's own refusals, under the names the document and the other answers use. */
const FASTIFY_CODES: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'body_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
};

export default fp(
  async (app) => {
    app.setErrorHandler((error: FastifyError, req, reply) => {
      const request_id = req.id;
      if (hasZodFastifySchemaValidationErrors(error)) {
        const fields = error.validation.map((issue) => ({
          field: [error.validationContext, issue.instancePath.replace(/^\//, '').replaceAll('/', '.')]
            .filter(Boolean)
            .join('.'),
          message: issue.message,
        }));
        return reply.code(422).send({
          error: { code: 'validation_failed', message: 'The request is invalid', request_id, fields },
        });
      }
      const fromDatabase = clientDatabaseError(error);
      if (fromDatabase) req.log.warn({ err: error, request_id }, 'input reached the database unvalidated');
      const unavailable = databaseUnavailable(error);
      if (unavailable) req.log.error({ err: error, request_id }, 'database unavailable');
      const known = fromDatabase ?? unavailable ?? (error instanceof HttpError ? error : undefined);
      if (known) {
        if (known.headers) reply.headers(known.headers);
        return reply.code(known.statusCode).send({
          error: {
            code: known.code,
            message: known.message,
            request_id,
            details: known.details,
            fields: known.fields,
          },
        });
      }
      const status = error.statusCode ?? 500;
      if (status < 500) {
        // Fastify's own 4xx (malformed JSON, wrong content type, body too large).
        const code =
          status === 400 ? 'bad_request' : (FASTIFY_CODES[error.code] ?? (error.code ?? 'client_error').toLowerCase());
        return reply.code(status === 400 ? 422 : status).send({ error: { code, message: error.message, request_id } });
      }
      req.log.error({ err: error, request_id }, 'unhandled error');
      return reply
        .code(500)
        .send({ error: { code: 'internal', message: 'Something went wrong on our side', request_id } });
    });

    app.setNotFoundHandler((req, reply) =>
      reply.code(404).send({
        error: { code: 'not_found', message: `No route for ${req.method} ${req.url}`, request_id: req.id },
      }),
    );
  },
  { name: 'error-handler' },
);

/**
 * Answers requests Node rejects before Fastify sees them (headers too large, a malformed request
 * line) in the same JSON envelope as every other error; Fastify's default writes its own shape.
 * There is no request yet, so the request id is a fresh one. Passed as Fastify's `clientErrorHandler`.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code, message] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'headers_too_large', 'The request line and headers are larger than the server accepts']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'request_timeout', 'The request took too long to arrive']
        : [400, 'bad_request', 'The request is not valid HTTP'];
  const body = JSON.stringify({ error: { code, message, request_id: randomUUID() } });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}

/**
 * Fastify's `frameworkErrors`: the router refuses a URL it cannot decode before any route (or
 * the error handler above, whose context does not exist yet) is chosen.
 */
export function badUrlHandler(error: FastifyError, req: FastifyRequest, reply: FastifyReply): void {
  void reply.code(400).send({ error: { code: 'bad_url', message: error.message, request_id: req.id } });
}
