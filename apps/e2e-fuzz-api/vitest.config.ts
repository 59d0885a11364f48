import { tsImport } from 'tsx/esm/api';

// Node 20 cannot import the workspace's TypeScript packages from a config file, and Vite leaves
// every package import to Node; tsx loads the shared preset instead.
const { defineVitestPhase }: typeof import('@streamkit/e2e-fixtures/vitest-preset') = await tsImport(
  '@streamkit/e2e-fixtures/vitest-preset',
  import.meta.url,
);

export default defineVitestPhase('e2e-fuzz-api');
