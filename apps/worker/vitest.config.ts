import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { watch: false, include: ['src/**/*.spec.ts'], testTimeout: 10_000 },
});
