/**
 * An expected failure, answered as Supabase Storage answers it: `{ statusCode, code, error, message }`
 * where `statusCode` is a string. storage-js reads `message` (then `error`) into `StorageApiError`.
 *
 * One deliberate difference: Supabase sends most 4xx with HTTP 400 and the real status only in the
 * body; here the HTTP status is the real one too (404, 409, 413…), which is what tests assert on.
 */
export class StorageError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    readonly error: string,
    message: string,
  ) {
    super(message);
  }

  toBody() {
    return { statusCode: String(this.statusCode), code: this.code, error: this.error, message: this.message };
  }
}

const fail = (status: number, code: string, error: string, message: string) =>
  new StorageError(status, code, error, message);

/** Codes, `error` names and messages copied from Supabase Storage's `ERRORS`. */
export const errors = {
  noSuchBucket: () => fail(404, 'NoSuchBucket', 'Bucket not found', 'Bucket not found'),
  noSuchKey: () => fail(404, 'NoSuchKey', 'not_found', 'Object not found'),
  bucketAlreadyExists: () => fail(409, 'BucketAlreadyExists', 'Duplicate', 'The resource already exists'),
  keyAlreadyExists: () => fail(409, 'KeyAlreadyExists', 'Duplicate', 'The resource already exists'),
  bucketNotEmpty: () =>
    fail(409, 'ResourceNotEmpty', 'ResourceNotEmpty', 'The bucket you tried to delete is not empty'),
  invalidBucketName: () => fail(400, 'InvalidBucketName', 'Invalid Input', 'Bucket name invalid'),
  invalidKey: (key: string) => fail(400, 'InvalidKey', 'InvalidKey', `Invalid key: ${key}`),
  invalidRequest: (message: string) => fail(400, 'InvalidRequest', 'InvalidRequest', message),
  entityTooLarge: () =>
    fail(413, 'EntityTooLarge', 'Payload too large', 'The object exceeded the maximum allowed size'),
  invalidMimeType: (mimetype: string) =>
    fail(415, 'InvalidMimeType', 'invalid_mime_type', `mime type ${mimetype} is not supported`),
  invalidSignature: (message = 'Invalid signature') => fail(400, 'InvalidSignature', 'InvalidSignature', message),
  expiredToken: () => fail(400, 'ExpiredToken', 'ExpiredToken', 'The provided token has expired.'),
  unauthorized: (message: string) => fail(401, 'Unauthorized', 'Unauthorized', message),
};
