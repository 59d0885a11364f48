import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  test: {
    // Without it `nx run-many -t test` waits forever in watch mode under a terminal.
    watch: false,
    include: ['src/**/*.spec.ts'],
    // Some specs run docker-compose, esbuild or a bundled server: seconds each beside the e2e
    // phases on two cores.
    testTimeout: 30_000,
  },
});
