import fp from 'fastify-plugin';
import type { FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { bearerAuth, errorResponse } from '../auth/schemas.ts';
import { deleteAsset, listAssets, ownAssetContent, publicAssetContent, setVisibility } from '../generation/assets.ts';
import { HttpError } from '../plugins/error-handler.ts';
import { asset, idParams, page, pageQuery } from '../generation/schemas.ts';
import { API_PREFIX } from './generation.ts';

const tags = ['assets'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const image = (description: string) => ({
  description,
  content: { 'image/png': { schema: z.string().describe('The PNG bytes') } },
});

function sendImage(
  reply: FastifyReply,
  row: { id: string; mime_type: string; updated_at?: Date },
  bytes: Buffer,
  cacheControl: string,
) {
  return reply
    .code(200)
    .header('content-type', row.mime_type)
    .header('content-length', String(bytes.length))
    .header('cache-control', cacheControl)
    .header('x-content-type-options', 'nosniff')
    .send(bytes);
}

/** The asset library (owner only) and the public share link. */
export default fp(
  async (app) => {
    const routes = app.withTypeProvider<ZodTypeProvider>();

    routes.get(
      `${API_PREFIX}/assets`,
      {
        schema: {
          operationId: 'listAssets',
          summary: 'Your assets, newest first',
          tags,
          security: bearerAuth,
          querystring: pageQuery,
          response: { 200: page(asset), 401: errorResponse, 422: errorResponse },
        },
      },
      async (req) => listAssets(app, req.auth!.userId, req.query),
    );

    routes.get(
      `${API_PREFIX}/assets/:id`,
      {
        schema: {
          operationId: 'getAssetContent',
          summary: 'The image of one of your assets, as stored',
          tags,
          security: bearerAuth,
          params: idParams,
          response: {
            200: image('The stored image'),
            401: errorResponse,
            404: errorResponse,
            422: errorResponse,
            503: errorResponse,
          },
        },
      },
      async (req, reply) => {
        const { row, bytes } = await ownAssetContent(app, req.auth!.userId, req.params.id);
        return sendImage(reply, row, bytes, 'private, max-age=60');
      },
    );

    routes.delete(
      `${API_PREFIX}/assets/:id`,
      {
        schema: {
          operationId: 'deleteAsset',
          summary: 'Delete an asset and its stored image',
          tags,
          security: bearerAuth,
          params: idParams,
          response: {
            204: z.null().describe('Deleted'),
            401: errorResponse,
            404: errorResponse,
            422: errorResponse,
            503: errorResponse,
          },
        },
      },
      async (req, reply) => {
        await deleteAsset(app, req.auth!.userId, req.params.id);
        return reply.code(204).send(null);
      },
    );

    routes.put(
      `${API_PREFIX}/assets/:id/visibility`,
      {
        schema: {
          operationId: 'setAssetVisibility',
          summary: 'Share an asset publicly (anyone with its link sees it) or make it private again',
          tags,
          security: bearerAuth,
          params: idParams,
          body: z.object({ is_public: z.boolean() }),
          response: { 200: asset, 401: errorResponse, 404: errorResponse, 422: errorResponse },
        },
      },
      async (req) => setVisibility(app, req.auth!.userId, req.params.id, req.body.is_public),
    );

    routes.get(
      `${API_PREFIX}/asset/:id`,
      {
        schema: {
          operationId: 'getPublicAsset',
          summary: 'A publicly shared asset’s image; no sign-in needed',
          description: 'Unknown, malformed and private ids all answer the same 404.',
          tags,
          security: [],
          params: z.object({ id: z.string().max(200) }),
          response: { 200: image('The shared image'), 404: errorResponse, 503: errorResponse },
        },
      },
      async (req, reply) => {
        if (!UUID.test(req.params.id)) throw new HttpError(404, 'asset_not_found', 'No asset with this id');
        const { row, bytes } = await publicAssetContent(app, req.params.id);
        // Short: a shared image that is made private again should stop being served soon.
        return sendImage(reply, row, bytes, 'public, max-age=300');
      },
    );
  },
  { name: 'asset-routes', dependencies: ['auth', 'storage'] },
);
