import { describe, expect, it } from 'vitest';
import { aggregate, NO_API_OPERATIONS, NO_PAGES, type PhaseNode } from './aggregate.ts';
import type { PhaseResult } from '../contract/phase-result.ts';
import { phaseResult, testResult } from '../testing.ts';

// The shape of the real graph: health gates everything, flows wait for smoke.
const GRAPH: PhaseNode[] = [
  { name: 'e2e-flows-api', dependsOn: ['e2e-smoke-api'] },
  { name: 'e2e-smoke-api', dependsOn: ['e2e-health', 'stack'] },
  { name: 'e2e-database', dependsOn: ['e2e-health'] },
  { name: 'e2e-health', dependsOn: [] },
];
const AT = '2026-11-25T10:05:00.000Z';

const healthPassed = phaseResult({
  phase: 'e2e-health',
  tests: [
    testResult({ name: 'api > 200' }),
    testResult({ name: 'redis > PING', status: 'flaky', retries: 1, error: { message: 'ECONNRESET' } }),
    testResult({ name: 'storage > upload', status: 'skipped' }),
  ],
});
const smokeFailed = phaseResult({
  phase: 'e2e-smoke-api',
  tests: [
    testResult({ name: 'auth > signup' }),
    testResult({
      file: 'apps/e2e-smoke-api/tests/auth.spec.ts',
      name: 'auth > login > rejects a wrong password',
      status: 'failed',
      error: { message: 'expected 401, got 200' },
      attachments: [{ name: 'response', path: 'dist/e2e/e2e-smoke-api/login.json' }],
    }),
  ],
});

function run(results: Record<string, PhaseResult>, unreadable?: Map<string, string[]>) {
  return aggregate(GRAPH, new Map(Object.entries(results)), { generatedAt: AT, unreadable });
}

