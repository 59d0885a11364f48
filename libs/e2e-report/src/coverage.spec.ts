import { describe, expect, it } from 'vitest';
import { coveragePercent, endpointCoverage, pageCoverage } from './coverage.ts';
import { uniqueRequests } from './recorded-requests.ts';

const OPERATIONS = [
  { method: 'GET', path: '/api/v1/brand-kits' },
  { method: 'POST', path: '/api/v1/brand-kits' },
  { method: 'GET', path: '/api/v1/brand-kits/{id}' },
  { method: 'GET', path: '/api/v1/brand-kits/active' },
  { method: 'DELETE', path: '/api/v1/brand-kits/{id}' },
  { method: 'GET', path: '/api/v1/assets/{id}/file.{format}' },
  { method: 'GET', path: '/health' },
];

describe('endpointCoverage', () => {
  it('matches concrete paths to templates by method, preferring the most specific template', () => {
    const coverage = endpointCoverage(
      OPERATIONS,
      [
        { method: 'get', path: '/api/v1/brand-kits/3f2a0c1e-9a51-4a8e-9d0b-2b0b6f4f7a10' },
        { method: 'GET', path: '/api/v1/brand-kits/active' },
        { method: 'POST', path: '/api/v1/brand-kits/' },
        { method: 'GET', path: '/api/v1/assets/a1/file.png?download=1' },
        { method: 'PUT', path: '/api/v1/brand-kits/x' },
        { method: 'GET', path: '/api/v1/nope' },
      ],
      'dist/e2e/e2e-smoke-api/openapi.json',
    );
    expect(coverage).toEqual({
      covered: 4,
      total: 7,
      uncovered: ['GET /api/v1/brand-kits', 'DELETE /api/v1/brand-kits/{id}', 'GET /health'],
      unmatched: ['GET /api/v1/nope', 'PUT /api/v1/brand-kits/x'],
      source: 'dist/e2e/e2e-smoke-api/openapi.json',
    });
  });

  it('covers nothing with no requests, and says "-" for an empty surface', () => {
    const none = endpointCoverage(OPERATIONS, [], 'x');
    expect(none).toMatchObject({ covered: 0, total: 7 });
    expect(coveragePercent(none)).toBe('0%');
    expect(coveragePercent({ covered: 0, total: 0 })).toBe('-');
    expect(coveragePercent({ covered: 2, total: 3 })).toBe('66%');
  });
});

describe('pageCoverage', () => {
  it('matches visited paths to react-router patterns and lists what no test visited', () => {
    const coverage = pageCoverage(
      ['/', '/login', '/dashboard', '/dashboard/brand-kits', '/dashboard/brand-kits/:id', '/asset/:id', '/docs/*'],
      ['/', '/login', '/dashboard/', '/dashboard/brand-kits/new', '/docs/a/b', '/no-such-page'],
      'apps/web/src/routes.ts',
    );
    expect(coverage).toEqual({
      covered: 5,
      total: 7,
      uncovered: ['/dashboard/brand-kits', '/asset/:id'],
      unmatched: ['/no-such-page'],
      source: 'apps/web/src/routes.ts',
    });
  });
});

describe('uniqueRequests', () => {
  it('dedupes by method (any case) and path, sorted by path then method', () => {
    expect(
      uniqueRequests([
        { method: 'post', path: '/b' },
        { method: 'GET', path: '/b' },
        { method: 'POST', path: '/b' },
        { method: 'GET', path: '/a' },
      ]),
    ).toEqual([
      { method: 'GET', path: '/a' },
      { method: 'GET', path: '/b' },
      { method: 'POST', path: '/b' },
    ]);
  });
});
