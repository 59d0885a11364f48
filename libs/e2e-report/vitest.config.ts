import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Without it `nx run-many -t test` waits forever in watch mode under a terminal.
    watch: false,
    include: ['src/**/*.spec.ts'],
    // Several specs run a real Vitest or Playwright; `npm test` runs them beside the e2e phases
    // on two cores, where one such run can take far longer than Vitest's 5 s default.
    testTimeout: 60_000,
  },
});
