import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signed, expiring links to logo images, served by the API itself:
 * `/api/v1/logo-files/<storage path>?expires=<unix seconds>&signature=<HMAC of both>`.
 *
 * Why signed rather than public: a brand kit is private to its owner (row-level security, 404 for
 * anyone else), and a public bucket URL would stay readable by anyone who ever saw it. Why through
 * the API: the web app serves the API under /api on its own origin, so the link works in an
 * <img> there without CORS and without a bearer token (which an <img> cannot send), and the
 * storage service never has to be reachable from browsers.
 *
 * Each upload gets a new object path, so a replaced or deleted logo's old links stop working.
 * Expiry is rounded up to the next hour boundary plus one hour, so links handed out within the
 * same hour are identical and the browser's cache keeps working between page loads.
 */
export const LOGO_FILES_PATH = '/api/v1/logo-files';

const HOUR_SECONDS = 3600;

const sign = (key: Buffer, path: string, expires: number) =>
  createHmac('sha256', key).update(`${path}\n${expires}`).digest('base64url');

export function signLogoUrl(key: Buffer, storagePath: string, now = Date.now()): { url: string; expiresAt: Date } {
  const expires = (Math.floor(now / 1000 / HOUR_SECONDS) + 2) * HOUR_SECONDS;
  const query = new URLSearchParams({ expires: String(expires), signature: sign(key, storagePath, expires) });
  return { url: `${LOGO_FILES_PATH}/${storagePath}?${query}`, expiresAt: new Date(expires * 1000) };
}

/** Whether the link to `storagePath` is genuine and not expired. */
export function verifyLogoUrl(
  key: Buffer,
  storagePath: string,
  expires: number,
  signature: string,
  now = Date.now(),
): boolean {
  if (!Number.isSafeInteger(expires) || expires * 1000 <= now) return false;
  const expected = Buffer.from(sign(key, storagePath, expires));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
