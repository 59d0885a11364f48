import { PHASE_RESULT_SCHEMA_VERSION, type PhaseResult, type TestResult } from './contract/phase-result.ts';
import type { RunReport } from './contract/run-report.ts';
import { aggregate } from './report/aggregate.ts';

// Builders for specs here and in tools/e2e-plugin: a valid result with only what a test cares
// about spelled out, so a schema change is fixed in one place.

export function testResult(overrides: Partial<TestResult> & Pick<TestResult, 'name'>): TestResult {
  return { file: 'apps/e2e-demo/tests/demo.spec.ts', status: 'passed', durationMs: 12, retries: 0, ...overrides };
}

export function phaseResult(overrides: Partial<PhaseResult> & Pick<PhaseResult, 'phase'>): PhaseResult {
  const tests = overrides.tests ?? [];
  const failed = tests.some((t) => t.status === 'failed') || (overrides.errors?.length ?? 0) > 0;
  // The end follows from the start and the duration unless given, so a spec that sets only the
  // duration still builds a valid result.
  const startedAt = overrides.startedAt ?? '2026-11-25T10:00:00.000Z';
  const durationMs = overrides.durationMs ?? 4200;
  return {
    schemaVersion: PHASE_RESULT_SCHEMA_VERSION,
    runner: 'vitest',
    status: failed ? 'failed' : 'passed',
    startedAt,
    endedAt: new Date(Date.parse(startedAt) + durationMs).toISOString(),
    durationMs,
    tests,
    errors: [],
    ...overrides,
  };
}

/**
 * A green run for renderer specs, the counterpart of {@link sampleRun}: both phases passed, one
 * test flaky (which does not fail the run by default), one skipped, nothing over budget.
 */
export function passingRun(options: { failOnFlaky?: boolean } = {}): {
  report: RunReport;
  results: Map<string, PhaseResult | undefined>;
} {
  const results = new Map<string, PhaseResult | undefined>([
    [
      'e2e-health',
      phaseResult({
        phase: 'e2e-health',
        runId: 'run-2',
        durationMs: 3000,
        tests: [
          testResult({ name: 'api > 200', durationMs: 1500 }),
          testResult({ name: 'redis > PING', status: 'flaky', retries: 2, error: { message: 'ECONNRESET' } }),
        ],
      }),
    ],
    [
      'e2e-smoke-api',
      phaseResult({
        phase: 'e2e-smoke-api',
        runId: 'run-2',
        startedAt: '2026-11-25T10:00:03.000Z',
        durationMs: 5000,
        tests: [
          testResult({ file: 'apps/e2e-smoke-api/tests/auth.spec.ts', name: 'auth > login' }),
          testResult({ file: 'apps/e2e-smoke-api/tests/auth.spec.ts', name: 'auth > oauth', status: 'skipped' }),
        ],
      }),
    ],
  ]);
  const report = aggregate(
    [
      { name: 'e2e-health', dependsOn: [] },
      { name: 'e2e-smoke-api', dependsOn: ['e2e-health'] },
    ],
    results,
    { generatedAt: '2026-11-25T10:00:09.000Z', runId: 'run-2', failOnFlaky: options.failOnFlaky ?? false },
  );
  return { report, results };
}

/**
 * A realistic run for renderer specs: health passed with a flaky test, smoke-ui failed with a
 * screenshot and trace, flows-ui not run behind it, database over budget; health lists the API's
 * operations and smoke-ui the pages, so both coverages are measured.
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
        coverable: {
          operations: [
            { method: 'GET', path: '/health', operationId: 'getHealth' },
            { method: 'POST', path: '/api/v1/auth/login', operationId: 'login' },
            { method: 'GET', path: '/api/v1/auth/oauth/{provider}' },
          ],
        },
        tests: [
          testResult({ name: 'api > 200', requests: [{ method: 'GET', path: '/health' }] }),
          testResult({ name: 'redis > PING', status: 'flaky', retries: 1, error: { message: 'ECONNRESET' } }),
        ],
      }),
    ],
    [
      'e2e-database',
      phaseResult({
        phase: 'e2e-database',
        runId: 'run-1',
        ...at(30, 50),
        tests: [testResult({ name: 'rls > owner sees own rows' })],
      }),
    ],
    [
      'e2e-smoke-ui',
      phaseResult({
        phase: 'e2e-smoke-ui',
        runner: 'playwright',
        runId: 'run-1',
        ...at(30, 62),
        coverable: { pages: ['/', '/login', '/dashboard'] },
        tests: [
          testResult({
            file: 'apps/e2e-smoke-ui/tests/auth-pages.spec.ts',
            name: 'auth pages > login <form>',
            visitedRoutes: ['/login', '/nowhere'],
            requests: [{ method: 'POST', path: '/api/v1/auth/login' }],
          }),
          testResult({
            file: 'apps/e2e-smoke-ui/tests/public-pages.spec.ts',
            visitedRoutes: ['/'],
            name: 'public pages > the landing page <loads>',
            status: 'failed',
            error: {
              message: 'expect(page).toHaveTitle(expected) failed\nExpected: "StreamKit"',
              stack: 'Error: at public-pages.spec.ts:7',
            },
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
    { generatedAt: '2026-11-25T10:01:05.000Z', runId: 'run-1' },
  );
  return { report, results };
}
