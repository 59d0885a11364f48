import fp from 'fastify-plugin';
import type { FastifyError } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { clientDatabaseError } from './database-errors.ts';

/** Domain errors thrown by routes and services; the handler turns them into JSON answers. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    /** Headers the answer carries (Retry-After on a limit). */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

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
      const known = fromDatabase ?? (error instanceof HttpError ? error : undefined);
      if (known) {
        if (known.headers) reply.headers(known.headers);
        return reply
          .code(known.statusCode)
          .send({ error: { code: known.code, message: known.message, request_id, details: known.details } });
      }
      const status = error.statusCode ?? 500;
      if (status < 500) {
        // Fastify's own 4xx (malformed JSON, wrong content type, body too large).
        const code = status === 400 ? 'bad_request' : (error.code ?? 'client_error').toLowerCase();
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
