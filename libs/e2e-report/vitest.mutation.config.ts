import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.ts';

// The unit tests as StrykerJS runs them (stryker.config.mjs). Left out: the specs that start a
// whole runner. Those that run a Vitest or Playwright CLI in a child process cannot kill a mutant
// (Stryker activates one only in its own process); the one that starts Vitest in this process
// can, but costs seconds per mutant. What they check of the reporters is also checked in-process,
// against the reporters driven directly (`*.in-process.spec.ts`), and that is what is scored.
export default mergeConfig(
  base,
  defineConfig({
    test: {
      exclude: [
        'src/reporters/playwright/results-reporter.spec.ts',
        'src/reporters/vitest/hard-timeout-reporter.spec.ts',
        'src/reporters/vitest/results-reporter.spec.ts',
      ],
    },
  }),
);
