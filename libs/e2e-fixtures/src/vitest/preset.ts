import { fileURLToPath } from 'node:url';
import { defineConfig, type ViteUserConfig } from 'vitest/config';
import { ensureRunId, findWorkspaceRoot, phaseResultsFile, RESULTS_PART_ENV } from '@streamkit/e2e-contract';
import { phasePolicy } from '@streamkit/e2e-report/policy';
import { HardTimeoutReporter, PhaseResultsReporter } from '@streamkit/e2e-report/vitest-reporter';

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

/**
 * The Vitest config of an e2e phase: one call per phase project, so every phase resolves its
 * target the same way, takes its retries and timeouts from the phase policy
 * (`@streamkit/e2e-report/policy`), and writes `dist/e2e/<phase>/results.json` for the report:
 * its tests with the API requests each made, and the API's operations (endpoint coverage);
 * a per-file run, `dist/e2e/<phase>/<part>/results.json` (E2E_RESULTS_PART).
 */
export function defineVitestPhase(phase: string, test: NonNullable<ViteUserConfig['test']> = {}) {
  // Set once here, in the main process, so every worker's unique names share the run's prefix.
  ensureRunId();
  // A per-file run (`e2e-ci--tests/<file>`) writes its own part; the report merges the parts.
  const outputFile = phaseResultsFile(phase, { root: findWorkspaceRoot(), file: process.env[RESULTS_PART_ENV] ?? '' });
  const policy = phasePolicy(phase);
  return defineConfig({
    test: {
      name: phase,
      watch: false,
      include: ['tests/**/*.spec.ts'],
      globalSetup: [here('./global-setup.ts')],
      setupFiles: [here('./matchers.ts'), here('./record-requests.ts')],
      // One module graph per worker, not per file. Isolating files cost each one a fresh import of
      // the fixtures (axios, pg, ioredis, supabase-js) and fresh connections, seconds of CPU per
      // file on two cores and most of a small phase's time. The phases keep no state between
      // files: the clients are worker-scoped fixtures and everything a test makes is its own.
      isolate: false,
      retry: policy.retries,
      testTimeout: policy.testTimeoutMs ?? 15_000,
      hookTimeout: 30_000,
      reporters: [
        process.env.CI ? 'dot' : 'default',
        new PhaseResultsReporter({ phase, outputFile }),
        // The phase's watchdog: Vitest has no limit on a whole run.
        new HardTimeoutReporter({
          phase,
          outputFile,
          hardTimeoutMs: policy.hardTimeoutMs,
          setupTimeoutMs: policy.setupTimeoutMs,
        }),
      ],
      ...test,
    },
  });
}
