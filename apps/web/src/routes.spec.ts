import { describe, expect, it } from 'vitest';
import { examplePath, isNavigable, matchRoute, routes } from './routes';

describe('the route manifest', () => {
  it('lists every path once, each absolute', () => {
    const paths = routes.map((route) => route.path);
    expect(new Set(paths).size).toBe(paths.length);
    expect(paths.every((path) => path.startsWith('/'))).toBe(true);
  });

  it('puts every signed-in page under /dashboard, and only those', () => {
    for (const route of routes) expect(route.auth, route.path).toBe(route.path.startsWith('/dashboard'));
  });
});

describe('matchRoute', () => {
  it('finds the entry of a visited path, ignoring query, hash and a trailing slash', () => {
    expect(matchRoute('/')?.id).toBe('landing');
    expect(matchRoute('/reset-password?token=abc')?.id).toBe('resetPassword');
    expect(matchRoute('/oauth/callback#access_token=x')?.id).toBe('oauthCallback');
    expect(matchRoute('/dashboard/jobs/')?.id).toBe('jobs');
  });

  it('finds nothing for a path the app does not have', () => {
    expect(matchRoute('/no-such-page')).toBeUndefined();
    expect(matchRoute('/dashboard/jobs/extra')).toBeUndefined();
  });
});

describe('isNavigable and examplePath', () => {
  it('keep pages with parameters out of navigation, and give them a path that matches their entry', () => {
    const edit = routes.find((route) => route.id === 'brandKitEdit')!;
    expect(isNavigable(edit)).toBe(false);
    expect(isNavigable(routes.find((route) => route.id === 'brandKits')!)).toBe(true);
    expect(matchRoute(examplePath(edit))?.id).toBe('brandKitEdit');
    expect(examplePath(edit)).not.toContain(':');
  });
});
