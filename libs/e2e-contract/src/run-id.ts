/** The variable every process of one run reads its run id from. */
export const RUN_ID_ENV = 'E2E_RUN_ID';

/** Any run id, as a regular-expression source: `e2e` and base-36 digits. */
export const ANY_RUN_ID = 'e2e[0-9a-z]+';

/** A new run id: `e2e` and the time in base 36, e.g. `e2emh3x9k2p`. */
export function newRunId(now = Date.now()): string {
  return `e2e${now.toString(36)}`;
}

/**
 * This run's id: `E2E_RUN_ID` when set, else a new one, stored in `env` so that every worker and
 * child process started afterwards shares it (the test data's names start with it, and the report
 * tells results restored from the Nx cache by it).
 */
export function ensureRunId(env: NodeJS.ProcessEnv = process.env): string {
  env[RUN_ID_ENV] ||= newRunId();
  return env[RUN_ID_ENV];
}
