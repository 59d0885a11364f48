import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isProcessAlive } from './process-alive.ts';
import { findWorkspaceRoot } from './workspace-root.ts';

/** The variable every process of one run reads its run id from. */
export const RUN_ID_ENV = 'E2E_RUN_ID';

/**
 * Where `run-e2e.sh` keeps the id of the run it is making, for as long as it runs, when its
 * caller gave none: Nx's daemon recomputes the project graph for any change in its clients'
 * environment, so a new `E2E_RUN_ID` each run would cost every rerun seconds of graph.
 * It holds the id and the pid of the run-e2e.sh that wrote it: `e2emh3x9k2p 4242`.
 */
export const runIdFile = (root: string) => join(root, '.e2e', 'run-id');

/** Any run id, as a regular-expression source: `e2e` and base-36 digits. */
export const ANY_RUN_ID = 'e2e[0-9a-z]+';

/** A new run id: `e2e` and the time in base 36, e.g. `e2emh3x9k2p`. */
export function newRunId(now = Date.now()): string {
  return `e2e${now.toString(36)}`;
}

/**
 * The id of the run this process belongs to: `E2E_RUN_ID`, else the run file's while the run that
 * wrote it is alive (a killed run-e2e.sh leaves its file behind), else none.
 */
export function currentRunId(
  env: NodeJS.ProcessEnv = process.env,
  root = findWorkspaceRoot(undefined, ''),
): string | undefined {
  if (env[RUN_ID_ENV]) return env[RUN_ID_ENV];
  if (!root) return undefined;
  try {
    const [id, pid] = readFileSync(runIdFile(root), 'utf8').trim().split(/\s+/);
    const valid = new RegExp(`^${ANY_RUN_ID}$`).test(id ?? '') && /^[1-9][0-9]*$/.test(pid ?? '');
    return valid && isProcessAlive(Number(pid)) ? id : undefined;
  } catch {
    return undefined; // no run file: a phase started by hand, not by run-e2e.sh
  }
}

/**
 * This run's id (`currentRunId`), else a new one, stored in `env` so that every worker and child
 * process started afterwards shares it (the test data's names start with it, and the report
 * tells results restored from the Nx cache by it).
 */
export function ensureRunId(env: NodeJS.ProcessEnv = process.env, root?: string): string {
  env[RUN_ID_ENV] = currentRunId(env, root) ?? newRunId();
  return env[RUN_ID_ENV];
}