describe('aggregate', () => {
  it('passes when every phase ran and passed, counting flaky apart from passed', () => {
    const report = run({
      'e2e-health': healthPassed,
      'e2e-smoke-api': phaseResult({ phase: 'e2e-smoke-api', tests: [testResult({ name: 'a' })] }),
      'e2e-flows-api': phaseResult({ phase: 'e2e-flows-api' }),
      'e2e-database': phaseResult({ phase: 'e2e-database' }),
    });
    expect(report.verdict).toBe('passed');
    expect(report.generatedAt).toBe(AT);
    expect(report.totals).toEqual({ passed: 2, failed: 0, skipped: 1, flaky: 1, quarantined: 0 });
    expect(report.flaky).toEqual([
      {
        phase: 'e2e-health',
        file: 'apps/e2e-demo/tests/demo.spec.ts',
        name: 'redis > PING',
        retries: 1,
        error: { message: 'ECONNRESET' },
      },
    ]);
    expect(report.failures).toEqual([]);
  });

  it('orders dependencies first, then by name, ignoring dependencies that are not phases', () => {
    const report = run({});
    expect(report.phases.map((p) => p.name)).toEqual(['e2e-health', 'e2e-database', 'e2e-smoke-api', 'e2e-flows-api']);
    expect(report.phases.find((p) => p.name === 'e2e-smoke-api')?.dependsOn).toEqual(['e2e-health']);
  });

  it('marks phases downstream of a failure as not run, naming the phase that failed', () => {
    const report = run({ 'e2e-health': healthPassed, 'e2e-smoke-api': smokeFailed });
    const byName = Object.fromEntries(report.phases.map((p) => [p.name, p]));
    expect(report.verdict).toBe('failed');
    expect(byName['e2e-smoke-api']).toMatchObject({
      status: 'failed',
      counts: { passed: 1, failed: 1, skipped: 0, flaky: 0, quarantined: 0 },
      durationMs: 4200,
    });
    expect(byName['e2e-flows-api']).toMatchObject({
      status: 'not-run',
      notRunReason: 'e2e-smoke-api failed',
      startedAt: null,
    });
    expect(byName['e2e-database']).toMatchObject({ status: 'not-run', notRunReason: 'no results file' });
    expect(report.failures).toEqual([
      {
        phase: 'e2e-smoke-api',
        file: 'apps/e2e-smoke-api/tests/auth.spec.ts',
        name: 'auth > login > rejects a wrong password',
        error: { message: 'expected 401, got 200' },
        attachments: [{ name: 'response', path: 'dist/e2e/e2e-smoke-api/login.json' }],
      },
    ]);
  });

  it('names the root failure two hops downstream and ignores results left from an earlier run', () => {
    const stale = phaseResult({ phase: 'e2e-flows-api', tests: [testResult({ name: 'old pass' })] });
    const health = phaseResult({
      phase: 'e2e-health',
      status: 'failed',
      errors: ['globalSetup: E2E_REDIS_URL is not set'],
    });
    const report = run({ 'e2e-health': health, 'e2e-flows-api': stale });
    const reasons = Object.fromEntries(report.phases.map((p) => [p.name, p.notRunReason]));
    expect(reasons).toEqual({
      'e2e-health': undefined,
      'e2e-database': 'e2e-health failed',
      'e2e-smoke-api': 'e2e-health failed',
      'e2e-flows-api': 'e2e-health failed',
    });
    expect(report.totals.passed).toBe(0);
    expect(report.phases[0]?.errors).toEqual(['globalSetup: E2E_REDIS_URL is not set']);
  });

  it('says which dependency did not run when nothing failed upstream', () => {
    const report = run({ 'e2e-flows-api': phaseResult({ phase: 'e2e-flows-api' }) });
    expect(report.phases.find((p) => p.name === 'e2e-smoke-api')?.notRunReason).toBe('e2e-health not run');
    expect(report.phases.find((p) => p.name === 'e2e-flows-api')?.notRunReason).toBe('e2e-smoke-api not run');
  });

  it('fails an interrupted phase and one whose results file is unreadable, keeping the reason', () => {
    const report = run(
      { 'e2e-health': phaseResult({ phase: 'e2e-health', status: 'interrupted' }) },
      new Map([['e2e-health', ['dist/e2e/e2e-health/results.json is not a valid phase result: …']]]),
    );
    expect(report.phases[0]).toMatchObject({
      status: 'failed',
      errors: ['dist/e2e/e2e-health/results.json is not a valid phase result: …'],
    });
    const interrupted = run({ 'e2e-health': phaseResult({ phase: 'e2e-health', status: 'interrupted' }) });
    expect(interrupted.phases[0]).toMatchObject({
      status: 'failed',
      errors: ['the run was interrupted before it finished'],
    });
  });

  it('fails a run with no phase at all, since nothing was tested', () => {
    expect(aggregate([], new Map(), { generatedAt: AT })).toMatchObject({
      verdict: 'failed',
      phases: [],
      totals: { passed: 0 },
    });
  });

  it('fails the verdict on flaky tests only when failOnFlaky is set, and says why', () => {
    const all = {
      'e2e-health': healthPassed,
      'e2e-smoke-api': phaseResult({ phase: 'e2e-smoke-api' }),
      'e2e-flows-api': phaseResult({ phase: 'e2e-flows-api' }),
      'e2e-database': phaseResult({ phase: 'e2e-database' }),
    };
    expect(run(all)).toMatchObject({ verdict: 'passed', verdictReasons: [], failOnFlaky: false });
    const strict = aggregate(GRAPH, new Map(Object.entries(all)), { generatedAt: AT, failOnFlaky: true });
    expect(strict).toMatchObject({
      verdict: 'failed',
      verdictReasons: ['1 flaky test and E2E_FAIL_ON_FLAKY=1'],
      failOnFlaky: true,
    });
    // The phase itself passed for Nx, which ran its dependents: it must not read as failed.
    expect(strict.phases.every((p) => p.status === 'passed')).toBe(true);
  });

  it('judges each phase by its policy: budget on the time after setup, hard timeout, cached by run id', () => {
    const report = aggregate(
      GRAPH,
      new Map(
        Object.entries({
          'e2e-health': phaseResult({ phase: 'e2e-health', runId: 'now', durationMs: 40_000, setupMs: 35_000 }),
          'e2e-smoke-api': phaseResult({ phase: 'e2e-smoke-api', runId: 'now', durationMs: 20_001 }),
          'e2e-database': phaseResult({
            phase: 'e2e-database',
            runner: 'playwright',
            status: 'failed',
            errors: ["the run hit Playwright's global timeout after 75.0 s"],
            durationMs: 75_000,
          }),
          // Slow and failed is not timed out.
          'e2e-flows-api': phaseResult({
            phase: 'e2e-flows-api',
            runId: 'earlier',
            runner: 'playwright',
            status: 'failed',
            tests: [testResult({ name: 'x', status: 'failed' })],
            durationMs: 500_000,
          }),
        }),
      ),
      { generatedAt: AT, runId: 'now' },
    );
    const byName = Object.fromEntries(report.phases.map((p) => [p.name, p]));
    expect(byName['e2e-health']).toMatchObject({
      budgetMs: 10_000,
      hardTimeoutMs: 60_000,
      setupMs: 35_000,
      overBudget: false,
      timedOut: false,
      cached: false,
    });
    expect(byName['e2e-smoke-api']).toMatchObject({ budgetMs: 20_000, overBudget: true, status: 'passed' });
    expect(byName['e2e-flows-api']).toMatchObject({ cached: true, timedOut: false });
    // Playwright's reporter marks no timeout of its own; it names its global timeout in the run errors.
    expect(byName['e2e-database']).toMatchObject({ hardTimeoutMs: 75_000, timedOut: true, status: 'failed' });
    expect(report.verdictReasons).toEqual(['e2e-database timed out after 1 m 15 s', 'e2e-flows-api failed']);
  });

  it('uses the policy it is given, so a phase the table does not list still has one', () => {
    const report = aggregate(
      [{ name: 'e2e-new', dependsOn: [] }],
      new Map([['e2e-new', phaseResult({ phase: 'e2e-new' })]]),
      {
        generatedAt: AT,
        policy: () => ({ budgetMs: 1000, hardTimeoutMs: 5000 }),
      },
    );
    expect(report.phases[0]).toMatchObject({ budgetMs: 1000, hardTimeoutMs: 5000, overBudget: true });
    expect(aggregate([{ name: 'e2e-new', dependsOn: [] }], new Map(), { generatedAt: AT }).phases[0]).toMatchObject({
      budgetMs: 30_000,
      hardTimeoutMs: 120_000,
    });
  });

  it('finds the critical path by following the dependency that ended last, leaving cached phases out', () => {
    const at = (start: number, end: number) => ({
      startedAt: new Date(Date.UTC(2026, 10, 25, 10, 0, start)).toISOString(),
      endedAt: new Date(Date.UTC(2026, 10, 25, 10, 0, end)).toISOString(),
      durationMs: (end - start) * 1000,
    });
    const results = {
      'e2e-health': phaseResult({ phase: 'e2e-health', runId: 'now', ...at(0, 10) }),
      'e2e-smoke-api': phaseResult({ phase: 'e2e-smoke-api', runId: 'now', ...at(10, 20) }),
      'e2e-database': phaseResult({ phase: 'e2e-database', runId: 'now', ...at(10, 45) }),
      'e2e-flows-api': phaseResult({ phase: 'e2e-flows-api', runId: 'now', ...at(20, 40) }),
    };
    const report = aggregate(GRAPH, new Map(Object.entries(results)), { generatedAt: AT, runId: 'now' });
    expect(report.criticalPath).toEqual(['e2e-health', 'e2e-database']);

    const cachedDatabase = { ...results, 'e2e-database': { ...results['e2e-database'], runId: 'earlier' } };
    expect(
      aggregate(GRAPH, new Map(Object.entries(cachedDatabase)), { generatedAt: AT, runId: 'now' }).criticalPath,
    ).toEqual(['e2e-health', 'e2e-smoke-api', 'e2e-flows-api']);
  });

  it('measures coverage from the results alone: what phases listed, what their tests reached', () => {
    const report = run({
      'e2e-health': phaseResult({
        phase: 'e2e-health',
        coverable: {
          operations: [
            { method: 'GET', path: '/health', operationId: 'getHealth' },
            { method: 'GET', path: '/api/v1/kits/{id}' },
          ],
        },
        tests: [
          testResult({
            name: 'api > 200',
            requests: [
              { method: 'GET', path: '/health' },
              { method: 'GET', path: '/nope' },
            ],
          }),
        ],
      }),
      'e2e-smoke-api': phaseResult({
        phase: 'e2e-smoke-api',
        tests: [testResult({ name: 'kits > read', requests: [{ method: 'GET', path: '/health' }] })],
      }),
    });
    expect(report.coverage).toEqual({
      endpoints: {
        covered: 1,
        total: 2,
        uncovered: ['GET /api/v1/kits/{id}'],
        unmatched: ['GET /nope'],
        listedBy: ['e2e-health'],
        items: [
          {
            key: 'GET /health',
            operationId: 'getHealth',
            hits: [
              {
                phase: 'e2e-health',
                file: 'apps/e2e-demo/tests/demo.spec.ts',
                test: 'api > 200',
                reached: 'GET /health',
              },
              {
                phase: 'e2e-smoke-api',
                file: 'apps/e2e-demo/tests/demo.spec.ts',
                test: 'kits > read',
                reached: 'GET /health',
              },
            ],
          },
          { key: 'GET /api/v1/kits/{id}', hits: [] },
        ],
      },
      pages: null,
      notMeasured: { pages: 'no UI phase ran' },
    });
  });

  it('says why coverage was not measured, and counts nothing from a phase that did not run', () => {
    expect(run({}).coverage).toEqual({
      endpoints: null,
      pages: null,
      notMeasured: { endpoints: NO_API_OPERATIONS, pages: 'no UI phase ran' },
    });
    const staleBehindFailure = run({
      'e2e-health': phaseResult({
        phase: 'e2e-health',
        runner: 'playwright',
        tests: [testResult({ name: 'x', status: 'failed' })],
      }),
      'e2e-smoke-api': phaseResult({
        phase: 'e2e-smoke-api',
        coverable: { operations: [{ method: 'GET', path: '/a' }], pages: ['/'] },
      }),
    });
    expect(staleBehindFailure.coverage).toEqual({
      endpoints: null,
      pages: null,
      notMeasured: { endpoints: NO_API_OPERATIONS, pages: NO_PAGES },
    });
  });

  it("keeps the attachments of a flaky test (a UI test's screenshot of the failed attempt)", () => {
    const report = run({
      'e2e-health': phaseResult({
        phase: 'e2e-health',
        tests: [
          testResult({
            name: 'x',
            status: 'flaky',
            retries: 1,
            attachments: [{ name: 'screenshot (attempt 1)', path: 'dist/e2e/a.png' }],
          }),
        ],
      }),
    });
    expect(report.flaky[0]?.attachments).toEqual([{ name: 'screenshot (attempt 1)', path: 'dist/e2e/a.png' }]);
  });
});

