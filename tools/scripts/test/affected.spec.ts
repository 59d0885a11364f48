import { execFileSync } from 'node:child_process';
import { findWorkspaceRoot } from '@streamkit/e2e-contract';
import { scratchClone, type ScratchClone } from '@streamkit/stack/testing';
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

let clone: ScratchClone;

/** The projects with `target` that the last commit affects, as Nx sees them. */
function affected(target: string): string[] {
  const out = execFileSync(
    'npx',
    ['nx', 'show', 'projects', '--affected', '-t', target, '--base=HEAD~1', '--head=HEAD', '--json'],
    {
      cwd: clone.dir,
      encoding: 'utf8',
      env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' },
    },
  );
  return (JSON.parse(out) as string[]).sort();
}

/** Commits a one-line change to `file` and asks Nx which e2e phases that commit affects. */
function affectedBy(file: string): string[] {
  clone.change(file, 'a throwaway change (tools/scripts/test/affected.spec.ts)', `touch ${file}`);
  return affected('e2e');
}

describe('nx affected -t e2e (what a pull request runs)', () => {
  beforeAll(() => {
    clone = scratchClone(WORKSPACE, 'affected-');
  });
  afterAll(() => clone.remove());

  it('a web-only change runs only the UI phases, and rebuilds the web app (web:build, which stack:serve waits for)', () => {
    expect(affectedBy('apps/web/src/main.tsx')).toEqual(UI_PHASES);
    expect(affected('build')).toEqual(['web']);
  });

  it('an API change runs every phase', () => {
    expect(affectedBy('apps/api/src/app.ts')).toEqual(ALL_PHASES);
  });

  it('a docs-only change runs none', () => {
    expect(affectedBy('docs/architecture.md')).toEqual([]);
  });
}, 90_000);
