import fp from 'fastify-plugin';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { bearerAuth, errorResponse } from '../auth/schemas.ts';
import { withUserTransaction } from '../plugins/database.ts';
import {
  activateKit,
  createKit,
  deleteKit,
  findActiveKit,
  findKit,
  listKits,
  readSection,
  updateKit,
  writeSection,
} from '../brand-kits/repository.ts';
import { BRAND_KIT_LIMIT, brandKit, kitInput, kitParams, SECTIONS, type SectionName } from '../brand-kits/schemas.ts';

export const BRAND_KITS_PREFIX = '/api/v1/brand-kits';

const tags = ['brand kits'];
const capitalized = (name: string) => name[0]!.toUpperCase() + name.slice(1);

/** Brand kits: CRUD, the one active kit, and the colours / typography / voice / guidelines sections. */
export default fp(
  async (app) => {
    const routes = app.withTypeProvider<ZodTypeProvider>();
    const asCaller = <T>(userId: string, work: Parameters<typeof withUserTransaction<T>>[2]) =>
      withUserTransaction(app.db, userId, work);

    routes.get(
      BRAND_KITS_PREFIX,
      {
        schema: {
          operationId: 'listBrandKits',
          summary: "The caller's brand kits, newest first",
          tags,
          security: bearerAuth,
          response: {
            200: z.object({
              brand_kits: z.array(brandKit),
              limit: z.number().int().describe('How many kits a user may have'),
            }),
            401: errorResponse,
          },
        },
      },
      async (req) => ({ brand_kits: await asCaller(req.auth!.userId, listKits), limit: BRAND_KIT_LIMIT }),
    );

    routes.post(
      BRAND_KITS_PREFIX,
      {
        schema: {
          operationId: 'createBrandKit',
          summary: 'Create a brand kit (inactive); sections left out start from defaults',
          description: `A user may have at most ${BRAND_KIT_LIMIT} kits; the database enforces it, also under concurrent requests.`,
          tags,
          security: bearerAuth,
          body: kitInput,
          response: { 201: brandKit, 401: errorResponse, 409: errorResponse, 422: errorResponse },
        },
      },
      async (req, reply) => {
        const { userId } = req.auth!;
        return reply.code(201).send(await asCaller(userId, (client) => createKit(client, userId, req.body)));
      },
    );

    routes.get(
      `${BRAND_KITS_PREFIX}/active`,
      {
        schema: {
          operationId: 'getActiveBrandKit',
          summary: "The caller's active brand kit",
          tags,
          security: bearerAuth,
          response: { 200: brandKit, 401: errorResponse, 404: errorResponse.describe('No kit is active') },
        },
      },
      async (req) => asCaller(req.auth!.userId, findActiveKit),
    );

    routes.get(
      `${BRAND_KITS_PREFIX}/:id`,
      {
        schema: {
          operationId: 'getBrandKit',
          summary: 'One brand kit',
          tags,
          security: bearerAuth,
          params: kitParams,
          response: { 200: brandKit, 401: errorResponse, 404: errorResponse, 422: errorResponse },
        },
      },
      async (req) => asCaller(req.auth!.userId, (client) => findKit(client, req.params.id)),
    );

    routes.put(
      `${BRAND_KITS_PREFIX}/:id`,
      {
        schema: {
          operationId: 'updateBrandKit',
          summary: 'Rename a brand kit; sections given replace the stored ones',
          tags,
          security: bearerAuth,
          params: kitParams,
          body: kitInput,
          response: { 200: brandKit, 401: errorResponse, 404: errorResponse, 422: errorResponse },
        },
      },
      async (req) => asCaller(req.auth!.userId, (client) => updateKit(client, req.params.id, req.body)),
    );

    routes.delete(
      `${BRAND_KITS_PREFIX}/:id`,
      {
        schema: {
          operationId: 'deleteBrandKit',
          summary: 'Delete a brand kit with its logos and their stored files',
          tags,
          security: bearerAuth,
          params: kitParams,
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
        // The objects go inside the transaction: if storage fails, the kit and its logo rows stay.
        await asCaller(req.auth!.userId, async (client) => {
          await findKit(client, req.params.id, { lock: true });
          await app.logos.removeAllOf(client, req.params.id);
          await deleteKit(client, req.params.id);
        });
        return reply.code(204).send(null);
      },
    );

    routes.post(
      `${BRAND_KITS_PREFIX}/:id/activate`,
      {
        schema: {
          operationId: 'activateBrandKit',
          summary: "Make this the caller's one active brand kit",
          description:
            'Exactly one kit is active afterwards, also when activations race (a unique index and row locks).',
          tags,
          security: bearerAuth,
          params: kitParams,
          response: { 200: brandKit, 401: errorResponse, 404: errorResponse, 422: errorResponse },
        },
      },
      async (req) => {
        const { userId } = req.auth!;
        return asCaller(userId, (client) => activateKit(client, userId, req.params.id));
      },
    );

    for (const section of Object.keys(SECTIONS) as SectionName[]) registerSection(section);

    function registerSection(section: SectionName) {
      // Widened: the loop registers four differently shaped sections; zod still checks each one.
      const schema: z.ZodType = SECTIONS[section];
      const path = `${BRAND_KITS_PREFIX}/:id/${section}`;
      routes.get(
        path,
        {
          schema: {
            operationId: `getBrandKit${capitalized(section)}`,
            summary: `A brand kit's ${section}`,
            tags,
            security: bearerAuth,
            params: kitParams,
            response: { 200: schema, 401: errorResponse, 404: errorResponse, 422: errorResponse },
          },
        },
        async (req) => asCaller(req.auth!.userId, (client) => readSection(client, req.params.id, section)),
      );
      routes.put(
        path,
        {
          schema: {
            operationId: `updateBrandKit${capitalized(section)}`,
            summary: `Replace a brand kit's ${section}`,
            tags,
            security: bearerAuth,
            params: kitParams,
            body: schema,
            response: { 200: schema, 401: errorResponse, 404: errorResponse, 422: errorResponse },
          },
        },
        async (req) => asCaller(req.auth!.userId, (client) => writeSection(client, req.params.id, section, req.body)),
      );
    }
  },
  { name: 'brand-kit-routes', dependencies: ['auth', 'logos'] },
);
