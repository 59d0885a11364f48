import fp from 'fastify-plugin';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { assetType, outputsOf, TEMPLATES, type AssetTypeId } from '@streamkit/generation';
import { bearerAuth, errorResponse } from '../auth/schemas.ts';
import { jobAssets } from '../generation/assets.ts';
import { createJob, findJob, listJobs } from '../generation/jobs.ts';
import { asset, generateBody, idParams, job, JOB_STATUSES, page, pageQuery, usage } from '../generation/schemas.ts';
import { readUsage } from '../generation/usage.ts';

export const API_PREFIX = '/api/v1';
const tags = ['generation'];

const template = z.object({
  id: z.string(),
  version: z.number().int(),
  name: z.string(),
  description: z.string(),
  asset_types: z.array(
    z.object({
      id: z.string(),
      label: z.string(),
      sizes: z.array(z.object({ name: z.string(), width: z.number().int(), height: z.number().int() })),
    }),
  ),
  fields: z.array(
    z.object({
      name: z.string(),
      label: z.string(),
      kind: z.enum(['text', 'select']),
      required: z.boolean(),
      max_length: z.number().int().nullable(),
      options: z.array(z.string()).nullable(),
      placeholder: z.string().nullable(),
    }),
  ),
});

/** The catalogue as the API shows it (snake_case, every asset type with its sizes). */
const templateCatalogue = TEMPLATES.map((entry) => ({
  id: entry.id,
  version: entry.version,
  name: entry.name,
  description: entry.description,
  asset_types: entry.assetTypes.map((id) => {
    const spec = assetType(id)!;
    return { id: spec.id, label: spec.label, sizes: spec.sizes };
  }),
  fields: entry.fields.map((field) => ({
    name: field.name,
    label: field.label,
    kind: field.kind,
    required: field.required,
    max_length: 'maxLength' in field ? (field.maxLength ?? null) : null,
    options: 'options' in field && field.options ? [...field.options] : null,
    placeholder: 'placeholder' in field ? (field.placeholder ?? null) : null,
  })),
}));

/** Templates, generation requests, jobs and their assets, and this month's usage. */
export default fp(
  async (app) => {
    const routes = app.withTypeProvider<ZodTypeProvider>();

    routes.get(
      `${API_PREFIX}/templates`,
      {
        schema: {
          operationId: 'listTemplates',
          summary: 'The template catalogue: each template, the asset types it makes and its fields',
          tags,
          security: bearerAuth,
          response: { 200: z.object({ templates: z.array(template) }), 401: errorResponse },
        },
      },
      async () => ({ templates: templateCatalogue }),
    );

    routes.post(
      `${API_PREFIX}/generate`,
      {
        schema: {
          operationId: 'createGenerationJob',
          summary: 'Queue a generation: one template, one asset type (every size of it), optionally a brand kit',
          description:
            'Counts one generation against the monthly limit of your tier. Past the limit the answer is 429 with Retry-After, the limit and when it resets, and nothing is queued.',
          tags,
          security: bearerAuth,
          body: generateBody,
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
        const { template_id, asset_type, fields, brand_kit_id } = req.body;
        const created = await createJob(app, req.auth!.userId, {
          assetType: asset_type,
          templateId: template_id,
          fields,
          brandKitId: brand_kit_id,
          outputs: outputsOf([asset_type as AssetTypeId]),
        });
        return reply.code(202).send(created);
      },
    );

    routes.get(
      `${API_PREFIX}/jobs`,
      {
        schema: {
          operationId: 'listGenerationJobs',
          summary: 'Your generation jobs, newest first',
          tags,
          security: bearerAuth,
          querystring: pageQuery.extend({ status: z.enum(JOB_STATUSES).optional() }),
          response: { 200: page(job), 401: errorResponse, 422: errorResponse },
        },
      },
      async (req) => listJobs(app, req.auth!.userId, req.query),
    );

    routes.get(
      `${API_PREFIX}/jobs/:id`,
      {
        schema: {
          operationId: 'getGenerationJob',
          summary: 'One job: status, progress, attempts, error',
          tags,
          security: bearerAuth,
          params: idParams,
          response: { 200: job, 401: errorResponse, 404: errorResponse, 422: errorResponse },
        },
      },
      async (req) => findJob(app, req.auth!.userId, req.params.id),
    );

    routes.get(
      `${API_PREFIX}/jobs/:id/assets`,
      {
        schema: {
          operationId: 'listGenerationJobAssets',
          summary: 'The assets a job made (empty until it completes)',
          tags,
          security: bearerAuth,
          params: idParams,
          response: {
            200: z.object({ items: z.array(asset) }),
            401: errorResponse,
            404: errorResponse,
            422: errorResponse,
          },
        },
      },
      async (req) => ({ items: await jobAssets(app, req.auth!.userId, req.params.id) }),
    );

    routes.get(
      `${API_PREFIX}/usage`,
      {
        schema: {
          operationId: 'getUsage',
          summary: "This month's generations against your tier's limit, and when the count resets",
          tags,
          security: bearerAuth,
          response: { 200: usage, 401: errorResponse },
        },
      },
      async (req) => readUsage(app, req.auth!.userId),
    );
  },
  { name: 'generation-routes', dependencies: ['auth', 'queue'] },
);
