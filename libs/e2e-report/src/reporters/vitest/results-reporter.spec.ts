import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startVitest } from 'vitest/node';
import { API_OPERATIONS_PROVIDE_KEY, REQUESTS_META_KEY } from '../../contract/coverage-data.ts';
import { parsePhaseResult, type PhaseResult } from '../../contract/phase-result.ts';
import { PhaseResultsReporter } from './results-reporter.ts';

// Each case runs a real Vitest on an inline project in a temp dir, with the reporter as its
// only reporter, and parses the file it wrote back through the schema.

const DEMO_SPEC = `
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

describe('demo', () => {
  it('passes', () => expect(1 + 1).toBe(2));
  it('fails', () => expect({ status: 200 }).toEqual({ status: 401 }));
  it.skip('is skipped', () => {});
  // Fails on the first attempt only: the counter file survives the retry.
  it('is flaky', { retry: 2 }, () => {
    const counter = new URL('./attempts.txt', import.meta.url);
    const attempts = existsSync(counter) ? Number(readFileSync(counter, 'utf8')) : 0;
    writeFileSync(counter, String(attempts + 1));
    if (attempts === 0) throw new Error('first attempt fails');
  });
});
`;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'phase-reporter-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function runPhase(
  files: Record<string, string>,
  globalSetup: string[] = [],
  setupFiles: string[] = [],
): Promise<PhaseResult> {
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const reporter = new PhaseResultsReporter({ phase: 'e2e-demo', workspaceRoot: dir });
  const quiet = new PassThrough().resume();
  const exitCode = process.exitCode;
  const vitest = await startVitest(
    'test',
    [],
    { root: dir, config: false, watch: false, include: ['*.spec.ts'], reporters: [reporter], globalSetup, setupFiles },
    {},
    { stdout: quiet, stderr: quiet },
  );
  await vitest.close();
  // A failing inner run sets the exit code of the process running this spec.
  process.exitCode = exitCode;
  const file = join(dir, 'dist/e2e/e2e-demo/results.json');
  return parsePhaseResult(readFileSync(file, 'utf8'), file);
}

