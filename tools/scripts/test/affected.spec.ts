import { execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findWorkspaceRoot } from '@streamkit/e2e-contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// What CI's pull-request run selects (`nx affected -t e2e`, .github/workflows/e2e.yml), checked on
// throwaway commits in a scratch clone of this commit: the workspace itself is never touched.
const WORKSPACE = findWorkspaceRoot(process.cwd());
const UI_PHASES = ['e2e-flows-ui', 'e2e-smoke-ui'];
const ALL_PHASES = [
  'e2e-database',
  'e2e-flows-api',
  'e2e-flows-ui',
  'e2e-fuzz-api',
  'e2e-health',
  'e2e-smoke-api',
  'e2e-smoke-ui',
];

let clone: string;
const git = (...args: string[]) => execFileSync('git', ['-C', clone, ...args], { encoding: 'utf8' });

/** Commits a one-line change to `file` and asks Nx which e2e phases that commit affects. */
function affectedBy(file: string): string[] {
  appendFileSync(join(clone, file), '\n// a throwaway change (tools/scripts/test/affected.spec.ts)\n');
  git(
    '-c',
    'user.name=affected-spec',
    '-c',
    'user.email=affected-spec@example.invalid',
    'commit',
    '-qam',
    `touch ${file}`,
  );
  const out = execFileSync(
    'npx',
    ['nx', 'show', 'projects', '--affected', '-t', 'e2e', '--base=HEAD~1', '--head=HEAD', '--json'],
    {
      cwd: clone,
      encoding: 'utf8',
      env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' },
    },
  );
  return (JSON.parse(out) as string[]).sort();
}

describe('nx affected -t e2e (what a pull request runs)', () => {
  beforeAll(() => {
    clone = mkdtempSync(join(tmpdir(), 'affected-'));
    execFileSync('git', ['clone', '--quiet', '--shared', WORKSPACE, clone]);
    // The scratch clone is HEAD: a spec run on uncommitted work still checks the committed graph.
    symlinkSync(join(WORKSPACE, 'node_modules'), join(clone, 'node_modules'), 'dir');
    // Nx's plugin caches, keyed on file hashes: the first graph of the clone is not computed from nothing.
    const workspaceData = join(WORKSPACE, '.nx/workspace-data');
    if (existsSync(workspaceData))
      cpSync(workspaceData, join(clone, '.nx/workspace-data'), {
        recursive: true,
        filter: (src) => !/\.(sock|lock|db)$|d\/daemon/.test(src),
      });
  });
  afterAll(() => rmSync(clone, { recursive: true, force: true }));

  it('a web-only change runs only the UI phases', () => {
    expect(affectedBy('apps/web/src/main.tsx')).toEqual(UI_PHASES);
  });

  it('an API change runs every phase', () => {
    expect(affectedBy('apps/api/src/app.ts')).toEqual(ALL_PHASES);
  });

  it('a docs-only change runs none', () => {
    expect(affectedBy('docs/architecture.md')).toEqual([]);
  });
}, 90_000);
