import { createHash, timingSafeEqual } from 'node:crypto';
import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import { errors } from './errors.ts';

const digest = (value: string) => createHash('sha256').update(value).digest();

/** The credentials a request presents: the `apikey` header and the bearer token, when present. */
function presentedKeys(request: FastifyRequest): string[] {
  const keys: string[] = [];
  const apikey = request.headers.apikey;
  if (typeof apikey === 'string' && apikey !== '') keys.push(apikey);
  const bearer = /^Bearer\s+(.+)$/i.exec(request.headers.authorization ?? '')?.[1]?.trim();
  if (bearer) keys.push(bearer);
  return keys;
}

/**
 * Every route needs the service key unless its config says `public: true`. supabase-js sends the key
 * both as `apikey` and as `Authorization: Bearer`; one matching is enough, so a client whose bearer
 * is a user's token still passes on its `apikey`.
 */
export default fp(
  async (app) => {
    const expected = digest(app.storageConfig.serviceKey);
    app.addHook('onRequest', async (request) => {
      if (request.routeOptions.config?.public) return;
      const keys = presentedKeys(request);
      if (keys.length === 0) throw errors.unauthorized('Missing apikey or Authorization header');
      // Comparing digests keeps the comparison constant-time whatever the lengths.
      if (!keys.some((key) => timingSafeEqual(digest(key), expected))) throw errors.unauthorized('Invalid API key');
    });
  },
  { name: 'auth', decorators: { fastify: ['storageConfig'] } },
);

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Reachable without the service key (health, public buckets, signed URLs). */
    public?: boolean;
  }
}
