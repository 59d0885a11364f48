import { describe, expect, it } from 'vitest';
import { uniqueRequests } from '../contract/coverage-data.ts';
import { phaseResult, testResult } from '../testing.ts';
import { coverageInputs, coveragePercent, endpointCoverage, pageCoverage } from './coverage.ts';

const OPERATIONS = [
  { method: 'GET', path: '/api/v1/brand-kits', operationId: 'listBrandKits' },
  { method: 'POST', path: '/api/v1/brand-kits' },
  { method: 'GET', path: '/api/v1/brand-kits/{id}' },
  { method: 'GET', path: '/api/v1/brand-kits/active' },
  { method: 'DELETE', path: '/api/v1/brand-kits/{id}' },
  { method: 'GET', path: '/api/v1/assets/{id}/file.{format}' },
  { method: 'GET', path: '/health' },
];
const A = { phase: 'e2e-smoke-api', file: 'apps/e2e-smoke-api/tests/kits.spec.ts', test: 'kits > a' };
const B = { phase: 'e2e-flows-ui', file: 'apps/e2e-flows-ui/tests/kits.spec.ts', test: 'kits > b' };

describe('endpointCoverage', () => {
  it('matches concrete paths to templates by method, preferring the most specific template, and keeps who reached each', () => {
    const coverage = endpointCoverage(
      OPERATIONS,
      [
        { ...A, method: 'get', path: '/api/v1/brand-kits/3f2a0c1e-9a51-4a8e-9d0b-2b0b6f4f7a10' },
        { ...A, method: 'GET', path: '/api/v1/brand-kits/active' },
        { ...B, method: 'GET', path: '/api/v1/brand-kits/active' },
        { ...B, method: 'GET', path: '/api/v1/brand-kits/active' },
        { ...A, method: 'POST', path: '/api/v1/brand-kits/' },
        { ...A, method: 'GET', path: '/api/v1/assets/a1/file.png?download=1' },
        { ...A, method: 'PUT', path: '/api/v1/brand-kits/x' },
        { ...B, method: 'GET', path: '/api/v1/nope' },
      ],
      ['e2e-health'],
    );
    expect(coverage).toMatchObject({
      covered: 4,
      total: 7,
      uncovered: ['GET /api/v1/brand-kits', 'DELETE /api/v1/brand-kits/{id}', 'GET /health'],
      unmatched: ['GET /api/v1/nope', 'PUT /api/v1/brand-kits/x'],
      listedBy: ['e2e-health'],
    });
    const hits = Object.fromEntries(coverage.items.map((i) => [i.key, i.hits]));
    expect(hits['GET /api/v1/brand-kits/{id}']).toEqual([
      { ...A, reached: 'GET /api/v1/brand-kits/3f2a0c1e-9a51-4a8e-9d0b-2b0b6f4f7a10' },
    ]);
    // Once per test and concrete request, however often it was sent.
    expect(hits['GET /api/v1/brand-kits/active']).toEqual([
      { ...A, reached: 'GET /api/v1/brand-kits/active' },
      { ...B, reached: 'GET /api/v1/brand-kits/active' },
    ]);
    expect(hits['GET /api/v1/assets/{id}/file.{format}']).toEqual([
      { ...A, reached: 'GET /api/v1/assets/a1/file.png?download=1' },
    ]);
    expect(coverage.items[0]).toEqual({ key: 'GET /api/v1/brand-kits', operationId: 'listBrandKits', hits: [] });
  });

  it('covers nothing with no requests, and says "-" for an empty surface', () => {
    const none = endpointCoverage(OPERATIONS, [], []);
    expect(none).toMatchObject({ covered: 0, total: 7 });
    expect(coveragePercent(none)).toBe('0%');
    expect(coveragePercent({ covered: 0, total: 0 })).toBe('-');
    expect(coveragePercent({ covered: 2, total: 3 })).toBe('66%');
  });
});

describe('pageCoverage', () => {
  it('matches visited paths to react-router patterns and lists what no test visited', () => {
    const visits = ['/', '/login', '/dashboard/', '/dashboard/brand-kits/new', '/docs/a/b', '/no-such-page'].map(
      (path) => ({ ...B, path }),
    );
    const coverage = pageCoverage(
      ['/', '/login', '/dashboard', '/dashboard/brand-kits', '/dashboard/brand-kits/:id', '/asset/:id', '/docs/*'],
      visits,
      ['e2e-flows-ui'],
    );
    expect(coverage).toMatchObject({
      covered: 5,
      total: 7,
      uncovered: ['/dashboard/brand-kits', '/asset/:id'],
      unmatched: ['/no-such-page'],
      listedBy: ['e2e-flows-ui'],
    });
    expect(coverage.items.find((i) => i.key === '/dashboard/brand-kits/:id')?.hits).toEqual([
      { ...B, reached: '/dashboard/brand-kits/new' },
    ]);
  });
});

describe('coverageInputs', () => {
  it('takes the surfaces each phase listed and what each of its tests reached, naming the test', () => {
    const inputs = coverageInputs([
      phaseResult({
        phase: 'e2e-health',
        coverable: { operations: [{ method: 'GET', path: '/health' }] },
        tests: [testResult({ name: 'h', requests: [{ method: 'GET', path: '/health' }] })],
      }),
      phaseResult({
        phase: 'e2e-smoke-ui',
        runner: 'playwright',
        coverable: { pages: ['/'] },
        tests: [testResult({ name: 'u', visitedRoutes: ['/'] })],
      }),
    ]);
    expect(inputs).toEqual({
      operations: [{ method: 'GET', path: '/health' }],
      operationsListedBy: ['e2e-health'],
      pages: ['/'],
      pagesListedBy: ['e2e-smoke-ui'],
      requests: [
        { phase: 'e2e-health', file: 'apps/e2e-demo/tests/demo.spec.ts', test: 'h', method: 'GET', path: '/health' },
      ],
      visits: [{ phase: 'e2e-smoke-ui', file: 'apps/e2e-demo/tests/demo.spec.ts', test: 'u', path: '/' }],
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
