import type { RunReport } from '../../contract/run-report.ts';
import { plural } from '../format.ts';
import { html, type SafeHtml } from './html-template.ts';

/** One agent's share of the run: per phase, the spec files it ran. */
export interface AgentShare {
  agent: string;
  phases: { phase: string; files: string[] }[];
}

/**
 * Who ran what, when the run was spread over more than one agent (CI's shards, Nx Agents,
 * `npm run e2e:sharded`); empty for a run on one machine, where it would say nothing.
 * A file split by its runner (Playwright shards by test) or run whole on every agent
 * (e2e-health) is listed under each agent that ran it.
 */
export function agentShares(report: RunReport): AgentShare[] {
  const byAgent = new Map<string, AgentShare>();
  for (const phase of report.phases) {
    for (const { agent, files } of phase.agents ?? []) {
      const share = byAgent.get(agent) ?? { agent, phases: [] };
      if (files.length > 0) share.phases.push({ phase: phase.name, files });
      byAgent.set(agent, share);
    }
  }
  if (byAgent.size < 2) return [];
  return [...byAgent.values()].sort((a, b) => a.agent.localeCompare(b.agent));
}

/** `apps/e2e-health/tests/api.spec.ts` → `tests/api.spec.ts`: the phase is on the line already. */
function shortFile(phase: string, file: string): string {
  const prefix = `apps/${phase}/`;
  return file.startsWith(prefix) ? file.slice(prefix.length) : file;
}

/** The console's "Agents" block: one line per agent and phase. */
export function renderAgentsConsole(report: RunReport): string[] {
  const shares = agentShares(report);
  if (shares.length === 0) return [];
  const out = [`Agents (${shares.length}): which agent ran which files`];
  for (const share of shares) {
    const files = share.phases.reduce((n, p) => n + p.files.length, 0);
    out.push(`  ${share.agent}: ${plural(files, 'file', 'files')}`);
    for (const { phase, files: list } of share.phases) {
      out.push(`    ${phase}: ${list.map((f) => shortFile(phase, f)).join(', ')}`);
    }
  }
  out.push('');
  return out;
}

/** The HTML page's "Agents" table, or nothing for a run on one machine. */
export function renderAgentsHtml(report: RunReport): SafeHtml | undefined {
  const shares = agentShares(report);
  if (shares.length === 0) return undefined;
  const rows = shares.flatMap((share) =>
    share.phases.map(
      ({ phase, files }) =>
        html`<tr><td>${share.agent}</td><td>${phase}</td><td>${files.map((f) => html`<code>${shortFile(phase, f)}</code> `)}</td></tr>`,
    ),
  );
  return html`<section><h2>Agents (${shares.length})</h2>
<table><thead><tr><th>agent</th><th>phase</th><th>files</th></tr></thead><tbody>${rows}</tbody></table>
</section>`;
}
