import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FullConfig, FullResult, Suite, TestCase, TestResult } from '@playwright/test/reporter';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { API_REQUESTS_ATTACHMENT, VISITED_ROUTES_ATTACHMENT } from '../../contract/coverage-data.ts';
import { parsePhaseResult, type PhaseResult } from '../../contract/phase-result.ts';
import PlaywrightPhaseReporter, { OUTPUT_FILE_ENV, type PlaywrightPhaseReporterOptions } from './results-reporter.ts';

// results-reporter.spec.ts runs the real Playwright CLI, in a child process where neither a
// debugger nor a mutation tester sees the reporter run. Here the same reporter is driven in this
// process with the few fields of Playwright's objects it reads, so every branch that decides a
// status is pinned: the run's own verdict, interruption, the global timeout.

type Outcome = ReturnType<TestCase['outcome']>;
interface FakeTest {
  title: string;
  outcome: Outcome;
  attempts?: Partial<TestResult>[];
  expectedStatus?: TestCase['expectedStatus'];
  describe?: string[];
  project?: string;
}

const START = new Date('2026-11-30T10:00:00.000Z');
let dir: string;
let savedEnv: string | undefined;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'playwright-reporter-'));
  savedEnv = process.env[OUTPUT_FILE_ENV];
  delete process.env[OUTPUT_FILE_ENV];
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
  if (savedEnv === undefined) delete process.env[OUTPUT_FILE_ENV];
  else process.env[OUTPUT_FILE_ENV] = savedEnv;
});

function attempt(overrides: Partial<TestResult> = {}): TestResult {
  return { status: 'passed', duration: 100, errors: [], attachments: [], ...overrides } as TestResult;
}

function testCase(spec: FakeTest): TestCase {
  const project = { type: 'project', title: spec.project ?? '', project: () => ({ name: spec.project ?? '' }) };
  let parent: Record<string, unknown> = {
    type: 'file',
    title: 'demo.spec.ts',
    parent: project,
    project: project.project,
  };
  for (const title of spec.describe ?? []) parent = { type: 'describe', title, parent, project: project.project };
  return {
    title: spec.title,
    parent,
    location: { file: join(dir, 'tests/demo.spec.ts'), line: 3, column: 1 },
    results: (spec.attempts ?? [{}]).map(attempt),
    expectedStatus: spec.expectedStatus ?? 'passed',
    outcome: () => spec.outcome,
  } as unknown as TestCase;
}

function run(
  tests: FakeTest[],
  result: Partial<FullResult> & Pick<FullResult, 'status'>,
  options: Partial<PlaywrightPhaseReporterOptions> = {},
  config: {
    projects?: number;
    globalTimeout?: number;
    outputDir?: string;
    errors?: Parameters<PlaywrightPhaseReporter['onError']>[0][];
    /** Where the file is expected, relative to the workspace. */
    at?: string;
  } = {},
): PhaseResult {
  const reporter = new PlaywrightPhaseReporter({ phase: 'e2e-demo', workspaceRoot: dir, ...options });
  const fullConfig = {
    rootDir: dir,
    globalTimeout: config.globalTimeout ?? 0,
    projects: Array.from({ length: config.projects ?? 1 }, () => ({
      outputDir: config.outputDir ?? join(dir, 'test-results'),
    })),
  } as unknown as FullConfig;
  const cases = tests.map(testCase);
  reporter.onBegin(fullConfig, { allTests: () => cases } as unknown as Suite);
  for (const error of config.errors ?? []) reporter.onError(error);
  reporter.onEnd({ startTime: START, duration: 2500.4, ...result } as FullResult);
  return readResult(join(dir, config.at ?? 'dist/e2e/e2e-demo/results.json'));
}

function readResult(file: string): PhaseResult {
  return parsePhaseResult(readFileSync(file, 'utf8'), file);
}

const passing: FakeTest = { title: 'passes', outcome: 'expected' };

