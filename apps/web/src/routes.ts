/**
 * The web app's route manifest: the single list of its pages. The router is built from it, and
 * the UI phases read it for page coverage and to generate their "signed out → login" checks.
 * Pure data and a matcher, no React, so Node (Playwright, the report) can import it.
 */
export interface RouteEntry {
  /** Stable id; the router maps it to the page component of the same name. */
  id: string;
  /** Absolute react-router path pattern (`:param` segments allowed). */
  path: string;
  /** The page's heading and document title. */
  title: string;
  /** True: signed-out visitors are sent to `/login?next=<path>`. */
  auth: boolean;
}

export const routes = [
  { id: 'landing', path: '/', title: 'StreamKit', auth: false },
  { id: 'login', path: '/login', title: 'Log in', auth: false },
  { id: 'signup', path: '/signup', title: 'Create your account', auth: false },
  { id: 'forgotPassword', path: '/forgot-password', title: 'Forgot your password?', auth: false },
  { id: 'resetPassword', path: '/reset-password', title: 'Choose a new password', auth: false },
  { id: 'oauthCallback', path: '/oauth/callback', title: 'Signing you in', auth: false },
  { id: 'publicAsset', path: '/asset/:id', title: 'Shared asset', auth: false },
  { id: 'overview', path: '/dashboard', title: 'Overview', auth: true },
  { id: 'brandKits', path: '/dashboard/brand-kits', title: 'Brand kits', auth: true },
  { id: 'brandKitEdit', path: '/dashboard/brand-kits/:id', title: 'Edit brand kit', auth: true },
  { id: 'quickCreate', path: '/dashboard/quick-create', title: 'Quick create', auth: true },
  { id: 'jobs', path: '/dashboard/jobs', title: 'Generation jobs', auth: true },
  { id: 'assets', path: '/dashboard/assets', title: 'Assets', auth: true },
  { id: 'twitch', path: '/dashboard/twitch', title: 'Twitch', auth: true },
  { id: 'coach', path: '/dashboard/coach', title: 'Coach', auth: true },
  { id: 'settings', path: '/dashboard/settings', title: 'Settings', auth: true },
] as const satisfies readonly RouteEntry[];

export type RouteId = (typeof routes)[number]['id'];

/** Pages reached by a link (no `:param` in their path): the ones navigation lists. */
export function isNavigable(route: RouteEntry): boolean {
  return !route.path.includes('/:');
}

/** A visitable path for a pattern: each `:param` filled with a well-formed id that matches nothing. */
export function examplePath(route: RouteEntry): string {
  return route.path.replace(/:[^/]+/g, '00000000-0000-4000-8000-000000000000');
}

/** What unknown paths render; not a route of its own, so it is not in `routes`. */
export const NOT_FOUND_TITLE = 'Page not found';

/** The manifest entry whose pattern matches `pathname` (query and hash ignored), if any. */
export function matchRoute(pathname: string): RouteEntry | undefined {
  const segments = split(pathname);
  return routes.find((route) => {
    const pattern = split(route.path);
    return pattern.length === segments.length && pattern.every((p, i) => p.startsWith(':') || p === segments[i]);
  });
}

function split(path: string): string[] {
  return path.split(/[?#]/)[0]!.split('/').filter(Boolean);
}
