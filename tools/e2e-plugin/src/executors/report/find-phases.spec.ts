import type { ProjectGraph, TargetConfiguration } from '@nx/devkit';
import { describe, expect, it } from 'vitest';
import { findPhases } from './find-phases.ts';

type Targets = Record<string, TargetConfiguration>;

function graph(projects: Record<string, Targets>, projectDeps: Record<string, string[]> = {}): ProjectGraph {
  return {
    nodes: Object.fromEntries(
      Object.entries(projects).map(([name, targets]) => [
        name,
        {
          name,
          type: 'app',
          data: { root: `apps/${name}`, targets, tags: name === 'e2e-health' ? ['phase:gate'] : [] },
        },
      ]),
    ),
    dependencies: Object.fromEntries(
      Object.keys(projects).map((name) => [
        name,
        (projectDeps[name] ?? []).map((target) => ({ source: name, target, type: 'static' })),
      ]),
    ),
  };
}

const e2e = (dependsOn: TargetConfiguration['dependsOn'] = []): Targets => ({
  e2e: { executor: 'nx:noop', dependsOn },
});

describe('findPhases', () => {
  it('reads phase order from every dependsOn form Nx accepts', () => {
    const phases = findPhases(
      graph(
        {
          stack: { serve: { executor: 'nx:noop', continuous: true } },
          'e2e-health': e2e(['stack:serve']),
          'e2e-smoke-api': e2e(['stack:serve', 'e2e-health:e2e']),
          'e2e-flows-api': e2e([{ projects: ['e2e-smoke-api'], target: 'e2e' }]),
          'e2e-database': e2e(['^e2e']),
          'e2e-smoke-ui': e2e([{ projects: 'tag:phase:gate', target: 'e2e' }]),
          'e2e-report': { report: { executor: 'nx:noop' } },
        },
        { 'e2e-database': ['e2e-health'] },
      ),
      'e2e',
    );
    expect(phases).toEqual([
      { name: 'e2e-database', dependsOn: ['e2e-health'] },
      { name: 'e2e-flows-api', dependsOn: ['e2e-smoke-api'] },
      { name: 'e2e-health', dependsOn: [] },
      { name: 'e2e-smoke-api', dependsOn: ['e2e-health'] },
      { name: 'e2e-smoke-ui', dependsOn: ['e2e-health'] },
    ]);
  });

  it('sees a phase reached only through a task that is not a phase', () => {
    const phases = findPhases(
      graph({
        'e2e-health': e2e(),
        seed: { run: { executor: 'nx:noop', dependsOn: ['e2e-health:e2e'] } },
        'e2e-flows-ui': e2e(['seed:run']),
      }),
      'e2e',
    );
    expect(phases.find((p) => p.name === 'e2e-flows-ui')?.dependsOn).toEqual(['e2e-health']);
  });

  it('counts only the phase target of a phase project, follows continuous tasks, and sorts what a phase waits for', () => {
    const phases = findPhases(
      graph({
        'e2e-health': { ...e2e(), build: { executor: 'nx:noop' } },
        'e2e-z': e2e(),
        'e2e-a': e2e(),
        // Another target of a phase project is not that phase.
        'e2e-b': e2e(['e2e-health:build', 'e2e-z:e2e', 'e2e-a:e2e']),
        // Reached only through a continuous task (as every phase reaches the stack).
        web: { serve: { executor: 'nx:noop', continuous: true, dependsOn: ['e2e-health:e2e'] } },
        'e2e-ui': e2e(['web:serve']),
        // A project with no targets at all (a plain library).
        shared: undefined as unknown as Targets,
      }),
      'e2e',
    );
    expect(phases).toEqual([
      { name: 'e2e-a', dependsOn: [] },
      { name: 'e2e-b', dependsOn: ['e2e-a', 'e2e-z'] },
      { name: 'e2e-health', dependsOn: [] },
      { name: 'e2e-ui', dependsOn: ['e2e-health'] },
      { name: 'e2e-z', dependsOn: [] },
    ]);
  });

  it('uses the target option, and finds nothing when no project has it', () => {
    const g = graph({
      'e2e-health': e2e(),
      'e2e-ui': { 'e2e-ci': { executor: 'nx:noop', dependsOn: ['e2e-health:e2e'] } },
    });
    expect(findPhases(g, 'e2e-ci')).toEqual([{ name: 'e2e-ui', dependsOn: [] }]);
    expect(findPhases(g, 'smoke')).toEqual([]);
  });
});
