import { aggregate } from './aggregate.ts';
import type { RunReport } from './run-report.ts';
import type { PhaseResult, TestResult } from './schema.ts';

// Builders for specs here and in tools/e2e-plugin: a valid result with only what a test cares
// about spelled out, so a schema change is fixed in one place.

export function testResult(overrides: Partial<TestResult> & Pick<TestResult, 'name'>): TestResult {
  return { file: 'apps/e2e-demo/tests/demo.spec.ts', status: 'passed', durationMs: 12, retries: 0, ...overrides };
}

export function phaseResult(overrides: Partial<PhaseResult> & Pick<PhaseResult, 'phase'>): PhaseResult {
  const tests = overrides.tests ?? [];
  const failed = tests.some((t) => t.status === 'failed') || (overrides.errors?.length ?? 0) > 0;
  return {
    schemaVersion: 1,
    runner: 'vitest',
    status: failed ? 'failed' : 'passed',
    startedAt: '2026-11-25T10:00:00.000Z',
    endedAt: '2026-11-25T10:00:04.200Z',
    durationMs: 4200,
    tests,
    errors: [],
    ...overrides,
  };
}

/**
 * A realistic run for renderer specs: health passed with a flaky test, smoke-ui failed with a
 * screenshot and trace, flows-ui not run behind it, database over budget; coverage measured.
 */
export function sampleRun(): { report: RunReport; results: Map<string, PhaseResult | undefined> } {
  const at = (start: number, end: number) => ({
    startedAt: new Date(Date.UTC(2026, 10, 25, 10, 0, start)).toISOString(),
    endedAt: new Date(Date.UTC(2026, 10, 25, 10, 0, end)).toISOString(),
    durationMs: (end - start) * 1000,
  });
  const results = new Map<string, PhaseResult | undefined>([
    [
      'e2e-health',
      phaseResult({
        phase: 'e2e-health',
        runId: 'run-1',
        ...at(0, 30),
        setupMs: 22_000,
        tests: [testResult({ name: 'api > 200' }), testResult({ name: 'redis > PING', status: 'flaky', retries: 1, error: { message: 'ECONNRESET' } })],
      }),
    ],
    ['e2e-database', phaseResult({ phase: 'e2e-database', runId: 'run-1', ...at(30, 50), tests: [testResult({ name: 'rls > owner sees own rows' })] })],
    [
      'e2e-smoke-ui',
      phaseResult({
        phase: 'e2e-smoke-ui',
        runner: 'playwright',
        runId: 'run-1',
        ...at(30, 62),
        visitedRoutes: ['/', '/login'],
        tests: [
          testResult({
            file: 'apps/e2e-smoke-ui/tests/public-pages.spec.ts',
            name: 'public pages > the landing page <loads>',
            status: 'failed',
            error: { message: 'expect(page).toHaveTitle(expected) failed\nExpected: "StreamKit"', stack: 'Error: at public-pages.spec.ts:7' },
            attachments: [
              { name: 'screenshot', path: 'dist/e2e/e2e-smoke-ui/test-results/public-pages-landing/test-failed-1.png' },
              { name: 'trace', path: 'dist/e2e/e2e-smoke-ui/test-results/public-pages-landing/trace.zip' },
            ],
          }),
        ],
      }),
    ],
  ]);
  const report = aggregate(
    [
      { name: 'e2e-health', dependsOn: [] },
      { name: 'e2e-database', dependsOn: ['e2e-health'] },
      { name: 'e2e-smoke-ui', dependsOn: ['e2e-health'] },
      { name: 'e2e-flows-ui', dependsOn: ['e2e-smoke-ui'] },
    ],
    results,
    {
      generatedAt: '2026-11-25T10:01:05.000Z',
      runId: 'run-1',
      coverage: {
        endpoints: { covered: 7, total: 9, uncovered: ['GET /api/v1/auth/oauth/{provider}', 'POST /api/v1/auth/refresh'], unmatched: [], source: 'dist/e2e/e2e-smoke-api/openapi.json' },
        pages: { covered: 2, total: 3, uncovered: ['/dashboard'], unmatched: ['/nowhere'], source: 'apps/web/src/routes.ts' },
      },
    },
  );
  return { report, results };
}
