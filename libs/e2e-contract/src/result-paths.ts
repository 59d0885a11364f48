import { basename, dirname, join } from 'node:path';

/**
 * Where the phases and the report write, relative to the workspace root (or under `root` when
 * given). Nx declares `dist/e2e/<phase>` as each phase's output, so a cache hit restores it.
 */
export const E2E_OUTPUT_DIR = 'dist/e2e';
export const RESULTS_FILE_NAME = 'results.json';

/** `dist/e2e/<phase>`: everything one phase produces. */
export function phaseOutputDir(phase: string, root = ''): string {
  return join(root, E2E_OUTPUT_DIR, phase);
}

/**
 * `dist/e2e/<phase>/results.json`, the phase's normalized result; with `file`, the per-file
 * variant `dist/e2e/<phase>/<file>/results.json` that Playwright's per-file `e2e-ci--<file>`
 * targets write.
 */
export function phaseResultsFile(phase: string, { root = '', file = '' }: { root?: string; file?: string } = {}): string {
  return join(phaseOutputDir(phase, root), file, RESULTS_FILE_NAME);
}

/** The per-file variant of any results file: `<dir>/<file>/<name>` beside `<dir>/<name>`. */
export function perFileResultsFile(resultsFile: string, file: string): string {
  return join(dirname(resultsFile), file, basename(resultsFile));
}

/** What the report writes beside the phases' folders. */
export const REPORT_FILES = {
  json: join(E2E_OUTPUT_DIR, 'report.json'),
  junit: join(E2E_OUTPUT_DIR, 'junit.xml'),
  html: join(E2E_OUTPUT_DIR, 'report.html'),
} as const;
