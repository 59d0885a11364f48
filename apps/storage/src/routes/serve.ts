import { posix } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { errors } from '../errors.ts';
import type { StoredObject } from '../store/metadata.ts';

export interface ServeOptions {
  head: boolean;
  /** `?download` (empty: the object's own file name) asks for `Content-Disposition: attachment`. */
  download?: string;
}

/**
 * The object row and an open handle on its blob. An upsert may replace and delete the blob between
 * the lookup and the open; looking again then finds the new version.
 */
async function openCurrent(app: FastifyInstance, bucketId: string, name: string) {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const object = await app.metadata.findObject(bucketId, name);
    if (!object) break;
    const file = await app.disk.open(object.version);
    if (file) return { object, file };
  }
  throw (await app.metadata.getBucket(bucketId)) ? errors.noSuchKey() : errors.noSuchBucket();
}

export async function sendObject(
  app: FastifyInstance,
  reply: FastifyReply,
  bucketId: string,
  name: string,
  options: ServeOptions,
) {
  const { object, file } = await openCurrent(app, bucketId, name);
  let size: number;
  try {
    size = (await file.stat()).size;
  } catch (error) {
    await file.close();
    throw error;
  }
  setObjectHeaders(reply, object, size);
  if (options.download !== undefined) {
    const filename = options.download || posix.basename(name);
    reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`);
  }
  if (options.head) {
    await file.close();
    return reply.send();
  }
  // The stream closes the handle when it ends or is destroyed (client gone).
  return reply.send(file.createReadStream({ autoClose: true }));
}

function setObjectHeaders(reply: FastifyReply, object: StoredObject, size: number) {
  reply
    .header('content-type', object.metadata.mimetype)
    .header('content-length', size)
    .header('etag', object.metadata.eTag)
    .header('last-modified', object.updated_at.toUTCString())
    .header('cache-control', object.metadata.cacheControl)
    // The browser takes the content type as given, and anything it would render as a page (an
    // uploaded HTML or SVG, opened directly) runs sandboxed, with no script and no origin.
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox");
}

/** `GET /object/info/...`: Supabase's info renderer; storage-js camel-cases the keys. */
export function objectInfo(object: StoredObject) {
  return {
    id: object.id,
    name: object.name,
    version: object.version,
    bucket_id: object.bucket_id,
    size: object.metadata.size,
    content_type: object.metadata.mimetype,
    cache_control: object.metadata.cacheControl,
    etag: object.metadata.eTag,
    // Supabase answers {} for an object uploaded without metadata.
    metadata: object.user_metadata ?? {},
    last_modified: object.updated_at,
    created_at: object.created_at,
  };
}
