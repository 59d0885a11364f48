import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const ci = Boolean(process.env.CI);

export default defineConfig({
  // So `vitest run --config tools/scripts/vitest.config.ts` from the workspace root finds the specs.
  root: fileURLToPath(new URL('.', import.meta.url)),
  test: {
    watch: false,
    include: ['test/**/*.spec.ts'],
    // Each spec file starts its own PostgreSQL and applies the API's migrations first.
    hookTimeout: 60_000,
    // Some tests run a script as its Nx target does (a `tsx` process), seconds each on a busy machine.
    testTimeout: 30_000,
    allowOnly: !ci,
    retry: ci ? 1 : 0,
  },
});
