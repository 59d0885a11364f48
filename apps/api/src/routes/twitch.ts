import fp from 'fastify-plugin';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ASSET_TYPES,
  assetType,
  outputsOf,
  TEMPLATE_IDS,
  TWITCH_PACK_IDS,
  TWITCH_PACKS,
  type AssetTypeId,
} from '@streamkit/generation';
import { bearerAuth, errorResponse } from '../auth/schemas.ts';
import { createJob } from '../generation/jobs.ts';
import { checkFields, job, templateFields } from '../generation/schemas.ts';
import { HttpError } from '../plugins/error-handler.ts';
import { BundledGameCatalogue, type GameMetadataProvider } from '../twitch/games.ts';
import { API_PREFIX } from './generation.ts';

const tags = ['twitch'];
const TWITCH_TYPES = ASSET_TYPES.filter((type) => type.platform === 'twitch');
const TWITCH_TYPE_IDS = TWITCH_TYPES.map((type) => type.id) as [AssetTypeId, ...AssetTypeId[]];
/** A Twitch asset made alone uses the template that suits it unless the request names one. */
const DEFAULT_TEMPLATE: Partial<Record<AssetTypeId, 'monogram'>> = {
  twitch_emote: 'monogram',
  twitch_badge: 'monogram',
};

const size = z.object({ name: z.string(), width: z.number().int(), height: z.number().int() });
const dimensions = z.object({
  asset_types: z.array(
    z.object({
      id: z.string(),
      label: z.string(),
      description: z.string(),
      sizes: z.array(size),
      max_file_kb: z.number().int().nullable(),
    }),
  ),
  packs: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      description: z.string(),
      template_id: z.string(),
      asset_types: z.array(z.string()),
      sizes: z.number().int(),
    }),
  ),
});
const gameMeta = z.object({ id: z.string(), name: z.string(), box_art_url: z.string(), genres: z.array(z.string()) });

const singleBody = z
  .object({
    asset_type: z.enum(TWITCH_TYPE_IDS),
    width: z.number().int().positive().optional().describe("One of the type's sizes; the largest when omitted"),
    height: z.number().int().positive().optional(),
    template_id: z
      .enum(TEMPLATE_IDS)
      .optional()
      .describe('monogram for emotes and badges, headline for the rest, when omitted'),
    fields: templateFields,
    brand_kit_id: z.uuid().optional(),
  })
  .transform((body) => ({ ...body, template_id: body.template_id ?? DEFAULT_TEMPLATE[body.asset_type] ?? 'headline' }))
  .superRefine((body, ctx) => {
    const sizes = assetType(body.asset_type)!.sizes;
    if ((body.width === undefined) !== (body.height === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: [body.width === undefined ? 'width' : 'height'],
        message: 'give both width and height, or neither',
      });
    } else if (body.width !== undefined && !sizes.some((s) => s.width === body.width && s.height === body.height)) {
      ctx.addIssue({
        code: 'custom',
        path: ['width'],
        message: `${body.width}x${body.height} is not a ${body.asset_type} size; Twitch takes ${sizes.map((s) => s.name).join(', ')}`,
      });
    }
    checkFields(body, ctx, [body.asset_type]);
  });

const packBody = z
  .object({
    pack_id: z.enum(TWITCH_PACK_IDS),
    fields: templateFields,
    brand_kit_id: z.uuid().optional(),
  })
  .superRefine((body, ctx) => {
    const pack = TWITCH_PACKS.find((entry) => entry.id === body.pack_id)!;
    checkFields({ template_id: pack.template, fields: body.fields }, ctx);
  });

/** Twitch's asset specifications, single assets and packs made to them, and game metadata. */
export default fp(
  async (app, options: { games?: GameMetadataProvider }) => {
    const games = options.games ?? new BundledGameCatalogue();
    const routes = app.withTypeProvider<ZodTypeProvider>();

    routes.get(
      `${API_PREFIX}/twitch/dimensions`,
      {
        schema: {
          operationId: 'getTwitchDimensions',
          summary: "Twitch's asset types with their exact sizes, and the packs made of them",
          tags,
          security: bearerAuth,
          response: { 200: dimensions, 401: errorResponse },
        },
      },
      async () => ({
        asset_types: TWITCH_TYPES.map((type) => ({
          id: type.id,
          label: type.label,
          description: type.description,
          sizes: type.sizes,
          max_file_kb: 'maxFileKb' in type ? type.maxFileKb : null,
        })),
        packs: TWITCH_PACKS.map((pack) => ({
          id: pack.id,
          name: pack.name,
          description: pack.description,
          template_id: pack.template,
          asset_types: [...pack.assetTypes],
          sizes: outputsOf(pack.assetTypes).length,
        })),
      }),
    );

    routes.post(
      `${API_PREFIX}/twitch/generate`,
      {
        schema: {
          operationId: 'createTwitchAsset',
          summary: 'Queue one Twitch asset at one of its specified sizes',
          tags,
          security: bearerAuth,
          body: singleBody,
          response: {
            202: job,
            401: errorResponse,
            404: errorResponse,
            422: errorResponse,
            429: errorResponse,
            503: errorResponse,
          },
        },
      },
      async (req, reply) => {
        const body = req.body;
        const spec = assetType(body.asset_type)!;
        const chosen = spec.sizes.find((s) => s.width === body.width && s.height === body.height) ?? spec.sizes[0]!;
        const created = await createJob(app, req.auth!.userId, {
          assetType: body.asset_type,
          templateId: body.template_id,
          fields: body.fields,
          brandKitId: body.brand_kit_id,
          outputs: [{ ...chosen, assetType: body.asset_type }],
        });
        return reply.code(202).send(created);
      },
    );

    routes.post(
      `${API_PREFIX}/twitch/packs`,
      {
        schema: {
          operationId: 'createTwitchPack',
          summary: 'Queue a named pack: every size of every asset type in it, in one job',
          tags,
          security: bearerAuth,
          body: packBody,
          response: {
            202: job,
            401: errorResponse,
            404: errorResponse,
            422: errorResponse,
            429: errorResponse,
            503: errorResponse,
          },
        },
      },
      async (req, reply) => {
        const pack = TWITCH_PACKS.find((entry) => entry.id === req.body.pack_id)!;
        const created = await createJob(app, req.auth!.userId, {
          assetType: `pack:${pack.id}`,
          templateId: pack.template,
          fields: req.body.fields,
          brandKitId: req.body.brand_kit_id,
          packId: pack.id,
          outputs: outputsOf(pack.assetTypes),
        });
        return reply.code(202).send(created);
      },
    );

    routes.get(
      `${API_PREFIX}/twitch/game-meta/:id`,
      {
        schema: {
          operationId: 'getTwitchGameMeta',
          summary: 'Metadata of a Twitch category (game) by its Twitch id',
          tags,
          security: bearerAuth,
          params: z.object({ id: z.string().regex(/^\d{1,20}$/, 'must be a Twitch category id (digits)') }),
          response: { 200: gameMeta, 401: errorResponse, 404: errorResponse, 422: errorResponse },
        },
      },
      async (req) => {
        const found = await games.get(req.params.id);
        if (!found) throw new HttpError(404, 'game_not_found', `No game with id ${req.params.id} in the catalogue`);
        return found;
      },
    );
  },
  { name: 'twitch-routes', dependencies: ['auth', 'queue'] },
);
