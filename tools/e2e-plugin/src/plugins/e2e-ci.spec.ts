import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findWorkspaceRoot, standaloneNxEnv } from '@streamkit/e2e-contract';
import { describe, expect, it } from 'vitest';
import { fileDependsOn, FILE_TARGETS, specFiles } from './e2e-ci.ts';

type Targets = Record<
  string,
  { options?: { command?: string; env?: Record<string, string> }; dependsOn?: unknown[]; outputs?: string[] }
>;
let graph: { nodes: Record<string, { data: { targets: Targets } }> } | undefined;

/** The workspace's project graph as Nx builds it (once: it takes seconds on a busy machine). */
function workspaceGraph() {
  if (!graph) {
    const dir = mkdtempSync(join(tmpdir(), 'e2e-ci-graph-'));
    try {
      execFileSync('npx', ['nx', 'graph', `--file=${join(dir, 'graph.json')}`], {
        cwd: findWorkspaceRoot(),
        env: standaloneNxEnv(process.env),
        stdio: 'ignore',
      });
      graph = (JSON.parse(readFileSync(join(dir, 'graph.json'), 'utf8')) as { graph: typeof graph }).graph;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return graph!;
}

describe('e2e-ci plugin: per-file targets gated like the phase', () => {
  it('turns every `<phase>:e2e` the phase waits for into all of that phase’s files, and keeps the stack', () => {
    expect(fileDependsOn(['e2e-smoke-api:e2e', 'stack:serve', { projects: ['e2e-health'], target: 'e2e' }])).toEqual([
      { projects: ['e2e-smoke-api'], target: FILE_TARGETS },
      'stack:serve',
      { projects: ['e2e-health'], target: FILE_TARGETS },
    ]);
  });

  it('finds the spec files under tests/, nested ones too, as the presets include them', () => {
    const root = mkdtempSync(join(tmpdir(), 'e2e-ci-'));
    try {
      mkdirSync(join(root, 'tests/auth'), { recursive: true });
      for (const file of ['tests/b.spec.ts', 'tests/auth/a.spec.ts', 'tests/helpers.ts', 'tests/c.spec.tsx'])
        writeFileSync(join(root, file), '');
      expect(specFiles(root)).toEqual(['tests/auth/a.spec.ts', 'tests/b.spec.ts']);
      expect(specFiles(join(root, 'missing'))).toEqual([]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  // The names here must be the runners' plugins' own: a name they do not infer would be a
  // target without a command. Checked on this workspace's real graph, one phase of each runner.
  it.each([
    ['e2e-flows-api', 'e2e-smoke-api', 'vitest run tests/'],
    ['e2e-smoke-ui', 'e2e-health', 'playwright test tests/'],
  ])('%s: every file target runs one file and waits for every file of %s', (phase, before, command) => {
    const project = workspaceGraph().nodes[phase]!.data;
    const files = Object.keys(project.targets).filter((name) => name.startsWith('e2e-ci--tests/'));
    expect(files.length).toBeGreaterThan(1);
    for (const name of files) {
      const target = project.targets[name]!;
      const file = name.slice('e2e-ci--'.length);
      expect(target.options?.command, name).toContain(`${command}${file.slice('tests/'.length)}`);
      expect(target.dependsOn, name).toEqual([{ projects: [before], target: FILE_TARGETS }, 'stack:serve']);
      if (command.startsWith('vitest')) {
        const part = file.replace(/[/.]/g, '-');
        expect(target.options?.env).toMatchObject({ E2E_RESULTS_PART: part });
        expect(target.outputs).toEqual([`{workspaceRoot}/dist/e2e/${phase}/${part}`]);
      }
    }
    expect(project.targets['e2e-ci']?.dependsOn).toHaveLength(files.length);
  });
});
