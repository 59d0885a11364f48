import type { FastifyInstance, FastifyRequest } from 'fastify';
import { errors } from '../errors.ts';
import type { ObjectMetadata } from '../store/metadata.ts';
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

  app.post<{ Params: ObjectParams }>('/object/:bucket/*', (request) =>
    upload(request, request.headers['x-upsert'] === 'true' ? 'upsert' : 'create'),
  );
  app.put<{ Params: ObjectParams }>('/object/:bucket/*', (request) => upload(request, 'replace'));
}
