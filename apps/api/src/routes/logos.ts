import fp from 'fastify-plugin';
import multipart from '@fastify/multipart';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { bearerAuth, errorResponse } from '../auth/schemas.ts';
import { deriveKey } from '../auth/tokens.ts';
import { LOGO_MAX_BYTES, LogoContentError } from '../brand-kits/logo-content.ts';
import { LOGO_FILES_PATH, verifyLogoUrl } from '../brand-kits/logo-urls.ts';
import { kitParams, logo, logoType, LOGO_TYPES } from '../brand-kits/schemas.ts';
import { HttpError } from '../plugins/error-handler.ts';
import { BRAND_KITS_PREFIX } from './brand-kits.ts';

const tags = ['logos'];

// With `keyValues`, the multipart fields arrive as the body (`type` a string, `file` a Buffer), so
// the zod schema validates an upload like any other body and documents it in /openapi.json.
const fileField = z
  .custom<Buffer>((value) => Buffer.isBuffer(value), { message: 'must be a file' })
  .meta({
    type: 'string',
    format: 'binary',
    description: `PNG, JPEG, WebP or SVG (no scripts), at most ${LOGO_MAX_BYTES / 1024 / 1024} MB; the type is read from the content`,
  });

const logoParams = kitParams.extend({ type: logoType });

/** Logos of a brand kit, one per type, stored in the `logos` bucket; and the signed links that serve them. */
export default fp(
  async (app) => {
    await app.register(multipart, {
      attachFieldsToBody: 'keyValues',
      limits: { fileSize: LOGO_MAX_BYTES, files: 1, fields: 4, parts: 5 },
    });
    const routes = app.withTypeProvider<ZodTypeProvider>();
    const urlKey = deriveKey(app.config.JWT_SECRET, 'logo-url');

    routes.get(
      `${BRAND_KITS_PREFIX}/:id/logos`,
      {
        schema: {
          operationId: 'listLogos',
          summary: "A brand kit's logos, with links that work in a browser",
          tags,
          security: bearerAuth,
          params: kitParams,
          response: {
            200: z.object({ logos: z.array(logo) }),
            401: errorResponse,
            404: errorResponse,
            422: errorResponse,
          },
        },
      },
      async (req) => ({ logos: await app.logos.list(req.auth!.userId, req.params.id) }),
    );

    routes.post(
      `${BRAND_KITS_PREFIX}/:id/logos`,
      {
        schema: {
          operationId: 'uploadLogo',
          summary: 'Upload the logo of a type, replacing the one there was',
          description: `multipart/form-data with \`type\` (${LOGO_TYPES.join(' | ')}) and \`file\`. 201 for a new logo, 200 when it replaced one; the replaced file is deleted.`,
          tags,
          security: bearerAuth,
          consumes: ['multipart/form-data'],
          params: kitParams,
          body: z.object({ type: logoType, file: fileField }),
          response: {
            200: logo.describe('Replaced'),
            201: logo.describe('Created'),
            401: errorResponse,
            404: errorResponse,
            413: errorResponse.describe(`Larger than ${LOGO_MAX_BYTES} bytes`),
            415: errorResponse.describe('Not multipart/form-data'),
            422: errorResponse.describe('Missing fields, or a file that is not an acceptable image'),
            503: errorResponse,
          },
        },
      },
      async (req, reply) => {
        try {
          const { logo: stored, replaced } = await app.logos.put(
            req.auth!.userId,
            req.params.id,
            req.body.type,
            req.body.file,
          );
          return reply.code(replaced ? 200 : 201).send(stored);
        } catch (error) {
          if (error instanceof LogoContentError) {
            throw new HttpError(422, 'invalid_logo', error.message, undefined, [
              { field: 'body.file', message: error.message },
            ]);
          }
          throw error;
        }
      },
    );

    routes.delete(
      `${BRAND_KITS_PREFIX}/:id/logos/:type`,
      {
        schema: {
          operationId: 'deleteLogo',
          summary: 'Delete the logo of a type and its stored file',
          tags,
          security: bearerAuth,
          params: logoParams,
          response: {
            204: z.null().describe('Deleted'),
            401: errorResponse,
            404: errorResponse,
            422: errorResponse,
            503: errorResponse.describe('The file storage is unavailable; nothing was deleted'),
          },
        },
      },
      async (req, reply) => {
        await app.logos.delete(req.auth!.userId, req.params.id, req.params.type);
        return reply.code(204).send(null);
      },
    );

    routes.get(
      `${LOGO_FILES_PATH}/:owner/:kit/:file`,
      {
        schema: {
          operationId: 'getLogoFile',
          summary: 'The image behind a logo link from the logo list',
          description:
            'The signature is the credential, so an <img> can load it; it expires, and a replaced or deleted logo is gone.',
          tags,
          security: [],
          params: z.object({ owner: z.uuid(), kit: z.uuid(), file: z.string().regex(/^[\w-]+\.(png|jpg|webp|svg)$/) }),
          querystring: z.object({ expires: z.coerce.number().int(), signature: z.string().max(100) }),
          response: {
            200: z.custom<Buffer>().meta({ type: 'string', format: 'binary', description: 'The image' }),
            404: errorResponse.describe('Unknown, expired, replaced or deleted'),
            422: errorResponse,
            503: errorResponse,
          },
        },
      },
      async (req, reply) => {
        const path = `${req.params.owner}/${req.params.kit}/${req.params.file}`;
        const genuine = verifyLogoUrl(urlKey, path, req.query.expires, req.query.signature);
        const file = genuine ? await app.logos.download(path) : undefined;
        if (!file)
          throw new HttpError(
            404,
            'not_found',
            'This logo link is unknown or expired, or its logo was replaced or deleted',
          );
        return (
          reply
            .code(200)
            .type(file.contentType)
            .header('cache-control', 'private, max-age=3600')
            .header('x-content-type-options', 'nosniff')
            // Served on the web app's origin: an SVG opened on its own must not run anything there.
            .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox")
            .send(file.bytes)
        );
      },
    );
  },
  { name: 'logo-routes', dependencies: ['auth', 'logos', 'brand-kit-routes'] },
);
