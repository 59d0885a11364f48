import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Runner } from '../contract/phase-result.ts';
import { testResult } from '../testing.ts';
import { errorText, PhaseReporterBase, stripAnsi, testError, withoutEmpty, type PhaseFields } from './base.ts';

// The envelope every reporter writes goes through `writeResult`: its status is the verdict a
// phase carries into the report, so every way to reach "passed" is pinned here, in-process.

class Probe extends PhaseReporterBase {
  protected readonly runner: Runner;
  constructor(runner: Runner, options: ConstructorParameters<typeof PhaseReporterBase>[0]) {
    super(options);
    this.runner = runner;
  }
  root(runnerRoot: string) {
    this.useRoot(runnerRoot);
    return this.workspaceRoot;
  }
  output(env?: string) {
    return this.resolveOutputFile(env);
  }
  relative(path: string) {
    return this.relativePath(path);
  }
  write(file: string, fields: PhaseFields) {
    return this.writeResult(file, fields);
  }
}

let dir: string;
const saved = { runId: process.env.E2E_RUN_ID, file: process.env.PROBE_OUTPUT_FILE };
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'reporter-base-'));
  delete process.env.E2E_RUN_ID;
  delete process.env.PROBE_OUTPUT_FILE;
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
  for (const [key, value] of [
    ['E2E_RUN_ID', saved.runId],
    ['PROBE_OUTPUT_FILE', saved.file],
  ] as const) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

const fields = (overrides: Partial<PhaseFields> = {}): PhaseFields => ({
  outcome: 'passed',
  startedAt: '2026-11-30T10:00:00.000Z',
  endedAt: '2026-11-30T10:00:01.000Z',
  durationMs: 1000,
  tests: [testResult({ name: 'a' })],
  errors: [],
  ...overrides,
});

function probe(runner: Runner = 'vitest') {
  const reporter = new Probe(runner, { phase: 'e2e-demo', workspaceRoot: dir });
  reporter.root(dir);
  return reporter;
}

describe('PhaseReporterBase.writeResult: the verdict a phase carries', () => {
  it('passes a run the runner calls passed, with every test passed and no run error', () => {
    const result = probe().write(join(dir, 'r.json'), fields());
    expect(result).toMatchObject({
      schemaVersion: 2,
      phase: 'e2e-demo',
      runner: 'vitest',
      status: 'passed',
      errors: [],
    });
    expect(result).not.toHaveProperty('runId');
    expect(result).not.toHaveProperty('outcome');
  });

  it('fails a run the runner calls failed with no failing test and no error, and says why (Vitest)', () => {
    const result = probe('vitest').write(join(dir, 'r.json'), fields({ outcome: 'failed' }));
    expect(result.status).toBe('failed');
    expect(result.errors).toEqual(['Vitest reported the run as failed without a failing test; see the phase output']);
  });

  it('names Playwright in the same guard for a Playwright run', () => {
    const result = probe('playwright').write(join(dir, 'r.json'), fields({ outcome: 'failed' }));
    expect(result).toMatchObject({ status: 'failed', runner: 'playwright' });
    expect(result.errors).toEqual([
      'Playwright reported the run as failed without a failing test; see the phase output',
    ]);
  });

  it('adds no guess when a failing test or a run error already explains a failed run', () => {
    const withFailure = probe().write(
      join(dir, 'a.json'),
      fields({ outcome: 'failed', tests: [testResult({ name: 'a', status: 'failed', error: { message: 'boom' } })] }),
    );
    expect(withFailure).toMatchObject({ status: 'failed', errors: [] });
    const withError = probe().write(join(dir, 'b.json'), fields({ outcome: 'failed', errors: ['setup broke'] }));
    expect(withError).toMatchObject({ status: 'failed', errors: ['setup broke'] });
  });

  it('fails a run the runner calls passed when a test failed or a run error was recorded', () => {
    const failedTest = fields({ tests: [testResult({ name: 'a' }), testResult({ name: 'b', status: 'failed' })] });
    expect(probe().write(join(dir, 'a.json'), failedTest)).toMatchObject({ status: 'failed', errors: [] });
    expect(probe().write(join(dir, 'b.json'), fields({ errors: ['unhandled error: x'] })).status).toBe('failed');
  });

  it('keeps flaky and skipped tests from failing a passed run', () => {
    const tests = [
      testResult({ name: 'a', status: 'flaky', retries: 1 }),
      testResult({ name: 'b', status: 'skipped' }),
    ];
    expect(probe().write(join(dir, 'r.json'), fields({ tests })).status).toBe('passed');
  });

  it('reports an interrupted run as interrupted, never passed, even when every test that ran passed', () => {
    const result = probe().write(join(dir, 'r.json'), fields({ outcome: 'interrupted' }));
    expect(result).toMatchObject({ status: 'interrupted', errors: [] });
    const withFailure = probe().write(
      join(dir, 'f.json'),
      fields({ outcome: 'interrupted', tests: [testResult({ name: 'a', status: 'failed' })] }),
    );
    expect(withFailure.status).toBe('interrupted');
  });

  it('writes the same result to the file, creating its folder, and stamps the run id when set', () => {
    process.env.E2E_RUN_ID = 'e2e-run-7';
    const file = join(dir, 'deep/er/results.json');
    const result = probe().write(file, fields({ outcome: 'failed' }));
    const text = readFileSync(file, 'utf8');
    expect(text.endsWith('}\n')).toBe(true);
    expect(JSON.parse(text)).toEqual(result);
    expect(result.runId).toBe('e2e-run-7');
  });

  it('does not change the errors list it was given', () => {
    const errors: string[] = [];
    probe().write(join(dir, 'r.json'), fields({ outcome: 'failed', errors }));
    expect(errors).toEqual([]);
  });
});

