import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_REQUESTS_ATTACHMENT, VISITED_ROUTES_ATTACHMENT } from '../../contract/coverage-data.ts';
import { OUTPUT_FILE_ENV } from './results-reporter.ts';
import { parsePhaseResult, type PhaseResult } from '../../contract/phase-result.ts';

// Each case runs the real Playwright CLI on an inline suite in a temp dir (inside the workspace,
// so `@playwright/test` resolves), with this reporter as its only reporter, and parses the file
// it wrote back through the schema.

const here = dirname(fileURLToPath(import.meta.url));
const workspaceRoot = resolve(here, '../../../../..');
const reporterPath = join(here, 'results-reporter.ts');
const playwrightCli = join(workspaceRoot, 'node_modules/@playwright/test/cli.js');

/** Playwright's own Chromium when installed, else the system's (as the UI phases choose). */
const executablePath =
  process.env.E2E_CHROMIUM_PATH ?? (existsSync(chromium.executablePath()) ? undefined : '/usr/bin/chromium');

const DEMO_SPEC = `
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';

test.describe('demo', () => {
  test('passes', () => expect(1 + 1).toBe(2));
  test('fails', async ({ page }) => {
    await page.setContent('<h1>Hello</h1>');
    await expect(page.getByRole('heading')).toHaveText('Goodbye', { timeout: 300 });
  });
  test.skip('is skipped', () => {});
  test('records routes and requests', async ({}, testInfo) => {
    await testInfo.attach('${VISITED_ROUTES_ATTACHMENT}', { body: JSON.stringify(['/login', '/']), contentType: 'application/json' });
    await testInfo.attach('${API_REQUESTS_ATTACHMENT}', { body: JSON.stringify([{ method: 'POST', path: '/api/v1/auth/login' }, { method: 'GET', path: '/health' }]), contentType: 'application/json' });
  });
});

test.describe('retried', () => {
  test.describe.configure({ retries: 2 });
  // Fails on the first attempt only: the counter file survives the retry.
  test('is flaky', async ({}, testInfo) => {
    await testInfo.attach('${VISITED_ROUTES_ATTACHMENT}', { body: JSON.stringify(['/dashboard']), contentType: 'application/json' });
    const counter = new URL('./attempts.txt', import.meta.url);
    const attempts = existsSync(counter) ? Number(readFileSync(counter, 'utf8')) : 0;
    writeFileSync(counter, String(attempts + 1));
    if (attempts === 0) throw new Error('first attempt fails');
  });
});
`;

const config = (extra = '') => `
import { defineConfig } from '@playwright/test';
export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.mjs',
  outputDir: 'test-results',
  workers: 1,
  reporter: [[${JSON.stringify(reporterPath)}, { phase: 'e2e-demo', workspaceRoot: import.meta.dirname, configOutputDir: 'test-results', pages: ['/login', '/', '/dashboard/:id'] }]],
  use: {
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: { executablePath: ${JSON.stringify(executablePath)}, args: ['--no-sandbox', '--disable-gpu'] },
  },
  ${extra}
});
`;