describe('PlaywrightPhaseReporter, in-process: the phase verdict', () => {
  it('passes a passed run, with its times and no run error', () => {
    const result = run([passing], { status: 'passed' });
    expect(result).toMatchObject({
      phase: 'e2e-demo',
      runner: 'playwright',
      status: 'passed',
      errors: [],
      startedAt: '2026-11-30T10:00:00.000Z',
      endedAt: '2026-11-30T10:00:02.500Z',
      durationMs: 2500,
      tests: [{ file: 'tests/demo.spec.ts', name: 'passes', status: 'passed', retries: 0, durationMs: 100 }],
    });
    expect(result).not.toHaveProperty('timedOut');
    expect(result).not.toHaveProperty('coverable');
  });

  it('fails a run Playwright calls failed with every test passed, and says why', () => {
    const result = run([passing], { status: 'failed' });
    expect(result.status).toBe('failed');
    expect(result.errors).toEqual([
      'Playwright reported the run as failed without a failing test; see the phase output',
    ]);
  });

  it('records an interrupted run as interrupted, and the tests it never reached as failed', () => {
    const result = run([passing, { title: 'never reached', outcome: 'skipped', attempts: [] }], {
      status: 'interrupted',
    });
    expect(result.status).toBe('interrupted');
    expect(result.tests[1]).toMatchObject({
      name: 'never reached',
      status: 'failed',
      error: { message: 'did not run: the run was interrupted first' },
    });
    expect(result).not.toHaveProperty('timedOut');
  });

  it('fails a run that hit the global timeout, names the limit, and fails the tests it never reached', () => {
    const result = run(
      [
        passing,
        { title: 'never reached', outcome: 'skipped', attempts: [] },
        { title: 'skipped on purpose', outcome: 'skipped', attempts: [], expectedStatus: 'skipped' },
      ],
      { status: 'timedout', duration: 90_000 },
      {},
      { globalTimeout: 90_000 },
    );
    expect(result).toMatchObject({
      status: 'failed',
      errors: ["the run hit Playwright's global timeout after 90.0 s"],
      timedOut: { limitMs: 90_000, notStarted: [] },
    });
    expect(result.tests.map((t) => [t.name, t.status, t.error?.message])).toEqual([
      ['passes', 'passed', undefined],
      ['never reached', 'failed', 'did not run: the global timeout ran out first'],
      ['skipped on purpose', 'skipped', undefined],
    ]);
  });

  it('fails the test a stopped run cut short, which Playwright reports as skipped with one skipped attempt', () => {
    const cutShort: FakeTest = {
      title: 'cut short',
      outcome: 'skipped',
      attempts: [{ status: 'skipped', duration: 0 }],
    };
    const timedOut = run([cutShort], { status: 'timedout' }, {}, { globalTimeout: 1000 });
    expect(timedOut.tests[0]).toMatchObject({
      status: 'failed',
      error: { message: 'did not finish: the global timeout ran out' },
    });
    const interrupted = run([cutShort], { status: 'interrupted' });
    expect(interrupted.tests[0]).toMatchObject({
      status: 'failed',
      error: { message: 'did not finish: the run was interrupted' },
    });
    // In a run that was not stopped, a test with a skipped attempt was skipped (`test.skip()` in its body).
    expect(run([cutShort], { status: 'failed' }).tests[0]!.status).toBe('skipped');
  });

  it('takes the duration as the limit when the config names no global timeout', () => {
    const result = run([passing], { status: 'timedout', duration: 1234 }, {}, { globalTimeout: undefined });
    expect(result.timedOut?.limitMs).toBe(0);
    const unset = new PlaywrightPhaseReporter({ phase: 'e2e-demo', workspaceRoot: dir });
    unset.onBegin(
      { rootDir: dir, projects: [{ outputDir: dir }] } as unknown as FullConfig,
      {
        allTests: () => [],
      } as unknown as Suite,
    );
    unset.onEnd({ status: 'timedout', startTime: START, duration: 1234 } as FullResult);
    expect(readResult(join(dir, 'dist/e2e/e2e-demo/results.json')).timedOut?.limitMs).toBe(1234);
  });

  it('keeps a test skipped on purpose skipped, and an unreached one skipped in a run that finished', () => {
    const result = run([{ title: 'skip', outcome: 'skipped', attempts: [] }], { status: 'passed' });
    expect(result).toMatchObject({ status: 'passed', tests: [{ status: 'skipped' }] });
  });

  it('fails the phase on an error outside any test, with where it happened', () => {
    const result = run(
      [passing],
      { status: 'failed' },
      {},
      {
        errors: [
          { message: 'Error: global setup broke', location: { file: join(dir, 'setup.ts'), line: 7, column: 2 } },
          { message: 'no location' },
        ],
      },
    );
    expect(result).toMatchObject({ status: 'failed', errors: ['setup.ts:7: global setup broke', 'no location'] });
  });

  it('writes even when Playwright never called onBegin (a config that failed to load)', () => {
    const reporter = new PlaywrightPhaseReporter({ phase: 'e2e-demo', workspaceRoot: dir });
    reporter.onError({ message: 'config broke' });
    reporter.onEnd({ status: 'failed', startTime: START, duration: 5 } as FullResult);
    expect(readResult(join(dir, 'dist/e2e/e2e-demo/results.json'))).toMatchObject({
      status: 'failed',
      tests: [],
      errors: ['config broke'],
    });
  });

  it('prints nothing of its own', () => {
    expect(new PlaywrightPhaseReporter({ phase: 'p' }).printsToStdio()).toBe(false);
  });
});

