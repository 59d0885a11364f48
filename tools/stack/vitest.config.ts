import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Without it `nx run-many -t test` waits forever in watch mode under a terminal.
  test: {
    watch: false,
    include: ['src/**/*.spec.ts'],
    // The fault-injection runs are whole e2e runs; more than three at once starve two cores.
    maxConcurrency: 3,
  },
});
