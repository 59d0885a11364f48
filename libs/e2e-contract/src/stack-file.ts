import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { isProcessAlive } from './process-alive.ts';
import { findWorkspaceRoot } from './workspace-root.ts';

/**
 * The protocol between the local stack (`tools/stack`) and everything that uses it: once every
 * service answers, the stack writes `.e2e/stack.json`; when it cannot start, it writes
 * `.e2e/stack-error.txt` instead, so that waiting phases fail at once.
 */
export const StackInfoSchema = z.object({
  pid: z.number().int(),
  startedAt: z.string(),
  apiUrl: z.string(),
  /** The built web app, served by `vite preview`; `/api` and `/health` are proxied to the API. */
  webUrl: z.string(),
  databaseUrl: z.string(),
  redisUrl: z.string(),
  storageUrl: z.string(),
  storageKey: z.string(),
  mailUrl: z.string(),
  smtpUrl: z.string(),
});

/** What the local stack publishes once every service answers. */
export type StackInfo = z.infer<typeof StackInfoSchema>;

export const stackDir = (root = findWorkspaceRoot()) => join(root, '.e2e');
export const stackFile = (root = findWorkspaceRoot()) => join(stackDir(root), 'stack.json');
/** Written instead of stack.json when the stack could not start, so waiting phases fail at once. */
export const stackErrorFile = (root = findWorkspaceRoot()) => join(stackDir(root), 'stack-error.txt');

/** Publishes the stack, atomically: the file's presence means "everything answers". */
export function writeStackFile(info: StackInfo, root = findWorkspaceRoot()): void {
  const file = stackFile(root);
  mkdirSync(stackDir(root), { recursive: true });
  writeFileSync(`${file}.tmp`, JSON.stringify(info, null, 2));
  renameSync(`${file}.tmp`, file);
}

/** Removes the published stack file, but only if `pid` published it (another stack's is not ours). */
export function removeStackFile(pid: number, root = findWorkspaceRoot()): void {
  if (readLiveStack(root)?.pid === pid) rmSync(stackFile(root), { force: true });
}

export function writeStackError(report: string, root = findWorkspaceRoot()): void {
  mkdirSync(stackDir(root), { recursive: true });
  writeFileSync(stackErrorFile(root), report);
}

export function clearStackError(root = findWorkspaceRoot()): void {
  rmSync(stackErrorFile(root), { force: true });
}

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
  const parsed = StackInfoSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file} is not a stack file: ${z.prettifyError(parsed.error)}`);
  // A crashed stack leaves its file behind.
  return isProcessAlive(parsed.data.pid) ? parsed.data : undefined;
}