describe('PhaseReporterBase: where the file goes', () => {
  it('uses the workspace root option over the runner root, else the nearest folder with nx.json', () => {
    const nested = join(dir, 'apps/e2e-demo');
    mkdirSync(nested, { recursive: true });
    writeFileSync(join(dir, 'nx.json'), '{}');
    expect(new Probe('vitest', { phase: 'p', workspaceRoot: 'elsewhere' }).root(nested)).toBe(
      join(process.cwd(), 'elsewhere'),
    );
    expect(new Probe('vitest', { phase: 'p' }).root(nested)).toBe(dir);
  });

  it('takes the variable, then the outputFile option, then dist/e2e/<phase>/results.json', () => {
    const reporter = probe();
    expect(reporter.output()).toBe(join(dir, 'dist/e2e/e2e-demo/results.json'));
    expect(reporter.output('PROBE_OUTPUT_FILE')).toBe(join(dir, 'dist/e2e/e2e-demo/results.json'));
    const withOption = new Probe('vitest', { phase: 'e2e-demo', workspaceRoot: dir, outputFile: 'out/r.json' });
    withOption.root(dir);
    expect(withOption.output('PROBE_OUTPUT_FILE')).toBe(join(dir, 'out/r.json'));
    process.env.PROBE_OUTPUT_FILE = 'from-env/r.json';
    expect(withOption.output('PROBE_OUTPUT_FILE')).toBe(join(dir, 'from-env/r.json'));
    expect(withOption.output()).toBe(join(dir, 'out/r.json'));
  });

  it('shows paths inside the workspace relative with forward slashes, and others as they are', () => {
    const reporter = probe();
    expect(reporter.relative(join(dir, 'apps', 'e2e-demo', 'a.spec.ts'))).toBe('apps/e2e-demo/a.spec.ts');
    expect(reporter.relative('/somewhere/else/a.spec.ts')).toBe('/somewhere/else/a.spec.ts');
    expect(reporter.relative(join(dir, '..', 'sibling.ts'))).toBe(join(dir, '..', 'sibling.ts'));
  });
});

describe('errorText', () => {
  it('prints a non-object as a string', () => {
    expect(errorText('plain')).toBe('plain');
    expect(errorText(null)).toBe('null');
    expect(errorText(42)).toBe('42');
  });

  it("keeps a custom error's name, once, and drops Error and AssertionError", () => {
    expect(errorText({ name: 'TimeoutError', message: 'waited 5 s' })).toBe('TimeoutError: waited 5 s');
    expect(errorText({ name: 'TimeoutError', message: 'TimeoutError: waited 5 s' })).toBe('TimeoutError: waited 5 s');
    expect(errorText({ name: 'Error', message: 'plain' })).toBe('plain');
    expect(errorText({ name: 'AssertionError', message: 'expected 1' })).toBe('expected 1');
    expect(errorText({ message: 'Error: prefixed' })).toBe('prefixed');
  });

  it("falls back to Playwright's thrown value, then to 'unknown error', without colour codes", () => {
    expect(errorText({ value: 'thrown string' })).toBe('thrown string');
    expect(errorText({})).toBe('unknown error');
    expect(errorText({ message: '\u001b[31mred\u001b[39m' })).toBe('red');
  });

  it("appends an assertion's diff, stripped, and ignores an empty one", () => {
    expect(errorText({ message: 'expected 1 to be 2', diff: '\u001b[32m- 2\u001b[39m\n+ 1' })).toBe(
      'expected 1 to be 2\n- 2\n+ 1',
    );
    expect(errorText({ message: 'm', diff: '' })).toBe('m');
  });
});

describe('testError', () => {
  it("joins every error's text and keeps the first one's stack, stripped", () => {
    expect(
      testError(
        [
          { message: 'first', stack: '\u001b[2mat a.spec.ts:1\u001b[22m' },
          { message: 'second', stack: 'at b' },
        ],
        'fallback',
      ),
    ).toEqual({ message: 'first\n\nsecond', stack: 'at a.spec.ts:1' });
  });

  it('uses the fallback with no error, and leaves out a missing stack', () => {
    expect(testError([], 'fallback')).toEqual({ message: 'fallback' });
    expect(testError([{ message: 'no stack' }], 'fallback')).toEqual({ message: 'no stack' });
  });
});

describe('stripAnsi and withoutEmpty', () => {
  it('removes colour codes only', () => {
    expect(stripAnsi('\u001b[1;31mbold red\u001b[0m [x]')).toBe('bold red [x]');
  });

  it('drops empty optional lists and keeps filled ones', () => {
    const test = testResult({ name: 'a', attachments: [], requests: [], visitedRoutes: ['/'] });
    const out = withoutEmpty(test);
    expect(out).not.toHaveProperty('attachments');
    expect(out).not.toHaveProperty('requests');
    expect(out.visitedRoutes).toEqual(['/']);
    expect(test.attachments).toEqual([]);
  });
});
