import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { readFileSync } from 'node:fs';
import { undocumentedRoute, withSharedAnswers } from './openapi-answers.ts';

const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  version: string;
};
export const apiVersion = process.env.APP_VERSION ?? version;

/**
 * The OpenAPI document is generated from the route schemas: they are one source of truth. It is
 * linted with Redocly's recommended ruleset (the smoke phase lints the live one, `redocly.yaml`).
 */
export default fp(
  async (app) => {
    // Registered before every route, so a route the document could not describe exactly stops the boot.
    app.addHook('onRoute', (route) => {
      const why = undocumentedRoute(route.schema);
      if (why) throw new Error(`${route.method} ${route.url} cannot be documented: ${why}`);
    });
    await app.register(swagger, {
      openapi: {
        info: {
          title: 'StreamKit API',
          version: apiVersion,
          // Not an open-source API: its terms are the service's, on its site (Redocly's recommended
          // rules want a license, and one with a URL).
          license: { name: 'Proprietary: the StreamKit terms of service', url: app.config.WEB_URL },
        },
        // Relative: the operations are served by whichever deployment serves this document.
        servers: [{ url: '/', description: 'The deployment serving this document' }],
        components: {
          securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
        },
      },
      transform: (route) => jsonSchemaTransform({ ...route, schema: route.schema && withSharedAnswers(route.schema) }),
    });
    app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  },
  { name: 'openapi' },
);
