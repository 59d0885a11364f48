import { z } from 'zod';

/**
 * Which machine ran which spec files. A phase split over machines (CI's shard matrix, Nx Agents,
 * `npm run e2e:sharded`) is merged back into one result; this keeps who ran what. The reporters
 * name the agent by E2E_AGENT (`run-e2e.sh` sets `shard-<i>` for E2E_SHARD=i/N), else by the host.
 */
export const AGENT_ENV = 'E2E_AGENT';

export const AgentFiles = z
  .object({
    agent: z.string().min(1).describe('E2E_AGENT of the run, or its host name'),
    files: z.array(z.string().min(1)).describe('the spec files it ran, workspace-relative, sorted'),
  })
  .meta({ id: 'AgentFiles', description: 'The spec files one agent (machine, shard) ran.' });
export type AgentFiles = z.infer<typeof AgentFiles>;

/** One entry per agent, each agent's files unique and sorted; agents in name order. */
export function mergeAgents(lists: ReadonlyArray<ReadonlyArray<AgentFiles> | undefined>): AgentFiles[] | undefined {
  const byAgent = new Map<string, Set<string>>();
  for (const list of lists) {
    for (const { agent, files } of list ?? []) {
      const seen = byAgent.get(agent) ?? new Set<string>();
      files.forEach((file) => seen.add(file));
      byAgent.set(agent, seen);
    }
  }
  if (byAgent.size === 0) return undefined;
  return [...byAgent.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([agent, files]) => ({ agent, files: [...files].sort() }));
}
