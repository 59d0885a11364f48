// Names that reach the database or a response header. The rules follow Supabase Storage
// (supabase/storage `src/storage/limits.ts`) so that code passing here also passes there.

/** S3 bucket-naming characters, ASCII only; the hyphen is last so it stays a literal. */
const BUCKET_NAME = /^[A-Za-z0-9_!.*'() &$=@;:+,?-]+$/;

/**
 * Rejects controls (C0, DEL, C1), S3's "characters to avoid", invisible or direction-changing
 * code points that let a key hide or spoof a path, and lone surrogates (with the `u` flag the
 * surrogate range only matches unpaired halves).
 */
// A lone combining mark (U+034F) is exactly what this class is for.
const FORBIDDEN_IN_KEY =
  // eslint-disable-next-line no-misleading-character-class
  /[\u0000-\u001f\u007f-\u009f#[\]{}^`"<>\\|%~\u00ad\u034f\u061c\u180e\u200b\u200e\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ud800-\udfff]/u;

const MAX_KEY_BYTES = 1024;

export function isValidBucketName(name: string): boolean {
  return name.length <= 100 && BUCKET_NAME.test(name) && name !== '.' && name !== '..';
}

/**
 * Returns the key in NFC form, or null when it is not an acceptable object name: empty, longer
 * than 1024 UTF-8 bytes, absolute, with an empty, `.` or `..` segment, or with a forbidden
 * character (which includes NUL and the backslash).
 */
export function normalizeObjectKey(raw: string): string | null {
  const key = raw.normalize('NFC');
  if (key.length === 0 || Buffer.byteLength(key, 'utf8') > MAX_KEY_BYTES) return null;
  if (FORBIDDEN_IN_KEY.test(key)) return null;
  const segments = key.split('/');
  if (segments.some((segment) => segment === '' || segment === '.' || segment === '..')) return null;
  return key;
}

/** Header-safe text: printable ASCII only, so echoing it in a response header cannot fail. */
export function isHeaderSafe(value: string, maxLength = 256): boolean {
  return value.length <= maxLength && /^[\x20-\x7e]*$/.test(value);
}

/** Supabase accepts a bucket size limit as bytes or as text with a decimal unit (`20MB`). */
export function parseSizeLimit(value: number | string): number | null {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? value : null;
  const match = /^(\d+(?:\.\d+)?)\s*(gb|mb|kb|b)?$/i.exec(value.trim());
  if (!match) return null;
  const units = { gb: 1e9, mb: 1e6, kb: 1e3, b: 1 } as const;
  const bytes = Math.round(Number(match[1]) * units[(match[2]?.toLowerCase() ?? 'b') as keyof typeof units]);
  return Number.isSafeInteger(bytes) ? bytes : null;
}

/** Whether `mimetype` (parameters ignored) is covered by a bucket's list, which may hold `image/*`. */
export function isMimeTypeAllowed(mimetype: string, allowed: readonly string[] | null): boolean {
  if (!allowed || allowed.length === 0) return true;
  const base = mimetype.split(';')[0]!.trim().toLowerCase();
  return allowed.some((pattern) => {
    const wanted = pattern.trim().toLowerCase();
    return wanted.endsWith('/*') ? base.startsWith(wanted.slice(0, -1)) : base === wanted;
  });
}
