import { fileURLToPath } from 'node:url';
import { defineConfig, type ViteUserConfig } from 'vitest/config';
import { ensureRunId, findWorkspaceRoot, phaseResultsFile } from '@streamkit/e2e-contract';
import { phasePolicy } from '@streamkit/e2e-report/policy';
import { PhaseResultsReporter } from '@streamkit/e2e-report/vitest-reporter';

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

/**
 * The Vitest config of an e2e phase: one call per phase project, so every phase resolves its
 * target the same way, takes its retries and timeouts from the phase policy
 * (`@streamkit/e2e-report/policy`), records its API requests for endpoint coverage and writes
 * `dist/e2e/<phase>/results.json` for the report.
 */
export function defineVitestPhase(phase: string, test: NonNullable<ViteUserConfig['test']> = {}) {
  // Set once here, in the main process, so every worker's unique names share the run's prefix.
  ensureRunId();
  const outputFile = phaseResultsFile(phase, { root: findWorkspaceRoot() });
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
