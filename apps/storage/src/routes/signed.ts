import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { errors } from '../errors.ts';
import { normalizeObjectKey } from '../keys.ts';
import { signObjectToken, verifyObjectToken } from '../signing.ts';
import { bucketId, objectTarget, requireBucket, type ObjectParams } from './params.ts';
import { sendObject } from './serve.ts';

const expiresIn = z
  .number()
  .int()
  .min(1)
  .max(10 * 365 * 24 * 3600);
const signBody = z.object({ expiresIn });
const signManyBody = z.object({ expiresIn, paths: z.array(z.string()).min(1).max(1000) });
const UPLOAD_TOKEN_SECONDS = 2 * 3600;
const signedQuery = z.object({ token: z.string(), download: z.string().optional() });

/** Supabase answers a path-relative URL; storage-js prefixes it with its storage URL. */
const signedPath = (key: string, token: string) => `/object/sign/${key}?token=${token}`;

export default async function signedRoutes(app: FastifyInstance) {
  const { serviceKey } = app.storageConfig;

  // createSignedUrl
  app.post<{ Params: ObjectParams; Body: z.infer<typeof signBody> }>(
    '/object/sign/:bucket/*',
    { schema: { body: signBody } },
    async (request) => {
      const { bucketId: id, name } = objectTarget(request.params);
      if (!(await app.metadata.findObject(id, name))) {
        throw (await app.metadata.getBucket(id)) ? errors.noSuchKey() : errors.noSuchBucket();
      }
      const key = `${id}/${name}`;
      return { signedURL: signedPath(key, signObjectToken(serviceKey, key, request.body.expiresIn)) };
    },
  );

  // createSignedUploadUrl: a token to upload to this one path, for two hours (as Supabase). A
  // static segment, so it is never taken for an upload to a bucket named `upload`.
  app.post<{ Params: ObjectParams }>('/object/upload/sign/:bucket/*', async (request) => {
    const { bucketId: id, name } = objectTarget(request.params);
    await requireBucket(app, id);
    const key = `${id}/${name}`;
    const token = signObjectToken(serviceKey, key, UPLOAD_TOKEN_SECONDS, Date.now(), 'upload');
    return { url: `/object/upload/sign/${key}?token=${token}`, token };
  });

  // createSignedUrls: one entry per path, with an error instead of a URL for missing objects.
  app.post<{ Params: { bucket: string }; Body: z.infer<typeof signManyBody> }>(
    '/object/sign/:bucket',
    { schema: { body: signManyBody } },
    async (request) => {
      const id = bucketId(request.params.bucket);
      await requireBucket(app, id);
      return Promise.all(
        request.body.paths.map(async (path) => {
          const name = normalizeObjectKey(path);
          if (name !== null && (await app.metadata.findObject(id, name))) {
            const key = `${id}/${name}`;
            const token = signObjectToken(serviceKey, key, request.body.expiresIn);
            return { error: null, path, signedURL: signedPath(key, token) };
          }
          return { error: 'Either the object does not exist or you do not have access to it', path, signedURL: null };
        }),
      );
    },
  );

  // The signed URL itself: the token is the credential.
  app.get<{ Params: ObjectParams; Querystring: z.infer<typeof signedQuery> }>(
    '/object/sign/:bucket/*',
    { exposeHeadRoute: false, config: { public: true }, schema: { querystring: signedQuery } },
    async (request, reply) => {
      const { bucketId: id, name } = objectTarget(request.params);
      if (verifyObjectToken(serviceKey, request.query.token) !== `${id}/${name}`) {
        throw errors.invalidSignature('The token does not grant this object');
      }
      return sendObject(app, reply, id, name, { head: false, download: request.query.download });
    },
  );
}
