import { execFileSync } from 'node:child_process';
import { appendFileSync, chmodSync, cpSync, existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A throwaway clone of the workspace's HEAD, for a test that runs Nx on it or commits to it. */
export interface ScratchClone {
  dir: string;
  git(...args: string[]): string;
  /** Appends a comment line to `file` (a change Nx hashes) and, with `message`, commits it. */
  change(file: string, note: string, message?: string): void;
  remove(): void;
}

/**
 * Clones `workspace`'s HEAD into a temp folder, so a spec run on uncommitted work still checks the
 * committed tree and the workspace itself is never touched. `node_modules` is linked, and Nx's
 * plugin caches (keyed on file hashes) are copied, so the clone's first graph is not computed
 * from nothing.
 */
export function scratchClone(workspace: string, prefix: string): ScratchClone {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  // A stack booted in the clone runs PostgreSQL as `postgres` when root, logging under `.e2e/`.
  chmodSync(dir, 0o755);
  execFileSync('git', ['clone', '--quiet', '--shared', workspace, dir]);
  symlinkSync(join(workspace, 'node_modules'), join(dir, 'node_modules'), 'dir');
  const workspaceData = join(workspace, '.nx/workspace-data');
  const daemonState = join(workspaceData, 'd');
  if (existsSync(workspaceData))
    cpSync(workspaceData, join(dir, '.nx/workspace-data'), {
      recursive: true,
      // Not `d/`: the source's daemon state (its log, and the process file that would send the
      // clone's Nx to the source's daemon).
      filter: (src) => !/\.(sock|lock|db)$/.test(src) && src !== daemonState && !src.startsWith(`${daemonState}/`),
    });
  const git = (...args: string[]) => execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8' });
  return {
    dir,
    git,
    change(file, note, message) {
      appendFileSync(join(dir, file), `\n// ${note}\n`);
      if (message)
        git(
          '-c',
          'user.name=scratch-clone',
          '-c',
          'user.email=scratch-clone@example.invalid',
          'commit',
          '-qam',
          message,
        );
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
