import type { FastifyInstance } from 'fastify';

/** Health for the stack: 200 once the database answers, 503 while it does not. */
export default async function statusRoutes(app: FastifyInstance) {
  app.get('/status', { config: { public: true } }, async (request, reply) => {
    try {
      await app.metadata.ping();
    } catch (error) {
      request.log.warn({ err: error }, 'status: database does not answer');
      return reply.code(503).send({
        statusCode: '503',
        code: 'DatabaseUnavailable',
        error: 'unavailable',
        message: 'The database does not answer',
      });
    }
    return { status: 'ok' };
  });
}
