import { basename, dirname, isAbsolute, join } from 'node:path';

/**
 * Where the phases and the report write, relative to the workspace root (or under `root` when
 * given). Nx declares `dist/e2e/<phase>` as each phase's output, so a cache hit restores it.
 */
export const E2E_OUTPUT_DIR = 'dist/e2e';
export const RESULTS_FILE_NAME = 'results.json';

/**
 * The folder holding every phase's folder: `dist/e2e`, or E2E_RESULTS_DIR (absolute, or relative
 * to the workspace root) for a run that must not touch another run's results — the deploy gate's
 * suite inside `npm test`, the e2e-runner container's volume. `run-e2e.sh` points the report there.
 */
export function resultsDir(root = '', env: NodeJS.ProcessEnv = process.env): string {
  const dir = env.E2E_RESULTS_DIR;
  if (!dir) return join(root, E2E_OUTPUT_DIR);
  return isAbsolute(dir) ? dir : join(root, dir);
}

/** `dist/e2e/<phase>`: everything one phase produces. */
export function phaseOutputDir(phase: string, root = ''): string {
  return join(resultsDir(root), phase);
}

/**
 * `dist/e2e/<phase>/results.json`, the phase's normalized result; with `file`, the per-file
 * variant `dist/e2e/<phase>/<file>/results.json` that Playwright's per-file `e2e-ci--<file>`
 * targets write.
 */
export function phaseResultsFile(
  phase: string,
  { root = '', file = '' }: { root?: string; file?: string } = {},
): string {
  return join(phaseOutputDir(phase, root), file, RESULTS_FILE_NAME);
}

/** The per-file variant of any results file: `<dir>/<file>/<name>` beside `<dir>/<name>`. */
export function perFileResultsFile(resultsFile: string, file: string): string {
  return join(dirname(resultsFile), file, basename(resultsFile));
}

/**
 * Set on a per-file run (`e2e-ci--tests/<file>`, tools/e2e-plugin/src/plugins/e2e-ci.ts): the
 * phase writes `dist/e2e/<phase>/<part>/results.json` instead of the whole phase's file.
 */
export const RESULTS_PART_ENV = 'E2E_RESULTS_PART';

/**
 * The folder of one spec file's results: `tests/auth.spec.ts` → `tests-auth-spec-ts`, the name
 * `@nx/playwright` gives its per-file outputs, so both runners' parts sit side by side alike.
 */
export function resultsPartName(file: string): string {
  return file.replace(/[/\\]/g, '-').replace(/\./g, '-');
}

/** What the report writes beside the phases' folders. */
export const REPORT_FILES = {
  json: join(E2E_OUTPUT_DIR, 'report.json'),
  junit: join(E2E_OUTPUT_DIR, 'junit.xml'),
  html: join(E2E_OUTPUT_DIR, 'report.html'),
} as const;
