import type { FastifyInstance } from 'fastify';
import { errors } from '../errors.ts';
import { isValidBucketName, normalizeObjectKey } from '../keys.ts';
import type { Bucket } from '../store/metadata.ts';

/** Route params of `/object/.../:bucket/*`. */
export interface ObjectParams {
  bucket: string;
  '*': string;
}

export function bucketId(raw: string): string {
  if (!isValidBucketName(raw)) throw errors.invalidBucketName();
  return raw;
}

export function objectKey(raw: string): string {
  const key = normalizeObjectKey(raw);
  if (key === null) throw errors.invalidKey(raw);
  return key;
}

export function objectTarget(params: ObjectParams): { bucketId: string; name: string } {
  return { bucketId: bucketId(params.bucket), name: objectKey(params['*']) };
}

export async function requireBucket(app: FastifyInstance, id: string): Promise<Bucket> {
  const bucket = await app.metadata.getBucket(id);
  if (!bucket) throw errors.noSuchBucket();
  return bucket;
}
