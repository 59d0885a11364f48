// One flat config for the whole workspace; `@nx/eslint/plugin` infers each project's `lint` target
// from it. Correctness rules only: formatting is Prettier's job (`npm run format`), not lint's.
import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import vitest from '@vitest/eslint-plugin';
import prettier from 'eslint-config-prettier/flat';
import playwright from 'eslint-plugin-playwright';
import tseslint from 'typescript-eslint';

const TS = ['**/*.ts', '**/*.tsx', '**/*.mts'];
const VITEST_SPECS = [
  '{apps,libs,tools}/*/src/**/*.spec.{ts,tsx}',
  'tools/*/test/**/*.spec.ts',
  'apps/e2e-*/tests/**/*.spec.ts',
];
const PLAYWRIGHT_SPECS = ['apps/e2e-*-ui/tests/**/*.ts'];

/**
 * The layers (DESIGN.md, principle 6), over the tags each project declares in its package.json.
 * `exports:contract` marks a project under test whose package `exports` are a contract the phases
 * (and tools) may import: the web app's route manifest, session key and security headers. Anything
 * else of it is out of reach, because the package exports nothing else. The web app declares
 * `projectType: library` for that reason: `@nx/vite` would infer `application`, and the rule
 * forbids every import of an application, contract or not.
 */
const LAYERS = [
  { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'] },
  { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['type:lib', 'type:tool', 'exports:contract'] },
  { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:lib', 'exports:contract'] },
  // The apps under test import no test code and no other app: only product libs they share
  // (`scope:product`, e.g. the generation catalogue the API and the worker both use).
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['scope:product'] },
];

const boundaries = (depConstraints) => ({
  '@nx/enforce-module-boundaries': [
    'error',
    { enforceBuildableLibDependency: false, allow: [], depConstraints, checkDynamicDependenciesExceptions: [] },
  ],
});

export default tseslint.config(
  {
    ignores: ['**/node_modules/**', '**/dist/**', '.nx/**', 'tmp/**', '.e2e/**', '**/*.js', '**/*.mjs', '**/*.cjs'],
  },
  {
    files: TS,
    extends: [js.configs.recommended, tseslint.configs.recommended],
    plugins: { '@nx': nx },
    rules: {
      ...boundaries(LAYERS),
      // Another project is reached through its package name and declared `exports`, never its src/.
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@streamkit/*/src', '@streamkit/*/src/**'],
              message: "Import the package's declared exports, not its src/.",
            },
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true, caughtErrors: 'none' },
      ],
      // Playwright and Vitest fixtures destructure nothing from their first argument: `async ({}, use)`.
      'no-empty-pattern': 'off',
      // Refusing control characters (names, keys, redirects) and stripping ANSI escapes are what
      // such regular expressions are for in this workspace, never an accident.
      'no-control-regex': 'off',
    },
  },
  {
    // A tool's tests may start an app under test (the scripts' tests run the real storage server);
    // the tool itself may not.
    files: ['tools/*/test/**/*.ts'],
    rules: boundaries(
      LAYERS.map((layer) =>
        layer.sourceTag === 'type:tool'
          ? { ...layer, onlyDependOnLibsWithTags: [...layer.onlyDependOnLibsWithTags, 'type:app'] }
          : layer,
      ),
    ),
  },
  {
    // An app's tests may start real services with the stack's own code (the API's suites run on a
    // real PostgreSQL and Redis); the app itself may not.
    files: ['apps/*/src/**/*.spec.ts', 'apps/*/src/testing/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        { ...boundaries(LAYERS)['@nx/enforce-module-boundaries'][1], allow: ['@streamkit/stack/services'] },
      ],
    },
  },
  {
    // Test code reads JSON answers whose shape is the assertion's business, not the type's.
    files: [...VITEST_SPECS, ...PLAYWRIGHT_SPECS, 'libs/e2e-fixtures/src/**/*.ts', 'apps/e2e-*/tests/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: VITEST_SPECS,
    ignores: PLAYWRIGHT_SPECS,
    plugins: { vitest },
    rules: {
      'vitest/expect-expect': ['error', { assertFunctionNames: ['expect', 'expect*', 'assert*', '**.expect*'] }],
      'vitest/no-focused-tests': 'error',
      'vitest/no-disabled-tests': 'error',
      'vitest/no-identical-title': 'error',
      // `expect(value, 'what it is')`: Vitest's second argument names the value in the failure.
      'vitest/valid-expect': ['error', { maxArgs: 2 }],
    },
  },
  {
    files: PLAYWRIGHT_SPECS,
    ...playwright.configs['flat/recommended'],
    rules: {
      ...playwright.configs['flat/recommended'].rules,
      'playwright/expect-expect': ['error', { assertFunctionNames: ['expect*', 'assert*'] }],
      'playwright/no-focused-test': 'error',
      // A spec's own assertion helpers (called from its tests) hold expects outside a test block.
      'playwright/no-standalone-expect': 'off',
      // `test.skip(condition, why)` is a finding about the target (no OAuth provider), not a disabled test.
      'playwright/no-skipped-test': ['error', { allowConditional: true }],
    },
  },
  // Last: turns off any rule that would argue with Prettier's formatting.
  prettier,
);
