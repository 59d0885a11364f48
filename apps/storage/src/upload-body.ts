import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import type { FastifyRequest } from 'fastify';
import { errors } from './errors.ts';
import { isHeaderSafe, isMimeTypeAllowed } from './keys.ts';
import type { DiskStore, WrittenBlob } from './store/disk.ts';

export interface UploadLimits {
  maxBytes: number;
  allowedMimeTypes: string[] | null;
}

export interface ReceivedUpload {
  blob: WrittenBlob;
  mimetype: string;
  cacheControl: string;
  userMetadata: Record<string, unknown> | null;
}

/** Room for the boundaries and the small fields around the file in a multipart body. */
const MULTIPART_SLACK = 64 * 1024;

/**
 * Streams an upload body into a new blob, the two ways storage-js sends one: the raw bytes with
 * `content-type`, `cache-control` and `x-metadata` headers (Buffer, ArrayBuffer, string, stream),
 * or multipart form data with `cacheControl`, `metadata` and the file (Blob, File, FormData).
 */
export async function receiveUpload(
  request: FastifyRequest,
  disk: DiskStore,
  limits: UploadLimits,
): Promise<ReceivedUpload> {
  const contentType = request.headers['content-type'] ?? '';
  const multipart = /^multipart\/form-data\s*;/i.test(contentType);
  const declaredLength = Number(request.headers['content-length']);
  if (declaredLength > limits.maxBytes + (multipart ? MULTIPART_SLACK : 0)) throw errors.entityTooLarge();
  return multipart ? receiveMultipart(request, disk, limits, contentType) : receiveRaw(request, disk, limits);
}

async function receiveRaw(request: FastifyRequest, disk: DiskStore, limits: UploadLimits): Promise<ReceivedUpload> {
  const mimetype = request.headers['content-type'] || 'application/octet-stream';
  if (!isMimeTypeAllowed(mimetype, limits.allowedMimeTypes)) throw errors.invalidMimeType(mimetype);
  const encodedMetadata = request.headers['x-metadata'];
  const userMetadata =
    typeof encodedMetadata === 'string' ? parseUserMetadata(Buffer.from(encodedMetadata, 'base64').toString()) : null;
  const blob = await disk.write(request.raw, limits.maxBytes);
  return { blob, mimetype, cacheControl: request.headers['cache-control'] || 'no-cache', userMetadata };
}

async function receiveMultipart(
  request: FastifyRequest,
  disk: DiskStore,
  limits: UploadLimits,
  contentType: string,
): Promise<ReceivedUpload> {
  const ceiling = limits.maxBytes + MULTIPART_SLACK;
  let tooLarge = false;
  // The Fetch API's parser buffers the whole body, so the stream it reads stops at the ceiling.
  async function* bounded() {
    let seen = 0;
    for await (const chunk of request.raw as AsyncIterable<Buffer>) {
      seen += chunk.length;
      if (seen <= ceiling) yield chunk;
      else tooLarge = true;
      // Past twice the ceiling, stop draining and let the connection drop.
      if (seen > 2 * ceiling) break;
    }
  }
  let form: FormData;
  try {
    form = await new Request('http://storage.invalid/', {
      method: 'POST',
      headers: { 'content-type': contentType },
      body: Readable.toWeb(Readable.from(bounded())) as ReadableStream,
      duplex: 'half',
    } as RequestInit).formData();
  } catch {
    throw tooLarge ? errors.entityTooLarge() : errors.invalidRequest('The multipart body could not be read');
  }
  if (tooLarge) throw errors.entityTooLarge();

  const file = [...form.values()].find((value) => typeof value !== 'string') as Blob | undefined;
  if (!file) throw errors.invalidRequest('The multipart body holds no file');
  const mimetype = file.type || 'application/octet-stream';
  if (!isHeaderSafe(mimetype)) throw errors.invalidRequest('Invalid content type');
  if (!isMimeTypeAllowed(mimetype, limits.allowedMimeTypes)) throw errors.invalidMimeType(mimetype);
  const cacheSeconds = form.get('cacheControl');
  const cacheControl = typeof cacheSeconds === 'string' && cacheSeconds !== '' ? `max-age=${cacheSeconds}` : 'no-cache';
  if (!isHeaderSafe(cacheControl)) throw errors.invalidRequest('Invalid cacheControl');
  const metadata = form.get('metadata');
  const userMetadata = typeof metadata === 'string' ? parseUserMetadata(metadata) : null;

  const blob = await disk.write(Readable.fromWeb(file.stream() as NodeReadableStream), limits.maxBytes);
  return { blob, mimetype, cacheControl, userMetadata };
}

function parseUserMetadata(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // answered below
  }
  throw errors.invalidRequest('Metadata must be a JSON object');
}
