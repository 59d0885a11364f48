import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { plant, type Mutant } from './mutant.ts';

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/**
 * A scratch copy of the workspace at HEAD (a detached `git worktree` under the system temp
 * folder) where mutants are planted and taken out again. The workspace people work in is never
 * touched, so an interrupted run cannot leave a bug behind in it; the copy is removed at the end.
 */
export class Scratch {
  private planted?: { file: string; original: string };

  private constructor(
    private readonly root: string,
    readonly dir: string,
  ) {}

  static create(root: string): Scratch {
    const dir = mkdtempSync(join(tmpdir(), 'streamkit-mutation-'));
    // mkdtemp makes it private; the stack's PostgreSQL runs as `postgres` and logs into .e2e/logs here.
    chmodSync(dir, 0o755);
    git(root, 'worktree', 'add', '--detach', '--quiet', dir, 'HEAD');
    const scratch = new Scratch(root, dir);
    // Hard links (`cp -al`), not a fresh `npm ci`: seconds instead of minutes. Symlinks are copied
    // as they are (relative), so the workspace packages in node_modules resolve inside the copy.
    for (const folder of scratch.nodeModulesFolders()) {
      execFileSync('cp', ['-al', join(root, folder), join(dir, folder)]);
    }
    // The web build is keyed by a hash of its sources (tools/stack), so the workspace's build is
    // reused instead of rebuilt when the sources are the same.
    if (existsSync(join(root, 'apps/web/dist')))
      cpSync(join(root, 'apps/web/dist'), join(dir, 'apps/web/dist'), { recursive: true });
    return scratch;
  }

  /** node_modules of the root and of every workspace package that has its own. */
  private nodeModulesFolders(): string[] {
    const folders = ['node_modules'];
    for (const group of ['apps', 'libs', 'tools']) {
      for (const entry of readdirSync(join(this.root, group), { withFileTypes: true })) {
        const folder = join(group, entry.name, 'node_modules');
        if (entry.isDirectory() && existsSync(join(this.root, folder))) folders.push(folder);
      }
    }
    return folders;
  }

  get commit(): string {
    return git(this.dir, 'rev-parse', 'HEAD').trim();
  }

  apply(mutant: Mutant): void {
    if (this.planted) throw new Error(`a mutant is still planted in ${this.planted.file}`);
    const path = join(this.dir, mutant.file);
    const original = readFileSync(path, 'utf8');
    this.planted = { file: mutant.file, original };
    writeFileSync(path, plant(original, mutant));
  }

  /** Takes the planted mutant out and checks the copy is HEAD again. */
  restore(): void {
    if (!this.planted) return;
    writeFileSync(join(this.dir, this.planted.file), this.planted.original);
    this.planted = undefined;
    const changed = git(this.dir, 'status', '--porcelain', '--untracked-files=no').trim();
    if (changed) throw new Error(`the scratch copy differs from HEAD after a restore:\n${changed}`);
  }

  remove(): void {
    try {
      git(this.root, 'worktree', 'remove', '--force', this.dir);
    } catch {
      // Removed by hand or half-made: the folder and git's record of it go anyway.
      rmSync(this.dir, { recursive: true, force: true });
      git(this.root, 'worktree', 'prune');
    }
  }
}