let scratch: string;
beforeAll(() => {
  mkdirSync(join(workspaceRoot, 'tmp'), { recursive: true });
  scratch = mkdtempSync(join(workspaceRoot, 'tmp', 'playwright-reporter-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function runPhase(
  name: string,
  files: Record<string, string>,
  env: Record<string, string> = {},
  args: string[] = [],
): Promise<{ dir: string; exitCode: number }> {
  const dir = join(scratch, name);
  mkdirSync(dir);
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
  const { CI: _ci, ...inherited } = process.env; // CI would switch on forbidOnly and retries defaults
  try {
    await promisify(execFile)(
      process.execPath,
      [playwrightCli, 'test', '-c', join(dir, 'playwright.config.mjs'), ...args],
      {
        cwd: dir,
        env: { ...inherited, ...env },
      },
    );
    return { dir, exitCode: 0 };
  } catch (error) {
    return { dir, exitCode: (error as { code?: number }).code ?? 1 };
  }
}

function readResult(file: string): PhaseResult {
  return parsePhaseResult(readFileSync(file, 'utf8'), file);
}

describe('PlaywrightPhaseReporter', () => {
  it('writes one result per test: passed, failed with its screenshot and trace, skipped, flaky', async () => {
    const { dir, exitCode } = await runPhase('demo', { 'playwright.config.mjs': config(), 'demo.spec.mjs': DEMO_SPEC });
    expect(exitCode).toBe(1);
    const result = readResult(join(dir, 'dist/e2e/e2e-demo/results.json'));

    expect(result).toMatchObject({
      schemaVersion: 2,
      phase: 'e2e-demo',
      runner: 'playwright',
      status: 'failed',
      errors: [],
    });
    expect(Date.parse(result.endedAt) - Date.parse(result.startedAt)).toBe(result.durationMs);
    const byName = Object.fromEntries(result.tests.map((t) => [t.name, t]));
    expect(Object.keys(byName).sort()).toEqual([
      'demo > fails',
      'demo > is skipped',
      'demo > passes',
      'demo > records routes and requests',
      'retried > is flaky',
    ]);
    expect(result.tests.every((t) => t.file === 'demo.spec.mjs')).toBe(true);
    expect(byName['demo > passes']).toMatchObject({ status: 'passed', retries: 0 });
    expect(byName['demo > passes']).not.toHaveProperty('error');
    expect(byName['demo > is skipped']).toMatchObject({ status: 'skipped', retries: 0 });
    expect(byName['retried > is flaky']).toMatchObject({
      status: 'flaky',
      retries: 1,
      error: { message: 'first attempt fails' },
    });

    const failed = byName['demo > fails']!;
    expect(failed.status).toBe('failed');
    expect(failed.error?.message).toContain('toHaveText');
    expect(failed.error?.message).toContain('Goodbye');
    expect(failed.error?.message).not.toContain('\u001b['); // no colour codes in a file
    expect(failed.error?.stack).toContain('demo.spec.mjs');
    const attachments = Object.fromEntries((failed.attachments ?? []).map((a) => [a.name, a.path]));
    expect(attachments.screenshot).toMatch(/^test-results\/.+\.png$/);
    expect(attachments.trace).toMatch(/^test-results\/.+\/trace\.zip$/);
    expect(existsSync(join(dir, attachments.trace!))).toBe(true);

    // Per test, from every attempt, unique and sorted; what the phase could cover, from its option.
    expect(byName['demo > records routes and requests']).toMatchObject({
      visitedRoutes: ['/', '/login'],
      requests: [
        { method: 'POST', path: '/api/v1/auth/login' },
        { method: 'GET', path: '/health' },
      ],
    });
    expect(byName['retried > is flaky']?.visitedRoutes).toEqual(['/dashboard']);
    expect(byName['demo > passes']).not.toHaveProperty('visitedRoutes');
    expect(result.coverable).toEqual({ pages: ['/', '/dashboard/:id', '/login'] });
  }, 120_000);

  it('fails the phase and names the cause when the global setup throws', async () => {
    const { dir, exitCode } = await runPhase('setup-fails', {
      'playwright.config.mjs': config("globalSetup: './setup.mjs',"),
      'setup.mjs': "export default () => { throw new Error('E2E_TARGET=external needs E2E_WEB_URL (not set)'); };",
      'demo.spec.mjs': "import { test } from '@playwright/test'; test('never runs', () => {});",
    });
    expect(exitCode).toBe(1);
    const result = readResult(join(dir, 'dist/e2e/e2e-demo/results.json'));
    expect(result.status).toBe('failed');
    expect(result.errors.join('\n')).toContain('E2E_TARGET=external needs E2E_WEB_URL (not set)');
    expect(result.tests).toEqual([]);
  }, 120_000);

  it('fails a phase stopped by the global timeout (the phase policy sets it to the hard timeout) and names it', async () => {
    const { dir, exitCode } = await runPhase('global-timeout', {
      'playwright.config.mjs': config('globalTimeout: 4000,'),
      // The first test is stuck for good; the second is never reached.
      'demo.spec.mjs': `import { test } from '@playwright/test';
        test('is stuck', async () => { await new Promise(() => setInterval(() => {}, 1000)); });
        test('is never reached', () => {});`,
    });
    expect(exitCode).toBe(1);
    const result = readResult(join(dir, 'dist/e2e/e2e-demo/results.json'));
    expect(result).toMatchObject({ status: 'failed', timedOut: { limitMs: 4000, notStarted: [] } });
    // Playwright adds its own lines (`Timed out waiting 2s for the test suite to run`).
    expect(result.errors).toContainEqual(
      expect.stringMatching(/^the run hit Playwright's global timeout after \d+\.\d s$/),
    );
    // Playwright itself reports the test it cut short as skipped; on a busy machine the limit can
    // run out before the worker starts it, so either message is right for the stuck test.
    expect(result.tests.map((t) => [t.name, t.status, t.error?.message])).toEqual([
      [
        'is stuck',
        'failed',
        expect.stringMatching(
          /^did (not finish: the global timeout ran out|not run: the global timeout ran out first)$/,
        ),
      ],
      ['is never reached', 'failed', 'did not run: the global timeout ran out first'],
    ]);
  }, 120_000);

  it('writes into the subfolder of a per-file e2e-ci run, as @nx/playwright runs it', async () => {
    const passing = "import { test } from '@playwright/test'; test('passes', () => {});";
    const files = { 'playwright.config.mjs': config(), 'demo.spec.mjs': passing };
    // What the inferred `e2e-ci--demo.spec.mjs` target runs, through `sh`, which drops its
    // PLAYWRIGHT_@STREAMKIT/…_OUTPUT_FILE variable: `playwright test demo.spec.mjs --output=…`.
    const { dir, exitCode } = await runPhase('atomized', files, {}, [
      'demo.spec.mjs',
      '--output=test-results/demo-spec-mjs',
    ]);
    expect(exitCode).toBe(0);
    const result = readResult(join(dir, 'dist/e2e/e2e-demo/demo-spec-mjs/results.json'));
    expect(result).toMatchObject({ status: 'passed', tests: [{ name: 'passes', status: 'passed' }] });
    expect(existsSync(join(dir, 'dist/e2e/e2e-demo/results.json'))).toBe(false);

    // Where the variable does arrive, it wins.
    const named = await runPhase('atomized-env', files, { [OUTPUT_FILE_ENV]: 'elsewhere/results.json' });
    expect(readResult(join(named.dir, 'elsewhere/results.json')).status).toBe('passed');
  }, 120_000);
});
