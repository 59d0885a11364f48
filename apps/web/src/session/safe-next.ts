/**
 * Where to go after signing in: `next` from the query when it is a page of this site, else the
 * dashboard. Decided by parsing it as the browser will, against this site's origin, not by
 * looking at its first characters: `/\evil.example` and `/<tab>/evil.example` parse to another
 * host. Backslashes and control characters are refused outright, whatever they parse to.
 */
export function safeNext(next: string | null, origin: string = window.location.origin): string {
  const fallback = '/dashboard';
  if (!next || !next.startsWith('/') || /[\\\u0000-\u001f\u007f]/.test(next)) return fallback;
  let url: URL;
  try {
    url = new URL(next, origin);
  } catch {
    return fallback;
  }
  if (url.origin !== new URL(origin).origin) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
