import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isProcessAlive } from './process-alive.ts';
import { stackDir } from './stack-file.ts';
import { findWorkspaceRoot } from './workspace-root.ts';

/**
 * The local stack boots on demand. `nx run stack:serve` starts only a controller; a phase that
 * needs the stack asks for it by leaving a file named after its own pid here while it waits, and
 * the controller boots the services once it sees a request from a live process. A phase Nx
 * restores from its cache never asks, so a rerun with nothing changed boots nothing. A file whose
 * process is gone (a phase killed while it waited) is no request.
 */
export const stackRequestDir = (root = findWorkspaceRoot()) => join(stackDir(root), 'requests');

/** Asks the controller for the stack on behalf of `pid`; the returned function withdraws the request. */
export function requestStack(root = findWorkspaceRoot(), pid = process.pid): () => void {
  const dir = stackRequestDir(root);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, String(pid));
  writeFileSync(file, '');
  return () => rmSync(file, { force: true });
}

/** The live processes waiting for the stack; the files of dead ones are removed. */
export function pendingStackRequests(root = findWorkspaceRoot()): number[] {
  const dir = stackRequestDir(root);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const pid = Number(name);
    if (Number.isInteger(pid) && pid > 0 && isProcessAlive(pid)) return [pid];
    rmSync(join(dir, name), { recursive: true, force: true });
    return [];
  });
}
