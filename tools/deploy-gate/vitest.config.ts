import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  test: {
    // Without it `nx run-many -t test` waits forever in watch mode under a terminal.
    watch: false,
    include: ['src/**/*.spec.ts'],
    // gate.spec.ts boots two stacks and runs the health phase through Nx against each: ~40 s on
    // an idle 2-core machine, several times that when the machine is shared with other suites.
    hookTimeout: 240_000,
    testTimeout: 300_000,
  },
});