describe('aggregate, the edges where a red run could read as green', () => {
  const one = (result: Partial<PhaseResult>, options: Parameters<typeof aggregate>[2] = {}) =>
    aggregate([{ name: 'p', dependsOn: [] }], new Map([['p', phaseResult({ phase: 'p', ...result })]]), {
      generatedAt: AT,
      ...options,
    });
  const quarantineOf = (name: string) => ({
    file: 'q.json',
    quarantine: {
      tests: [{ test: `apps/e2e-demo/tests/demo.spec.ts > ${name}`, owner: '@o', reason: 'r', expires: '2026-12-31' }],
    },
  });
  const failedTest = testResult({ name: 'held', status: 'failed', error: { message: 'boom' } });

  it('fails a phase the runner failed without a failing test, even with no run error', () => {
    const report = one({ status: 'failed', tests: [testResult({ name: 'a' })] });
    expect(report.phases[0]!.status).toBe('failed');
    expect(report.verdict).toBe('failed');
  });

  it('fails an interrupted phase whose only failure is quarantined: the quarantine holds tests, not interruptions', () => {
    const report = one({ status: 'interrupted', tests: [failedTest] }, { quarantine: quarantineOf('held') });
    expect(report.totals).toMatchObject({ failed: 0, quarantined: 1 });
    expect(report.phases[0]).toMatchObject({
      status: 'failed',
      errors: ['the run was interrupted before it finished'],
    });
    expect(report.verdictReasons).toEqual(['p failed']);
  });

  it('passes a failed phase whose only failure is quarantined (the counterpart of the two above)', () => {
    const report = one({ status: 'failed', tests: [failedTest] }, { quarantine: quarantineOf('held') });
    expect(report.phases[0]!.status).toBe('passed');
    expect(report.verdict).toBe('passed');
  });

  it('says what a failure without a recorded error and a run with no phase are, word for word', () => {
    expect(one({ tests: [testResult({ name: 'x', status: 'failed' })] }).failures[0]!.error).toEqual({
      message: '(the runner recorded no error message)',
    });
    expect(aggregate([], new Map(), { generatedAt: AT }).verdictReasons).toEqual(['no e2e phase found']);
    const flaky = testResult({ name: 'f', status: 'flaky', retries: 1 });
    expect(one({ tests: [flaky, { ...flaky, name: 'g' }] }, { failOnFlaky: true }).verdictReasons).toEqual([
      '2 flaky tests and E2E_FAIL_ON_FLAKY=1',
    ]);
  });

  it('marks a timeout only from a Vitest timeout or Playwright’s global timeout, and over budget only past it', () => {
    expect(one({ status: 'failed', errors: ['Error: global timeout in a message'] }).phases[0]!.timedOut).toBe(false);
    expect(
      one({ runner: 'playwright', status: 'failed', errors: ['Timed out waiting 150s for the global timeout'] })
        .phases[0]!.timedOut,
    ).toBe(true);
    // The default policy gives a phase it does not list 30 s: exactly that is within it.
    expect(one({ durationMs: 31_000, setupMs: 1000 }).phases[0]!.overBudget).toBe(false);
    expect(one({ durationMs: 31_001, setupMs: 1000 }).phases[0]!.overBudget).toBe(true);
  });

  it('calls a phase cached only when this run has an id and the results carry another', () => {
    expect(one({ runId: 'old' }).phases[0]!.cached).toBe(false);
    expect(one({ runId: 'old' }, { runId: 'new' }).phases[0]!.cached).toBe(true);
    expect(one({ runId: 'new' }, { runId: 'new' }).phases[0]!.cached).toBe(false);
  });

  it('gives a phase that did not run no timeout, no budget overrun and no cache flag', () => {
    const report = aggregate([{ name: 'p', dependsOn: [] }], new Map(), { generatedAt: AT });
    expect(report.phases[0]).toMatchObject({ status: 'not-run', overBudget: false, timedOut: false, cached: false });
  });

  it('orders a phase waiting on a non-phase or on itself as if it waited on nothing, and survives a cycle', () => {
    const order = (graph: PhaseNode[]) =>
      aggregate(graph, new Map(), { generatedAt: AT }).phases.map((p) => [p.name, p.dependsOn]);
    expect(
      order([
        { name: 'a', dependsOn: ['c'] },
        { name: 'b', dependsOn: ['stack', 'b'] },
        { name: 'c', dependsOn: [] },
      ]),
    ).toEqual([
      ['b', []],
      ['c', []],
      ['a', ['c']],
    ]);
    // Nx rejects cycles; should one slip through, every phase is still reported, not run.
    const cycle = aggregate(
      [
        { name: 'y', dependsOn: ['x'] },
        { name: 'x', dependsOn: ['y'] },
      ],
      new Map(),
      { generatedAt: AT },
    );
    expect(cycle.phases.map((p) => [p.name, p.status])).toEqual([
      ['x', 'not-run'],
      ['y', 'not-run'],
    ]);
    expect(cycle.verdict).toBe('failed');
  });

  it('follows the critical path past a dependency restored from the cache', () => {
    const report = aggregate(
      [
        { name: 'a', dependsOn: [] },
        { name: 'b', dependsOn: [] },
        { name: 'c', dependsOn: ['a', 'b'] },
      ],
      new Map([
        ['a', phaseResult({ phase: 'a', runId: 'old', startedAt: '2026-11-25T10:00:00.000Z', durationMs: 9000 })],
        ['b', phaseResult({ phase: 'b', runId: 'now', startedAt: '2026-11-25T10:00:00.000Z', durationMs: 2000 })],
        ['c', phaseResult({ phase: 'c', runId: 'now', startedAt: '2026-11-25T10:00:09.000Z', durationMs: 1000 })],
      ]),
      { generatedAt: AT, runId: 'now' },
    );
    expect(report.criticalPath).toEqual(['b', 'c']);
  });

  it('measures pages when a UI phase listed them, with no note on what was not measured when both were', () => {
    const report = one({
      runner: 'playwright',
      coverable: { operations: [{ method: 'GET', path: '/health' }], pages: ['/'] },
      tests: [testResult({ name: 'home', visitedRoutes: ['/'], requests: [{ method: 'GET', path: '/health' }] })],
    });
    expect(report.coverage.pages).toMatchObject({ covered: 1, total: 1 });
    expect(report.coverage.endpoints).toMatchObject({ covered: 1, total: 1 });
    expect('notMeasured' in report.coverage).toBe(false);
  });

  it('names in the quarantine warning only the phases the quarantined failure stopped', () => {
    const report = aggregate(
      [
        { name: 'gate', dependsOn: [] },
        { name: 'after', dependsOn: ['gate'] },
        { name: 'also', dependsOn: ['gate'] },
        { name: 'lone', dependsOn: [] },
      ],
      new Map([['gate', phaseResult({ phase: 'gate', status: 'failed', tests: [failedTest] })]]),
      { generatedAt: AT, quarantine: quarantineOf('held') },
    );
    expect(report.quarantine.warnings).toEqual([
      'gate failed only on quarantined tests, but Nx still stopped what waits for it (after, also): a quarantine cannot hold a test in a phase others depend on; fix it first',
    ]);
  });
});
