import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, lstatSync, mkdirSync, readdirSync, readlinkSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * A copy of the workspace standing in for another machine: the working tree's files (tracked and
 * untracked, as `.gitignore` leaves them, so uncommitted work runs too) and `node_modules` as a
 * farm of links to this workspace's installed packages — but `@streamkit/*` pointing into the
 * copy, so every workspace package loads from the copy, and Nx, the stack and the phases find
 * the copy's root. Its own `.e2e/` (stack file, servers), its own Nx cache and no daemon: a
 * second run in the same folder would share the first one's `stack:serve`.
 */
export function createAgentWorkspace(root: string, copy: string): void {
  mkdirSync(copy, { recursive: true });
  // The stack's PostgreSQL runs as `postgres` and writes under the copy's .e2e/.
  chmodSync(copy, 0o755);
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  })
    .split('\0')
    .filter(Boolean);
  for (const file of files) {
    const from = join(root, file);
    // A deleted but still tracked file, or a nested package's linked folder: nothing to copy.
    if (!existsSync(from) || lstatSync(from).isDirectory()) continue;
    mkdirSync(dirname(join(copy, file)), { recursive: true });
    cpSync(from, join(copy, file), { verbatimSymlinks: true });
  }
  linkNodeModules(join(root, 'node_modules'), join(copy, 'node_modules'));
  // Packages with their own node_modules (a version of a dependency another package pins apart).
  for (const file of files.filter((f) => f.endsWith('/package.json'))) {
    const dir = dirname(file);
    const own = join(root, dir, 'node_modules');
    if (existsSync(own) && !existsSync(join(copy, dir, 'node_modules'))) {
      symlinkSync(own, join(copy, dir, 'node_modules'), 'dir');
    }
  }
  // Nx's plugin caches, keyed on file hashes: the copy's first graph is not computed from nothing.
  const workspaceData = join(root, '.nx/workspace-data');
  if (existsSync(workspaceData)) {
    cpSync(workspaceData, join(copy, '.nx/workspace-data'), {
      recursive: true,
      filter: (src) => !/\.(sock|lock|db)$|d\/daemon/.test(src),
    });
  }
}

function linkNodeModules(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from)) {
    if (entry === '@streamkit') {
      // npm's workspace links are relative (`../../libs/e2e-report`): recreated, they point into the copy.
      mkdirSync(join(to, entry));
      for (const pkg of readdirSync(join(from, entry))) {
        symlinkSync(readlinkSync(join(from, entry, pkg)), join(to, entry, pkg), 'dir');
      }
    } else {
      symlinkSync(join(from, entry), join(to, entry));
    }
  }
}
