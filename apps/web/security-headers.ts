/**
 * The headers a production deployment of the web app sends with every page, and which the
 * stack's server (`vite preview`) sends too, so the suite tests what users get. Documented in
 * docs/architecture.md ("Browser security headers").
 *
 * - Content-Security-Policy: scripts, styles, fonts and API calls only from this origin (the
 *   build has no inline script or style); images also from the storage service (logos, assets)
 *   and data:/blob: URLs (previews); no plugins; no <base> or form posts elsewhere; and
 *   `frame-ancestors 'none'`: no site may frame the login or reset forms (clickjacking).
 * - X-Frame-Options: DENY says the same to browsers that predate frame-ancestors.
 * - X-Content-Type-Options: nosniff: a response is only ever what its Content-Type says.
 * - Referrer-Policy: strict-origin-when-cross-origin: a reset link's token (in the URL) is never
 *   sent to another site.
 */
export function securityHeaders({ storageUrl }: { storageUrl?: string } = {}): Record<string, string> {
  const storage = storageUrl ? ` ${new URL(storageUrl).origin}` : '';
  const csp = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    `img-src 'self' data: blob:${storage}`,
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
  return {
    'Content-Security-Policy': csp,
    'X-Frame-Options': 'DENY',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
  };
}
