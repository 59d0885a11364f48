import { z } from 'zod';
import { ASSET_TYPE_IDS, findTemplate, TEMPLATE_IDS, templateFieldsSchema } from '@streamkit/generation';

export const JOB_STATUSES = ['queued', 'processing', 'completed', 'failed'] as const;

export const outputSize = z.object({
  asset_type: z.string(),
  name: z.string().describe('Width x height, e.g. 112x112'),
  width: z.number().int(),
  height: z.number().int(),
});

export const job = z.object({
  id: z.uuid(),
  status: z.enum(JOB_STATUSES),
  progress: z.number().int().min(0).max(100),
  attempts: z.number().int().describe('Times a worker started it: more than 1 after a retry or a worker that died'),
  asset_type: z.string().describe('The asset type asked for, or pack:<id> for a Twitch pack'),
  template_id: z.string(),
  template_version: z.number().int(),
  fields: z.record(z.string(), z.string()),
  pack_id: z.string().nullable(),
  brand_kit_id: z.uuid().nullable(),
  outputs: z.array(outputSize),
  error: z.string().nullable().describe('Why the last attempt failed'),
  created_at: z.iso.datetime(),
  started_at: z.iso.datetime().nullable(),
  finished_at: z.iso.datetime().nullable(),
});
export type JobView = z.infer<typeof job>;

export const asset = z.object({
  id: z.uuid(),
  job_id: z.uuid().nullable(),
  asset_type: z.string().nullable(),
  width: z.number().int(),
  height: z.number().int(),
  mime_type: z.string(),
  size_bytes: z.number().int(),
  is_public: z.boolean(),
  created_at: z.iso.datetime(),
  content_url: z.string().describe('The image, for its owner (bearer token): GET /api/v1/assets/{id}'),
  public_url: z.string().nullable().describe('The image for anyone, while the asset is public: GET /api/v1/asset/{id}'),
});
export type AssetView = z.infer<typeof asset>;

export const usage = z.object({
  tier: z.string(),
  used: z.number().int(),
  limit: z.number().int(),
  period_start: z.iso.datetime(),
  resets_at: z.iso.datetime(),
});

export const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), limit: z.number().int(), offset: z.number().int() });

export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});

export const idParams = z.object({ id: z.uuid() });

/** A template's fields as the request gives them; checked against the template by `checkFields`. */
export const templateFields = z.record(z.string().max(40), z.string().max(2000)).default({});

/**
 * Adds the template's own field rules to a request schema (unknown fields, required ones, lengths,
 * choices): the failures come back as 422s naming `body.fields.<name>`, like every other field.
 */
export function checkFields(
  body: { template_id: string; fields: Record<string, string> },
  ctx: z.RefinementCtx,
  assetTypes?: readonly string[],
) {
  const template = findTemplate(body.template_id);
  if (!template) return; // the enum already refused it
  for (const assetType of assetTypes ?? []) {
    if (!(template.assetTypes as readonly string[]).includes(assetType)) {
      ctx.addIssue({
        code: 'custom',
        path: ['asset_type'],
        message: `template ${template.id} makes ${template.assetTypes.join(', ')}, not ${assetType}`,
      });
    }
  }
  const parsed = templateFieldsSchema(template).safeParse(body.fields);
  if (parsed.success) return;
  for (const issue of parsed.error.issues) {
    ctx.addIssue({ code: 'custom', path: ['fields', ...issue.path.map(String)], message: issue.message });
  }
}

export const generateBody = z
  .object({
    template_id: z.enum(TEMPLATE_IDS),
    asset_type: z.enum(ASSET_TYPE_IDS),
    fields: templateFields,
    brand_kit_id: z.uuid().optional().describe('One of your brand kits: its colours, fonts and logo'),
  })
  .superRefine((body, ctx) => checkFields(body, ctx, [body.asset_type]));
