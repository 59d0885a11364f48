import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { errors } from '../errors.ts';
import { bucketId, objectKey, objectTarget, requireBucket, type ObjectParams } from './params.ts';
import { objectInfo, sendObject } from './serve.ts';
import type { ListV2Entry } from '../store/metadata.ts';
import uploadRoutes from './uploads.ts';

const noNul = (value: string) => !value.includes('\0');
const text = z.string().refine(noNul, 'must not contain NUL');

const downloadQuery = z.object({ download: z.string().optional() });
type DownloadQuery = z.infer<typeof downloadQuery>;

const listBody = z.object({
  prefix: text,
  limit: z.number().int().min(1).default(100),
  offset: z.number().int().min(0).default(0),
  sortBy: z
    .object({
      column: z.enum(['name', 'updated_at', 'created_at', 'last_accessed_at']).default('name'),
      order: z.enum(['asc', 'desc']).default('asc'),
    })
    .default({ column: 'name', order: 'asc' }),
  search: text.default(''),
});

const listV2Body = z.object({
  prefix: text.default(''),
  limit: z.number().int().min(1).max(1000).default(1000),
  cursor: text.optional(),
  with_delimiter: z.boolean().default(false),
  // Pages follow key order, so only the name can sort them; another column is refused, not ignored.
  sortBy: z
    .object({ column: z.literal('name').default('name'), order: z.enum(['asc', 'desc']).default('asc') })
    .default({ column: 'name', order: 'asc' }),
});

const removeBody = z.object({ prefixes: z.array(text).min(1).max(1000) });

const transferBody = z.object({
  bucketId: z.string(),
  sourceKey: z.string(),
  destinationKey: z.string(),
  destinationBucket: z.string().optional(),
});

