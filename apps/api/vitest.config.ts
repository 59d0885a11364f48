import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    watch: false,
    include: ['src/**/*.spec.ts'],
    testTimeout: 10_000,
    hookTimeout: 30_000,
    // A PostgreSQL for the suites that need real services (see the file for why one).
    globalSetup: ['src/testing/global-setup.ts'],
  },
});