describe('PhaseResultsReporter', () => {
  it('writes one result per test: passed, failed, skipped and flaky with its retries', async () => {
    const result = await runPhase({ 'demo.spec.ts': DEMO_SPEC });

    expect(result).toMatchObject({
      schemaVersion: 2,
      phase: 'e2e-demo',
      runner: 'vitest',
      status: 'failed',
      errors: [],
    });
    expect(Date.parse(result.endedAt) - Date.parse(result.startedAt)).toBe(result.durationMs);
    const byName = Object.fromEntries(result.tests.map((t) => [t.name, t]));
    expect(Object.keys(byName)).toEqual(['demo > passes', 'demo > fails', 'demo > is skipped', 'demo > is flaky']);
    expect(result.tests.every((t) => t.file === 'demo.spec.ts')).toBe(true);
    expect(byName['demo > passes']).toMatchObject({ status: 'passed', retries: 0 });
    expect(byName['demo > passes']).not.toHaveProperty('error');
    expect(byName['demo > is skipped']).toMatchObject({ status: 'skipped', retries: 0 });
    expect(byName['demo > is flaky']).toMatchObject({
      status: 'flaky',
      retries: 1,
      error: { message: 'first attempt fails' },
    });

    const failed = byName['demo > fails']!;
    expect(failed.status).toBe('failed');
    expect(failed.error?.message).toContain('expected { status: 200 } to deeply equal { status: 401 }');
    expect(failed.error?.message).toContain('"status": 401'); // the diff comes along
    expect(failed.error?.message).not.toContain('\u001b['); // no colour codes in a file
    expect(failed.error?.stack).toContain('demo.spec.ts');
  });

  it('fails the phase and names the cause when globalSetup throws before any test runs', async () => {
    const result = await runPhase(
      {
        'demo.spec.ts': DEMO_SPEC,
        'setup.ts': `export default () => { throw new Error('E2E_REDIS_URL is not set'); };`,
      },
      ['./setup.ts'],
    );
    expect(result).toMatchObject({ status: 'failed', tests: [], errors: ['E2E_REDIS_URL is not set'] });
  });

  it('fails the phase when no test file matches, rather than passing with nothing tested', async () => {
    const result = await runPhase({ 'notes.md': '# not a test' });
    expect(result).toMatchObject({ status: 'failed', tests: [], errors: ['no test file matches *.spec.ts'] });
  });

  it('fails the phase on an unhandled error even when every test passed', async () => {
    const result = await runPhase({
      'leaky.spec.ts': `
        import { it } from 'vitest';
        it('starts work it never awaits', () => {
          Promise.reject(new Error('nobody awaited this'));
        });
      `,
    });
    expect(result.status).toBe('failed');
    expect(result.tests).toMatchObject([{ name: 'starts work it never awaits', status: 'passed' }]);
    expect(result.errors).toHaveLength(1);
    // Vitest names the test too when the error surfaces while it is still running; here it does not.
    expect(result.errors[0]).toMatch(/^unhandled error \(in leaky\.spec\.ts.*\): nobody awaited this/);
  });

  it('reports a file that fails to load as a run error naming the file', async () => {
    const result = await runPhase({
      'ok.spec.ts': `import { it } from 'vitest'; it('passes', () => {});`,
      'broken.spec.ts': `import { missing } from './does-not-exist.ts'; missing();`,
    });
    expect(result.status).toBe('failed');
    expect(result.tests).toMatchObject([{ name: 'passes', status: 'passed' }]);
    expect(result.errors).toEqual([expect.stringMatching(/^broken\.spec\.ts: .*does-not-exist/)]);
  });

  it("gathers each test's requests from its meta, the API's operations the global setup provided, the run id and the setup time", async () => {
    const previous = process.env.E2E_RUN_ID;
    process.env.E2E_RUN_ID = 'e2e-run-42';
    try {
      const result = await runPhase(
        {
          // What the fixtures do: the test's API client records, and hands over when the test ends.
          'record.ts': `
            import { afterEach, beforeEach } from 'vitest';
            beforeEach(() => { globalThis.sent = []; });
            afterEach(({ task }) => { task.meta.${REQUESTS_META_KEY} = globalThis.sent; });
          `,
          'a.spec.ts': `import { it } from 'vitest'; it('a', () => { globalThis.sent.push({ method: 'GET', path: '/health' }, { method: 'post', path: '/api/v1/auth/login' }, { method: 'GET', path: '/health' }); });`,
          'b.spec.ts': `import { it } from 'vitest'; it('b', () => {});`,
          // What the fixtures' global setup does with the operations of the /openapi.json it fetched.
          'slow-setup.ts': `export default async (project) => {
            await new Promise((resolve) => setTimeout(resolve, 400));
            project.provide('${API_OPERATIONS_PROVIDE_KEY}', [{ method: 'GET', path: '/health', operationId: 'getHealth' }]);
          };`,
        },
        ['./slow-setup.ts'],
        ['./record.ts'],
      );
      expect(result).toMatchObject({
        status: 'passed',
        runId: 'e2e-run-42',
        coverable: { operations: [{ method: 'GET', path: '/health', operationId: 'getHealth' }] },
      });
      expect(result.tests).toEqual([
        expect.objectContaining({
          name: 'a',
          requests: [
            { method: 'POST', path: '/api/v1/auth/login' },
            { method: 'GET', path: '/health' },
          ],
        }),
        expect.not.objectContaining({ requests: expect.anything() }),
      ]);
      expect(result.setupMs).toBeGreaterThanOrEqual(390);
      expect(result.setupMs).toBeLessThan(result.durationMs);
    } finally {
      if (previous === undefined) delete process.env.E2E_RUN_ID;
      else process.env.E2E_RUN_ID = previous;
    }
  });
});
