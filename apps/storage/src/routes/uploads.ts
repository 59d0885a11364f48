import type { FastifyInstance, FastifyRequest } from 'fastify';
import { errors } from '../errors.ts';
import type { ObjectMetadata } from '../store/metadata.ts';
import { verifyObjectToken } from '../signing.ts';
import { bodyMatchesImageType, isImageOnly, SNIFF_BYTES } from '../sniff.ts';
import { receiveUpload } from '../upload-body.ts';
import { objectTarget, requireBucket, type ObjectParams } from './params.ts';

type Mode = 'create' | 'upsert' | 'replace';

/**
 * `upload` is POST /object/{bucket}/{path} (`x-upsert: true` to overwrite), `update` is PUT.
 * The blob is written first under a fresh version; the row insert or switch is the commit point,
 * and the blob it displaced is deleted only after that.
 */
export default async function uploadRoutes(app: FastifyInstance) {
  // Bodies here are streamed to disk by the handler, never parsed.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, _payload, done) => done(null));

  async function upload(request: FastifyRequest<{ Params: ObjectParams }>, mode: Mode) {
    const { bucketId, name } = objectTarget(request.params);
    const bucket = await requireBucket(app, bucketId);
    // Cheap early answers; the insert or update below is what actually decides.
    const existing = mode === 'upsert' ? null : await app.metadata.findObject(bucketId, name);
    if (mode === 'create' && existing) throw errors.keyAlreadyExists();
    if (mode === 'replace' && !existing) throw errors.noSuchKey();

    const maxBytes = bucket.file_size_limit
      ? Math.min(app.storageConfig.fileSizeLimit, bucket.file_size_limit)
      : app.storageConfig.fileSizeLimit;
    const upload = await receiveUpload(request, app.disk, { maxBytes, allowedMimeTypes: bucket.allowed_mime_types });
    const { blob } = upload;
    // The declared type is the client's word; in an image-only bucket the bytes must agree.
    if (
      isImageOnly(bucket.allowed_mime_types) &&
      !bodyMatchesImageType(upload.mimetype, await readHead(blob.version))
    ) {
      await app.disk.remove([blob.version]);
      throw errors.invalidMimeType(`${upload.mimetype} (the content is not that image)`);
    }
    const metadata: ObjectMetadata = {
      eTag: blob.eTag,
      size: blob.size,
      mimetype: upload.mimetype,
      cacheControl: upload.cacheControl,
      lastModified: new Date().toISOString(),
      contentLength: blob.size,
      httpStatusCode: 200,
    };
    const row = { bucket_id: bucketId, name, version: blob.version, metadata, user_metadata: upload.userMetadata };

    let id: string;
    let displaced: string | null = null;
    try {
      if (mode === 'create') {
        id = await app.metadata.insertObject(row);
      } else if (mode === 'upsert') {
        ({ id, oldVersion: displaced } = await app.metadata.upsertObject(row));
      } else {
        const replaced = await app.metadata.replaceObject(row);
        if (!replaced) throw errors.noSuchKey();
        ({ id, oldVersion: displaced } = replaced);
      }
    } catch (error) {
      await app.disk.remove([blob.version]);
      throw error;
    }
    if (displaced) await app.disk.remove([displaced]);
    return { Id: id, Key: `${bucketId}/${name}` };
  }

  // uploadToSignedUrl: the token from /object/upload/sign is the credential (no service key).
  app.put<{ Params: ObjectParams; Querystring: { token?: string } }>(
    '/object/upload/sign/:bucket/*',
    { config: { public: true } },
    (request) => {
      const { bucketId: id, name } = objectTarget(request.params);
      const granted = verifyObjectToken(app.storageConfig.serviceKey, request.query.token ?? '', Date.now(), 'upload');
      if (granted !== `${id}/${name}`) throw errors.invalidSignature('The token does not grant this object');
      return upload(request, request.headers['x-upsert'] === 'true' ? 'upsert' : 'create');
    },
  );

  app.post<{ Params: ObjectParams }>('/object/:bucket/*', (request) =>
    upload(request, request.headers['x-upsert'] === 'true' ? 'upsert' : 'create'),
  );
  app.put<{ Params: ObjectParams }>('/object/:bucket/*', (request) => upload(request, 'replace'));

  async function readHead(version: string): Promise<Buffer> {
    const file = await app.disk.open(version);
    if (!file) return Buffer.alloc(0);
    try {
      const head = Buffer.alloc(SNIFF_BYTES);
      const { bytesRead } = await file.read(head, 0, SNIFF_BYTES, 0);
      return head.subarray(0, bytesRead);
    } finally {
      await file.close();
    }
  }
}