describe('PlaywrightPhaseReporter, in-process: each test', () => {
  it('marks a test that passed on a retry flaky, with the failed attempt’s error and every attempt’s time', () => {
    const result = run(
      [
        {
          title: 'flaky',
          outcome: 'flaky',
          attempts: [
            { status: 'failed', duration: 40.4, errors: [{ message: 'first attempt fails' }] },
            { status: 'passed', duration: 60.4 },
          ],
        },
      ],
      { status: 'passed' },
    );
    expect(result.tests[0]).toEqual({
      file: 'tests/demo.spec.ts',
      name: 'flaky',
      status: 'flaky',
      durationMs: 101,
      retries: 1,
      error: { message: 'first attempt fails' },
    });
  });

  it('fails an unexpected test with its last attempt’s errors', () => {
    const result = run(
      [
        {
          title: 'fails',
          outcome: 'unexpected',
          attempts: [
            { status: 'failed', errors: [{ message: 'first' }] },
            { status: 'timedOut', errors: [{ message: 'Test timeout of 30000ms exceeded.', stack: 'at x' }] },
          ],
        },
      ],
      { status: 'failed' },
    );
    expect(result).toMatchObject({ status: 'failed', errors: [] });
    expect(result.tests[0]).toMatchObject({
      status: 'failed',
      retries: 1,
      error: { message: 'Test timeout of 30000ms exceeded.', stack: 'at x' },
    });
  });

  it('explains a failed attempt without errors by how it ended, and an interrupted one', () => {
    const result = run(
      [
        { title: 'timed out', outcome: 'unexpected', attempts: [{ status: 'timedOut' }] },
        { title: 'interrupted', outcome: 'unexpected', attempts: [{ status: 'interrupted' }] },
        { title: 'no attempt', outcome: 'unexpected', attempts: [] },
      ],
      { status: 'interrupted' },
    );
    expect(result.tests.map((t) => t.error?.message)).toEqual([
      'ended as timedOut',
      'did not finish: the run was interrupted',
      'failed without a result',
    ]);
  });

  it('names tests by describe blocks, and by project when the config has several', () => {
    const nested: FakeTest = { title: 't', outcome: 'expected', describe: ['outer', 'inner'], project: 'chromium' };
    expect(run([nested], { status: 'passed' }).tests[0]!.name).toBe('outer > inner > t');
    expect(run([nested], { status: 'passed' }, {}, { projects: 2 }).tests[0]!.name).toBe(
      '[chromium] outer > inner > t',
    );
  });

  it('lists attachments with a path, named by attempt when retried, and the routes and requests of every attempt', () => {
    const json = (value: unknown) => Buffer.from(JSON.stringify(value));
    const result = run(
      [
        {
          title: 'retried',
          outcome: 'flaky',
          attempts: [
            {
              status: 'failed',
              errors: [{ message: 'x' }],
              attachments: [
                { name: 'screenshot', path: join(dir, 'test-results/a/shot.png'), contentType: 'image/png' },
                { name: VISITED_ROUTES_ATTACHMENT, body: json(['/b', '/a']), contentType: 'application/json' },
                {
                  name: API_REQUESTS_ATTACHMENT,
                  body: json([{ method: 'GET', path: '/health' }]),
                  contentType: 'application/json',
                },
              ],
            },
            {
              status: 'passed',
              attachments: [
                { name: 'trace', path: join(dir, 'test-results/b/trace.zip'), contentType: 'application/zip' },
                { name: VISITED_ROUTES_ATTACHMENT, body: json(['/a']), contentType: 'application/json' },
                { name: API_REQUESTS_ATTACHMENT, body: Buffer.from('not json'), contentType: 'application/json' },
              ],
            },
          ],
        },
        {
          title: 'once',
          outcome: 'expected',
          attempts: [{ attachments: [{ name: 'video', path: '/abs/video.webm', contentType: 'video/webm' }] }],
        },
      ],
      { status: 'passed' },
    );
    expect(result.tests[0]).toMatchObject({
      attachments: [
        { name: 'screenshot (attempt 1)', path: 'test-results/a/shot.png' },
        { name: 'trace (attempt 2)', path: 'test-results/b/trace.zip' },
      ],
      visitedRoutes: ['/a', '/b'],
      requests: [{ method: 'GET', path: '/health' }],
    });
    expect(result.tests[1]).toMatchObject({ attachments: [{ name: 'video', path: '/abs/video.webm' }] });
    expect(result.tests[1]).not.toHaveProperty('visitedRoutes');
    expect(result.tests[1]).not.toHaveProperty('requests');
  });
});

