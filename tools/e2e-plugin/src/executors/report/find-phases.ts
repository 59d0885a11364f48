import type { ProjectGraph } from '@nx/devkit';
import type { PhaseNode } from '@streamkit/e2e-report';
// Not part of @nx/devkit's documented API, but it is the function `nx run-many` itself uses to
// expand dependsOn. Reusing it means every form Nx accepts ("proj:target", "^target", objects
// with projects/tags/globs, targetDefaults) resolves exactly as Nx ran it. find-phases.spec.ts
// pins the behaviour, so an Nx upgrade that changes it fails there, not in CI's report.
import { createTaskGraph } from 'nx/src/tasks-runner/create-task-graph';

/**
 * Every project that has `target`, with the phases each one waits for in the task graph.
 * Tasks that are not phases (`stack:serve`, a build) are walked through, so a phase that depends
 * on another only via such a task still lists it.
 */
export function findPhases(graph: ProjectGraph, target: string): PhaseNode[] {
  const names = Object.values(graph.nodes)
    .filter((node) => node.data.targets?.[target])
    .map((node) => node.name)
    .sort();
  if (names.length === 0) return [];

  const taskGraph = createTaskGraph(graph, {}, names, [target], undefined, {});
  const phaseOf = (taskId: string): string | undefined => {
    const task = taskGraph.tasks[taskId];
    return task && task.target.target === target && names.includes(task.target.project)
      ? task.target.project
      : undefined;
  };
  const edges = (taskId: string) => [
    ...(taskGraph.dependencies[taskId] ?? []),
    ...(taskGraph.continuousDependencies[taskId] ?? []),
  ];

  return Object.keys(taskGraph.tasks)
    .filter((id) => phaseOf(id))
    .map((id) => ({ name: phaseOf(id)!, dependsOn: nearestPhases(id, edges, phaseOf) }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Phases reachable from `start` without passing through another phase. */
function nearestPhases(
  start: string,
  edges: (id: string) => string[],
  phaseOf: (id: string) => string | undefined,
): string[] {
  const found = new Set<string>();
  const seen = new Set<string>([start]);
  const queue = edges(start);
  while (queue.length > 0) {
    const id = queue.shift()!;
    if (seen.has(id)) continue;
    seen.add(id);
    const phase = phaseOf(id);
    if (phase) found.add(phase);
    else queue.push(...edges(id));
  }
  return [...found].sort();
}
