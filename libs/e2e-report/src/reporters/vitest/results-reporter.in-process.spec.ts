import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SerializedError } from 'vitest/node';
import { API_OPERATIONS_PROVIDE_KEY, REQUESTS_META_KEY } from '../../contract/coverage-data.ts';
import { parsePhaseResult, type PhaseResult } from '../../contract/phase-result.ts';
import { fakeModule, fakeSpecification, fakeVitest, type FakeModule } from './fake-vitest.ts';
import { PhaseResultsReporter } from './results-reporter.ts';

// The outcomes a real inline project cannot produce on demand (an interrupted run, a run Vitest
// calls failed with nothing failed in it), driven through the reporter in this process.
// results-reporter.spec.ts runs the same reporter under a real Vitest.

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'vitest-reporter-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const file = () => join(dir, 'dist/e2e/e2e-demo/results.json');
const read = (): PhaseResult => parsePhaseResult(readFileSync(file(), 'utf8'), file());

function start(files = ['tests/a.spec.ts'], provided: Record<string, unknown> = {}) {
  const fake = fakeVitest(dir, provided);
  const reporter = new PhaseResultsReporter({ phase: 'e2e-demo', workspaceRoot: dir });
  reporter.onInit(fake.vitest);
  reporter.onTestRunStart(files.map((f) => fakeSpecification(dir, f)));
  const end = (modules: FakeModule[], reason: 'passed' | 'failed' | 'interrupted', unhandled: SerializedError[] = []) =>
    reporter.onTestRunEnd(
      modules.map((m) => fakeModule(dir, m)),
      unhandled,
      reason,
    );
  return { fake, reporter, end };
}

const passingModule: FakeModule = { file: 'tests/a.spec.ts', tests: [{ name: 'a > passes' }] };

describe('PhaseResultsReporter, in-process: the phase verdict', () => {
  it('passes a passed run', () => {
    start().end([passingModule], 'passed');
    expect(read()).toMatchObject({
      status: 'passed',
      errors: [],
      tests: [{ file: 'tests/a.spec.ts', name: 'a > passes', status: 'passed', durationMs: 10, retries: 0 }],
    });
  });

  it('records an interrupted run as interrupted and its unfinished tests as failed', () => {
    start().end(
      [{ file: 'tests/a.spec.ts', tests: [{ name: 'done' }, { name: 'running', state: 'pending' }] }],
      'interrupted',
    );
    const result = read();
    expect(result.status).toBe('interrupted');
    expect(result.tests.map((t) => [t.name, t.status, t.error?.message])).toEqual([
      ['done', 'passed', undefined],
      ['running', 'failed', 'did not finish: the run was interrupted'],
    ]);
    expect(result.tests[1]).toMatchObject({ durationMs: 0, retries: 0 });
  });

  it('records an interrupted run as interrupted even when every test it reached passed', () => {
    start().end([passingModule], 'interrupted');
    expect(read()).toMatchObject({ status: 'interrupted', errors: [] });
  });

  it('fails a run Vitest calls failed though every test passed, and says so', () => {
    start().end([passingModule], 'failed');
    expect(read()).toMatchObject({
      status: 'failed',
      errors: ['Vitest reported the run as failed without a failing test; see the phase output'],
    });
  });

  it('fails a run with no test file, naming the pattern', () => {
    start([]).end([], 'failed');
    expect(read()).toMatchObject({ status: 'failed', tests: [], errors: ['no test file matches tests/**/*.spec.ts'] });
  });

  it('takes a run Vitest calls passed with nothing in it as it is', () => {
    start([]).end([], 'passed');
    expect(read()).toMatchObject({ status: 'passed', tests: [], errors: [] });
  });

  it('names the global setup when nothing ran, then the cause Vitest prints after the run', () => {
    const { fake, end } = start();
    end([], 'failed');
    expect(read().errors).toEqual([
      'Vitest stopped before any test file ran (globalSetup failed); see the phase output for the cause',
    ]);
    const cause = new Error('E2E_REDIS_URL is not set');
    fake.vitest.logger.printError(cause, {});
    expect(fake.printed).toEqual([cause]); // still printed
    fake.close();
    expect(read()).toMatchObject({ status: 'failed', tests: [], errors: ['E2E_REDIS_URL is not set'] });
  });

  it('keeps the global setup message when Vitest prints no cause, and ignores what it prints after other runs', () => {
    const { fake, end } = start();
    end([], 'failed');
    fake.close();
    expect(read().errors).toEqual([expect.stringMatching(/^Vitest stopped before any test file ran/)]);

    const other = start();
    other.end([passingModule], 'passed');
    other.fake.vitest.logger.printError(new Error('printed for another reason'), {});
    other.fake.close();
    expect(read()).toMatchObject({ status: 'passed', errors: [] });
    expect(other.fake.printed).toHaveLength(1);
  });

  it('forgets a pending cause when a new run starts', () => {
    const { fake, reporter, end } = start();
    end([], 'failed');
    reporter.onTestRunStart([fakeSpecification(dir, 'tests/a.spec.ts')]);
    fake.vitest.logger.printError(new Error('late'), {});
    fake.close();
    expect(read().errors).not.toContain('late');
  });

  it('fails on an unhandled error and on a file or suite that failed to load, naming where', () => {
    start().end(
      [
        passingModule,
        {
          file: 'tests/b.spec.ts',
          errors: [{ message: 'Cannot find module ./x' }],
          suites: [{ fullName: 'outer', errors: [{ message: 'beforeAll broke' }] }],
        },
      ],
      'failed',
      [
        { message: 'leaked', VITEST_TEST_PATH: join(dir, 'tests/a.spec.ts'), VITEST_TEST_NAME: 'a > passes' },
        { message: 'leaked from a file', VITEST_TEST_PATH: join(dir, 'tests/b.spec.ts') },
        { message: 'from nowhere' },
      ] as SerializedError[],
    );
    expect(read()).toMatchObject({
      status: 'failed',
      errors: [
        'unhandled error (in tests/a.spec.ts > a > passes): leaked',
        'unhandled error (in tests/b.spec.ts): leaked from a file',
        'unhandled error: from nowhere',
        'tests/b.spec.ts: Cannot find module ./x',
        'tests/b.spec.ts > outer: beforeAll broke',
      ],
    });
  });
});

