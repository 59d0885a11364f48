// StrykerJS over this library's unit tests: `npx nx run e2e-report:mutation` (docs/mutation-testing.md).
import { strykerConfig } from '../../stryker.shared.mjs';

export default strykerConfig('e2e-report', {
  vitest: { configFile: 'vitest.mutation.config.ts' },
  // Test helpers (builders, fakes of Vitest's objects) are not mutated.
  mutate: ['src/**/*.ts', '!src/**/*.spec.ts', '!src/testing.ts', '!src/**/fake-*.ts'],
});
