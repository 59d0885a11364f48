import { join } from 'node:path';
import { defineConfig, devices, type PlaywrightTestConfig } from '@playwright/test';
import { ensureRunId, findWorkspaceRoot, phaseOutputDir, phaseResultsFile } from '@streamkit/e2e-contract';
import { PLAYWRIGHT_REPORTER, type PlaywrightPhaseReporterOptions } from '@streamkit/e2e-report/playwright-reporter';
import { isCi, phasePolicy } from '@streamkit/e2e-report/policy';
import { CHROMIUM_ARGS, chromiumForConfig } from './chromium.ts';
import type { PhaseOptions } from './fixtures.ts';

/**
 * The Playwright config of a UI phase: one call per phase project. Retries and timeouts come
 * from the phase policy (`@streamkit/e2e-report/policy`; its hard timeout is Playwright's
 * `globalTimeout`). Tests live in `tests/`; everything the phase produces goes under
 * `dist/e2e/<phase>/` (Nx caches that folder): `results.json` for the report, `html/`
 * (Playwright's report) and `test-results/` (traces and screenshots of failed tests).
 * `overrides` are merged over the defaults, `use` key by key. `coverage.pages` is what the phase
 * could cover, the route patterns of the web app's manifest; its results carry them, so the
 * report measures page coverage from the results alone.
 */
export function definePlaywrightPhase(
  phase: string,
  overrides: PlaywrightTestConfig<PhaseOptions> = {},
  coverage: { pages?: readonly string[] } = {},
) {
  // Set once here, in the main process, so every worker's unique names share the run's prefix.
  ensureRunId();
  const root = findWorkspaceRoot();
  const out = phaseOutputDir(phase, root);
  const policy = phasePolicy(phase);
  const ci = isCi();
  const { use, ...rest } = overrides;
  return defineConfig<PhaseOptions>({
    testDir: 'tests',
    fullyParallel: true,
    forbidOnly: ci,
    retries: policy.retries,
    // Two cores: two browsers at a time keep both busy without starving the stack.
    workers: 2,
    timeout: policy.testTimeoutMs ?? 30_000,
    globalTimeout: policy.hardTimeoutMs,
    expect: { timeout: 5_000 },
    // A package path, not a file URL: Nx evaluates this config too, outside Playwright's loader.
    globalSetup: '@streamkit/e2e-fixtures/playwright-global-setup',
    outputDir: join(out, 'test-results'),
    reporter: [
      [ci ? 'dot' : 'list'],
      ['html', { outputFolder: join(out, 'html'), open: 'never' }],
      [
        PLAYWRIGHT_REPORTER,
        {
          phase,
          outputFile: phaseResultsFile(phase, { root }),
          configOutputDir: join(out, 'test-results'),
          ...(coverage.pages ? { pages: [...coverage.pages] } : {}),
        } satisfies PlaywrightPhaseReporterOptions,
      ],
    ],
    use: {
      trace: 'retain-on-failure',
      screenshot: 'only-on-failure',
      actionTimeout: 10_000,
      navigationTimeout: 15_000,
      ...use,
    },
    projects: [
      {
        name: 'chromium',
        use: {
          ...devices['Desktop Chrome'],
          launchOptions: { executablePath: chromiumForConfig(), args: CHROMIUM_ARGS },
        },
      },
    ],
    ...rest,
  });
}
