import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.ts';

// The unit tests as StrykerJS runs them (stryker.config.mjs). Left out: the specs that run a real
// Vitest or Playwright CLI in a child process. A mutant is active only in Stryker's own process,
// so they cannot kill one, and each would cost seconds per mutant of the helpers they import.
// Their reporters' logic is tested in-process too (`*.in-process.spec.ts`).
export default mergeConfig(
  base,
  defineConfig({
    test: {
      exclude: [
        'src/reporters/playwright/results-reporter.spec.ts',
        'src/reporters/vitest/hard-timeout-reporter.spec.ts',
      ],
    },
  }),
);
