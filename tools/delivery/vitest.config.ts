import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  test: {
    // Without it `nx run-many -t test` waits forever in watch mode under a terminal.
    watch: false,
    include: ['src/**/*.spec.ts'],
    // Some specs run docker-compose (Python), esbuild or a bundled server: seconds each, and far
    // more beside the e2e phases on a busy two-core machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
