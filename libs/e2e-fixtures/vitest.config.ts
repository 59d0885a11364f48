import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Without it `nx run-many -t test` waits forever in watch mode under a terminal.
    watch: false,
    include: ['src/**/*.spec.ts'],
  },
});
