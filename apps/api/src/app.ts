import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { ApiConfig } from './config.ts';
import errorHandler, { badUrlHandler, clientErrorHandler } from './plugins/error-handler.ts';
import openapi from './plugins/openapi.ts';
import bodyParsers from './plugins/body-parsers.ts';
import database from './plugins/database.ts';
import redis from './plugins/redis.ts';
import storage from './plugins/storage.ts';
import mailer from './plugins/mailer.ts';
import queue from './plugins/queue.ts';
import auth from './plugins/auth.ts';
import logos from './plugins/logos.ts';
import healthRoutes from './routes/health.ts';
import authRoutes from './routes/auth.ts';
import passwordResetRoutes from './routes/password-reset.ts';
import oauthRoutes from './routes/oauth.ts';
import brandKitRoutes from './routes/brand-kits.ts';
import logoRoutes from './routes/logos.ts';
import generationRoutes from './routes/generation.ts';
import assetRoutes from './routes/assets.ts';
import twitchRoutes from './routes/twitch.ts';
import accountRoutes from './routes/account.ts';
import coachRoutes from './routes/coach.ts';

export async function buildApp(config: ApiConfig) {
  const app = Fastify({
    logger: { level: config.LOG_LEVEL },
    // Honour a caller's request id so a test failure and the server log can be matched.
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,128}$/.test(given) ? given : randomUUID();
    },
    // Oversized headers and broken HTTP get the JSON error envelope too,
    clientErrorHandler,
    // and so does a URL the router cannot decode (`%ED%A0%80`).
    frameworkErrors: badUrlHandler,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });

  app.decorate('config', config);
  await app.register(errorHandler);
  await app.register(bodyParsers);
  await app.register(openapi);
  // External resources first, then routes (fastify/demo order).
  await app.register(database);
  await app.register(redis);
  await app.register(storage);
  await app.register(mailer);
  await app.register(queue);
  // App services (auth also enforces `security: bearerAuth` on every route registered after it).
  await app.register(auth);
  await app.register(logos);
  await app.register(healthRoutes);
  await app.register(authRoutes);
  await app.register(passwordResetRoutes);
  await app.register(oauthRoutes);
  await app.register(brandKitRoutes);
  await app.register(logoRoutes);
  await app.register(generationRoutes);
  await app.register(assetRoutes);
  await app.register(twitchRoutes);
  await app.register(accountRoutes);
  await app.register(coachRoutes);
  return app;
}

declare module 'fastify' {
  interface FastifyInstance {
    config: ApiConfig;
  }
}
