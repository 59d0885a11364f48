import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { errors } from '../errors.ts';
import { isValidBucketName, parseSizeLimit } from '../keys.ts';
import type { Bucket } from '../store/metadata.ts';
import { bucketId, requireBucket } from './params.ts';

const MIME_PATTERN = /^[a-z0-9!#$&^_.+-]+\/([a-z0-9!#$&^_.+-]+|\*)$/i;

const settings = {
  public: z.boolean().optional(),
  file_size_limit: z.union([z.number(), z.string()]).nullable().optional(),
  allowed_mime_types: z
    .array(z.string().regex(MIME_PATTERN, 'must look like type/subtype or type/*'))
    .nullable()
    .optional(),
};
const createBody = z.object({ id: z.string().optional(), name: z.string(), type: z.string().optional(), ...settings });
const updateBody = z.object(settings);
type Settings = z.infer<typeof updateBody>;

const listQuery = z.object({
  limit: z.coerce.number().int().min(1).optional(),
  offset: z.coerce.number().int().min(0).optional(),
  search: z.string().optional(),
  sortColumn: z.enum(['id', 'name', 'created_at', 'updated_at']).default('name'),
  sortOrder: z.enum(['asc', 'desc']).default('asc'),
});

/**
 * A bucket as Supabase answers it: with `owner` (buckets are made with the service key here, so
 * no user owns one: empty, as Supabase shows a bucket without owner) and without `type`.
 */
const toApi = (bucket: Bucket) => ({ ...bucket, owner: '' });

function sizeLimit(value: Settings['file_size_limit']) {
  if (value === undefined || value === null) return value;
  const bytes = parseSizeLimit(value);
  if (bytes === null) throw errors.invalidRequest('Invalid file size format, hint: use 20GB / 20MB / 30KB / 3B');
  return bytes;
}

export default async function bucketRoutes(app: FastifyInstance) {
  // listBuckets
  app.get<{ Querystring: z.infer<typeof listQuery> }>(
    '/bucket',
    { schema: { querystring: listQuery } },
    async (request) => (await app.metadata.listBuckets(request.query)).map(toApi),
  );

  // getBucket
  app.get<{ Params: { id: string } }>('/bucket/:id', async (request) =>
    toApi(await requireBucket(app, bucketId(request.params.id))),
  );

  // createBucket: storage-js sends `id` and `name`, both the bucket's name; answers `{ name }`.
  app.post<{ Body: z.infer<typeof createBody> }>('/bucket', { schema: { body: createBody } }, async (request) => {
    const { id = request.body.name, name, type } = request.body;
    if (!isValidBucketName(id) || !isValidBucketName(name)) throw errors.invalidBucketName();
    if (type !== undefined && type !== 'STANDARD') throw errors.invalidRequest(`Bucket type ${type} is not supported`);
    await app.metadata.createBucket({
      id,
      name,
      public: request.body.public ?? false,
      file_size_limit: sizeLimit(request.body.file_size_limit) ?? null,
      allowed_mime_types: request.body.allowed_mime_types ?? null,
    });
    return { name };
  });

  // updateBucket: fields left out stay as they are.
  const update = { schema: { body: updateBody } };
  app.put<{ Params: { id: string }; Body: Settings }>('/bucket/:id', update, async (request) => {
    const found = await app.metadata.updateBucket(bucketId(request.params.id), {
      public: request.body.public,
      file_size_limit: sizeLimit(request.body.file_size_limit),
      allowed_mime_types: request.body.allowed_mime_types,
    });
    if (!found) throw errors.noSuchBucket();
    return { message: 'Successfully updated' };
  });

  // emptyBucket
  app.post<{ Params: { id: string } }>('/bucket/:id/empty', async (request) => {
    const id = bucketId(request.params.id);
    await requireBucket(app, id);
    await app.disk.remove(await app.metadata.emptyBucket(id));
    return { message: 'Successfully emptied' };
  });

  // deleteBucket: refused while objects remain (409), like Supabase.
  app.delete<{ Params: { id: string } }>('/bucket/:id', async (request) => {
    await app.metadata.deleteBucket(bucketId(request.params.id));
    return { message: 'Successfully deleted' };
  });
}
