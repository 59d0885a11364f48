// StrykerJS over this plugin's unit tests: `npx nx run e2e-plugin:mutation` (docs/mutation-testing.md).
import { strykerConfig } from '../../stryker.shared.mjs';

export default strykerConfig('e2e-plugin', {
  vitest: { configFile: 'vitest.config.mts' },
  mutate: ['src/**/*.ts', '!src/**/*.spec.ts'],
});