describe('PhaseResultsReporter, in-process: each test', () => {
  it('records flaky, failed and skipped tests with their errors, retries, attachments and requests', () => {
    start().end(
      [
        {
          file: 'tests/a.spec.ts',
          tests: [
            { name: 'flaky', flaky: true, retryCount: 2, errors: [{ message: 'first attempt' }], durationMs: 12.6 },
            { name: 'flaky, no error kept', flaky: true, retryCount: 1 },
            { name: 'fails', state: 'failed', errors: [{ message: 'boom', stack: 'at a.spec.ts:3' }] },
            { name: 'fails silently', state: 'failed' },
            { name: 'skipped', state: 'skipped' },
            {
              name: 'attaches',
              attachments: [{ message: 'screenshot', path: join(dir, 'out/shot.png') }, { message: 'note' }],
              meta: { [REQUESTS_META_KEY]: [{ method: 'get', path: '/health' }] },
            },
          ],
        },
      ],
      'failed',
    );
    const byName = Object.fromEntries(read().tests.map((t) => [t.name, t]));
    expect(byName['flaky']).toEqual({
      file: 'tests/a.spec.ts',
      name: 'flaky',
      status: 'flaky',
      durationMs: 13,
      retries: 2,
      error: { message: 'first attempt' },
    });
    expect(byName['flaky, no error kept']).toEqual(expect.objectContaining({ status: 'flaky', retries: 1 }));
    expect(byName['flaky, no error kept']).not.toHaveProperty('error');
    expect(byName['fails']).toMatchObject({ status: 'failed', error: { message: 'boom', stack: 'at a.spec.ts:3' } });
    expect(byName['fails silently']).toMatchObject({ status: 'failed', error: { message: '(no error message)' } });
    expect(byName['skipped']).toMatchObject({ status: 'skipped' });
    expect(byName['skipped']).not.toHaveProperty('error');
    expect(byName['attaches']).toMatchObject({
      status: 'passed',
      attachments: [{ name: 'screenshot', path: 'out/shot.png' }],
      requests: [{ method: 'GET', path: '/health' }],
    });
    expect(byName['passes']).toBeUndefined();
  });

  it("lists the API's operations a project provided, and the time before the first file", () => {
    const operations = [{ method: 'GET', path: '/health', operationId: 'getHealth' }];
    const { reporter, end } = start(['tests/a.spec.ts'], { [API_OPERATIONS_PROVIDE_KEY]: operations });
    reporter.onTestModuleQueued();
    end([passingModule], 'passed');
    const result = read();
    expect(result.coverable).toEqual({ operations });
    expect(result.setupMs).toBeGreaterThanOrEqual(0);
    expect(result.setupMs).toBeLessThanOrEqual(result.durationMs);
    expect(Date.parse(result.endedAt) - Date.parse(result.startedAt)).toBe(result.durationMs);
  });

  it('leaves coverable out when no project provided operations', () => {
    start().end([passingModule], 'passed');
    expect(read()).not.toHaveProperty('coverable');
    expect(existsSync(file())).toBe(true);
  });
});
