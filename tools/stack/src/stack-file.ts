import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** What the local stack publishes for the fixtures once every service answers. */
export interface StackInfo {
  pid: number;
  startedAt: string;
  apiUrl: string;
  /** The built web app, served by `vite preview`; `/api` and `/health` are proxied to the API. */
  webUrl: string;
  databaseUrl: string;
  redisUrl: string;
  storageUrl: string;
  storageKey: string;
  mailUrl: string;
  smtpUrl: string;
}

export function findWorkspaceRoot(from = process.cwd()): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'nx.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no nx.json above ${from}: not inside the workspace`);
  }
}

export const stackDir = (root = findWorkspaceRoot()) => join(root, '.e2e');
export const stackFile = (root = findWorkspaceRoot()) => join(stackDir(root), 'stack.json');
/**
 * Where the phases write their results and the report reads them: `dist/e2e`, or E2E_RESULTS_DIR
 * (relative to the workspace root) for a run that must not touch another run's results — the
 * deploy gate's run inside `npm test`, the e2e-runner container's mounted volume.
 */
export const resultsDir = (root = findWorkspaceRoot(), env: NodeJS.ProcessEnv = process.env) =>
  env.E2E_RESULTS_DIR ? resolve(root, env.E2E_RESULTS_DIR) : join(root, 'dist/e2e');
/** Written instead of stack.json when the stack could not start, so waiting phases fail at once. */
export const stackErrorFile = (root = findWorkspaceRoot()) => join(stackDir(root), 'stack-error.txt');

/** Why the last stack failed to start, if it failed after `since` (ms since the epoch). */
export function readStackError(since: number, root = findWorkspaceRoot()): string | undefined {
  const file = stackErrorFile(root);
  if (!existsSync(file) || statSync(file).mtimeMs < since) return undefined;
  return readFileSync(file, 'utf8');
}

/** The published stack, or undefined when none is up (no file, or its process is gone). */
export function readLiveStack(root = findWorkspaceRoot()): StackInfo | undefined {
  const file = stackFile(root);
  if (!existsSync(file)) return undefined;
  const info = JSON.parse(readFileSync(file, 'utf8')) as StackInfo;
  try {
    process.kill(info.pid, 0);
    return info;
  } catch {
    return undefined; // a crashed stack left its file behind
  }
}
