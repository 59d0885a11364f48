// What StrykerJS runs with in every project that has a `mutation` target (docs/mutation-testing.md).
// Each project's stryker.config.mjs adds its Vitest config and the files it mutates.

/**
 * @param {string} project the Nx project name; reports go to dist/mutation/<project>/
 * @param {import('@stryker-mutator/api/core').PartialStrykerOptions} options
 * @returns {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export function strykerConfig(project, options) {
  return {
    testRunner: 'vitest',
    // Mutate the files where they are: the specs run real Vitest and Playwright, which resolve the
    // workspace's packages from here (a sandbox copy would not find them).
    inPlace: true,
    // Each mutant runs only the tests that reached it in the dry run.
    coverageAnalysis: 'perTest',
    // A mutant in code run once at import (schemas, constants) would need every test file re-run.
    ignoreStatic: true,
    // One worker: the machine is shared (run it under `nice`, as the Nx target does).
    concurrency: 1,
    timeoutMS: 20_000,
    tempDirName: `../../tmp/stryker/${project}`,
    reporters: ['clear-text', 'html', 'json', 'progress-append-only'],
    clearTextReporter: { allowColor: false, logTests: false, reportMutants: false },
    htmlReporter: { fileName: `../../dist/mutation/${project}/index.html` },
    jsonReporter: { fileName: `../../dist/mutation/${project}/mutation.json` },
    ...options,
  };
}
