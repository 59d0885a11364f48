import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const ci = Boolean(process.env.CI);

export default defineConfig({
  // So `vitest run --config apps/storage/vitest.config.ts` from the workspace root finds the specs.
  root: fileURLToPath(new URL('.', import.meta.url)),
  test: {
    // Without it `nx run-many -t test` waits forever in watch mode under a terminal.
    watch: false,
    include: ['src/**/*.spec.ts'],
    // Files share their worker, so the worker-scoped PostgreSQL and server start once, not per file.
    isolate: false,
    // Starting PostgreSQL is part of the first test that needs it.
    testTimeout: 15_000,
    allowOnly: !ci,
    retry: ci ? 1 : 0,
    reporters: ci ? ['default', 'junit'] : ['default'],
    outputFile: { junit: '../../test-results/storage/junit.xml' },
  },
});
