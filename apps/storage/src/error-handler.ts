import fp from 'fastify-plugin';
import type { FastifyError } from 'fastify';
import { ZodError } from 'zod';
import { StorageError } from './errors.ts';

/** Postgres "data exception" class: input the database refused, e.g. a NUL byte in text. */
const isDataException = (error: unknown) =>
  typeof error === 'object' && error !== null && /^22[0-9A-Z]{3}$/.test(String((error as { code?: unknown }).code));

function describeValidation(error: FastifyError & { validationContext?: string }) {
  const where = error.validationContext ?? 'request';
  if (error instanceof ZodError) {
    return error.issues.map((issue) => `${[where, ...issue.path].join('.')}: ${issue.message}`).join('; ');
  }
  return error.message;
}

export default fp(
  async (app) => {
    app.setErrorHandler((error: FastifyError, request, reply) => {
      if (error instanceof StorageError) {
        return reply.code(error.statusCode).send(error.toBody());
      }
      if (error.validation || error instanceof ZodError) {
        const message = describeValidation(error);
        return reply.code(400).send({ statusCode: '400', code: 'InvalidRequest', error: 'InvalidRequest', message });
      }
      if (isDataException(error)) {
        return reply
          .code(400)
          .send({ statusCode: '400', code: 'InvalidRequest', error: 'InvalidRequest', message: 'Invalid input' });
      }
      const status = error.statusCode ?? 500;
      if (status >= 400 && status < 500) {
        // Fastify's own refusals: malformed JSON, unsupported content type, body too large.
        const code = error.code ?? 'InvalidRequest';
        return reply.code(status).send({ statusCode: String(status), code, error: error.name, message: error.message });
      }
      request.log.error({ err: error, requestId: request.id }, 'request failed');
      return reply.code(500).send({
        statusCode: '500',
        code: 'InternalError',
        error: 'internal',
        message: `Internal server error (request ${request.id})`,
      });
    });

    app.setNotFoundHandler((request, reply) =>
      reply.code(404).send({
        statusCode: '404',
        code: 'NotFound',
        error: 'not_found',
        message: `Route ${request.method}:${request.url.split('?')[0]} not found`,
      }),
    );
  },
  { name: 'error-handler' },
);