describe('PlaywrightPhaseReporter, in-process: where the file goes', () => {
  it('lists the pages it could cover, unique and sorted', () => {
    const result = run([passing], { status: 'passed' }, { pages: ['/login', '/', '/login'] });
    expect(result.coverable).toEqual({ pages: ['/', '/login'] });
  });

  it('writes into the subfolder of a per-file run, and in the phase folder otherwise', () => {
    const options = { configOutputDir: 'test-results' };
    const at = 'dist/e2e/e2e-demo/demo-spec/results.json';
    expect(
      run([passing], { status: 'passed' }, options, { outputDir: join(dir, 'test-results/demo-spec'), at }).status,
    ).toBe('passed');
    rmSync(join(dir, 'dist'), { recursive: true });
    // The run's own outputDir, or one outside the configured one, is no subfolder.
    expect(run([passing], { status: 'passed' }, options, { outputDir: join(dir, 'test-results') }).status).toBe(
      'passed',
    );
    expect(run([passing], { status: 'failed' }, options, { outputDir: join(dir, 'elsewhere') }).status).toBe('failed');
    expect(run([passing], { status: 'passed' }, {}, { outputDir: join(dir, 'test-results/x') }).status).toBe('passed');
  });

  it('writes where the variable of an atomized run says, when it arrives', () => {
    process.env[OUTPUT_FILE_ENV] = 'named/results.json';
    const reporter = new PlaywrightPhaseReporter({
      phase: 'e2e-demo',
      workspaceRoot: dir,
      configOutputDir: 'test-results',
    });
    reporter.onBegin(
      { rootDir: dir, projects: [{ outputDir: join(dir, 'test-results/sub') }] } as unknown as FullConfig,
      {
        allTests: () => [],
      } as unknown as Suite,
    );
    reporter.onEnd({ status: 'passed', startTime: START, duration: 1 } as FullResult);
    expect(readResult(join(dir, 'named/results.json')).status).toBe('passed');
  });
});