export default async function objectRoutes(app: FastifyInstance) {
  await app.register(uploadRoutes);

  // download: authenticated reads; `authenticated` is the explicit spelling of the same route.
  for (const path of ['/object/:bucket/*', '/object/authenticated/:bucket/*']) {
    app.get<{ Params: ObjectParams; Querystring: DownloadQuery }>(
      path,
      { exposeHeadRoute: false, schema: { querystring: downloadQuery } },
      (request, reply) => {
        const { bucketId: id, name } = objectTarget(request.params);
        return sendObject(app, reply, id, name, { head: false, download: request.query.download });
      },
    );
    // exists: HEAD answers 200 or 404 with the object's headers.
    app.head<{ Params: ObjectParams }>(path, (request, reply) => {
      const { bucketId: id, name } = objectTarget(request.params);
      return sendObject(app, reply, id, name, { head: true });
    });
  }

  // getPublicUrl: readable by anyone, but only in a public bucket; a private one looks absent.
  const publicRead = async (params: ObjectParams) => {
    const { bucketId: id, name } = objectTarget(params);
    const bucket = await app.metadata.getBucket(id);
    if (!bucket?.public) throw errors.noSuchBucket();
    return { id, name };
  };
  app.get<{ Params: ObjectParams; Querystring: DownloadQuery }>(
    '/object/public/:bucket/*',
    { exposeHeadRoute: false, config: { public: true }, schema: { querystring: downloadQuery } },
    async (request, reply) => {
      const { id, name } = await publicRead(request.params);
      return sendObject(app, reply, id, name, { head: false, download: request.query.download });
    },
  );
  const anyone = { config: { public: true } };
  app.head<{ Params: ObjectParams }>('/object/public/:bucket/*', anyone, async (request, reply) => {
    const { id, name } = await publicRead(request.params);
    return sendObject(app, reply, id, name, { head: true });
  });

  // info
  const info = async (id: string, name: string) => {
    const object = await app.metadata.findObject(id, name);
    if (object) return objectInfo(object);
    throw (await app.metadata.getBucket(id)) ? errors.noSuchKey() : errors.noSuchBucket();
  };
  for (const path of ['/object/info/:bucket/*', '/object/info/authenticated/:bucket/*']) {
    app.get<{ Params: ObjectParams }>(path, (request) => {
      const { bucketId: id, name } = objectTarget(request.params);
      return info(id, name);
    });
  }
  app.get<{ Params: ObjectParams }>('/object/info/public/:bucket/*', anyone, async (request) => {
    const { id, name } = await publicRead(request.params);
    return info(id, name);
  });

  app.post<{ Params: { bucket: string }; Body: z.infer<typeof listV2Body> }>(
    '/object/list-v2/:bucket',
    { schema: { body: listV2Body } },
    async (request) => {
      const id = bucketId(request.params.bucket);
      await requireBucket(app, id);
      const { prefix, limit, cursor, with_delimiter, sortBy } = request.body;
      return listV2Page(
        await app.metadata.listObjectsV2(id, {
          prefix,
          limit,
          after: cursor === undefined ? undefined : decodeCursor(cursor),
          withDelimiter: with_delimiter,
          sortOrder: sortBy.order,
        }),
        prefix,
        limit,
      );
    },
  );

  // list
  app.post<{ Params: { bucket: string }; Body: z.infer<typeof listBody> }>(
    '/object/list/:bucket',
    { schema: { body: listBody } },
    async (request) => {
      const id = bucketId(request.params.bucket);
      await requireBucket(app, id);
      const { prefix, search, limit, offset, sortBy } = request.body;
      return app.metadata.listObjects(id, {
        prefix,
        search,
        limit,
        offset,
        sortColumn: sortBy.column,
        sortOrder: sortBy.order,
      });
    },
  );

  // remove: answers the rows it deleted (full names); names that match nothing are skipped, as in Supabase.
  app.delete<{ Params: { bucket: string }; Body: z.infer<typeof removeBody> }>(
    '/object/:bucket',
    { schema: { body: removeBody } },
    async (request) => {
      const id = bucketId(request.params.bucket);
      await requireBucket(app, id);
      const removed = await app.metadata.deleteObjects(id, request.body.prefixes);
      await app.disk.remove(removed.map((object) => object.version));
      return removed;
    },
  );

  // move: a rename of the row; the blob stays.
  const transfer = { schema: { body: transferBody } };
  app.post<{ Body: z.infer<typeof transferBody> }>('/object/move', transfer, async (request) => {
    const { from, to } = transferTargets(request.body);
    await app.metadata.moveObject(from.bucketId, from.name, to.bucketId, to.name);
    return { message: 'Successfully moved' };
  });

  // copy: a new blob and a new row; an existing destination is a 409, as without upsert.
  app.post<{ Body: z.infer<typeof transferBody> }>('/object/copy', transfer, async (request) => {
    const { from, to } = transferTargets(request.body);
    const source = await app.metadata.findObject(from.bucketId, from.name);
    if (!source) throw errors.noSuchKey();
    const version = await app.disk.copy(source.version);
    if (!version) throw errors.noSuchKey();
    try {
      const id = await app.metadata.insertObject({ ...source, bucket_id: to.bucketId, name: to.name, version });
      return { Id: id, Key: `${to.bucketId}/${to.name}` };
    } catch (error) {
      await app.disk.remove([version]);
      throw error;
    }
  });
}

function transferTargets(body: z.infer<typeof transferBody>) {
  return {
    from: { bucketId: bucketId(body.bucketId), name: objectKey(body.sourceKey) },
    to: { bucketId: bucketId(body.destinationBucket ?? body.bucketId), name: objectKey(body.destinationKey) },
  };
}

/** The page's shape in Supabase's `list-v2`: folders and objects apart, names relative to the prefix. */
function listV2Page(entries: ListV2Entry[], prefix: string, limit: number) {
  const page = entries.slice(0, limit);
  const hasNext = entries.length > limit;
  const named = (entry: ListV2Entry) => ({ key: entry.key, name: entry.key.slice(prefix.length) });
  return {
    hasNext,
    ...(hasNext ? { nextCursor: Buffer.from(page.at(-1)!.key).toString('base64url') } : {}),
    folders: page.filter((entry) => entry.id === null).map(named),
    objects: page
      .filter((entry) => entry.id !== null)
      .map((entry) => ({
        ...named(entry),
        id: entry.id,
        metadata: entry.metadata,
        created_at: entry.created_at,
        updated_at: entry.updated_at,
        last_accessed_at: entry.last_accessed_at,
      })),
  };
}

function decodeCursor(cursor: string): string {
  const key = Buffer.from(cursor, 'base64url').toString('utf8');
  if (key === '' || Buffer.from(key).toString('base64url') !== cursor)
    throw errors.invalidRequest('cursor is not one this server gave');
  return key;
}
