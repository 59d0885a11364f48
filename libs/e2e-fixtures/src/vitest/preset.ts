import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type ViteUserConfig } from 'vitest/config';
import { phasePolicy } from '@streamkit/e2e-report/policy';
import { PhaseResultsReporter } from '@streamkit/e2e-report/vitest-reporter';
import { resultsDir } from '@streamkit/stack/stack-file';

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

/**
 * The Vitest config of an e2e phase: one call per phase project, so every phase resolves its
 * target the same way, takes its retries and timeouts from the phase policy
 * (`@streamkit/e2e-report/policy`), records its API requests for endpoint coverage and writes
 * `dist/e2e/<phase>/results.json` (under E2E_RESULTS_DIR when set) for the report.
 */
export function defineVitestPhase(phase: string, test: NonNullable<ViteUserConfig['test']> = {}) {
  // Set once here, in the main process, so every worker's unique names share the run's prefix.
  process.env.E2E_RUN_ID ??= `e2e${Date.now().toString(36)}`;
  const outputFile = join(resultsDir(), phase, 'results.json');
  const policy = phasePolicy(phase);
  return defineConfig({
    test: {
      name: phase,
      watch: false,
      include: ['tests/**/*.spec.ts'],
      globalSetup: [here('./global-setup.ts')],
      setupFiles: [here('./matchers.ts'), here('./record-requests.ts')],
      retry: policy.retries,
      testTimeout: policy.testTimeoutMs ?? 15_000,
      hookTimeout: 30_000,
      reporters: [
        process.env.CI ? 'dot' : 'default',
        // The reporter is also the phase's watchdog: Vitest has no limit on a whole run.
        new PhaseResultsReporter({ phase, outputFile, hardTimeoutMs: policy.hardTimeoutMs, setupTimeoutMs: policy.setupTimeoutMs }),
      ],
      ...test,
    },
  });
}
