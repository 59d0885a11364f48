import { describe, expect, it } from 'vitest';
import { mergeAgents } from '../../contract/agents.ts';
import { parsePhaseResult } from '../../contract/phase-result.ts';
import { phaseResult, testResult } from '../../testing.ts';
import { aggregate } from '../aggregate.ts';
import { mergePhaseParts } from '../merge-parts.ts';
import { renderConsole } from './console.ts';
import { renderHtml } from './html.ts';
import { agentShares } from './agents.ts';

const health = 'apps/e2e-health/tests/api.spec.ts';
const auth = 'apps/e2e-smoke-api/tests/auth.spec.ts';
const kits = 'apps/e2e-smoke-api/tests/brand-kits.spec.ts';

/** Two shards' results, merged per phase as the report merges `<phase>/shard-<i>/results.json`. */
function shardedRun() {
  const part = (phase: string, agent: string, files: string[]) =>
    phaseResult({
      phase,
      tests: files.map((file) => testResult({ file, name: `${file} works` })),
      agents: [{ agent, files }],
    });
  return aggregate(
    [
      { name: 'e2e-health', dependsOn: [] },
      { name: 'e2e-smoke-api', dependsOn: ['e2e-health'] },
    ],
    new Map([
      [
        'e2e-health',
        mergePhaseParts([part('e2e-health', 'shard-1', [health]), part('e2e-health', 'shard-2', [health])]),
      ],
      [
        'e2e-smoke-api',
        mergePhaseParts([part('e2e-smoke-api', 'shard-2', [kits]), part('e2e-smoke-api', 'shard-1', [auth])]),
      ],
    ]),
  );
}

describe('agents: which agent ran which file', () => {
  it('merges every part’s agents, one entry per agent, files unique and sorted', () => {
    expect(
      mergeAgents([
        [{ agent: 'shard-2', files: [kits] }],
        undefined,
        [
          { agent: 'shard-1', files: [health, auth] },
          { agent: 'shard-2', files: [kits, health] },
        ],
      ]),
    ).toEqual([
      { agent: 'shard-1', files: [health, auth] },
      { agent: 'shard-2', files: [health, kits] },
    ]);
    expect(mergeAgents([undefined, []])).toBeUndefined();
  });

  it('a result without agents (written before they existed) still reads, and its report lists none', () => {
    const old = phaseResult({ phase: 'e2e-health', tests: [testResult({ name: 'api > 200' })] });
    expect(parsePhaseResult(JSON.stringify(old), 'old.json').agents).toBeUndefined();
    const report = aggregate([{ name: 'e2e-health', dependsOn: [] }], new Map([['e2e-health', old]]));
    expect(report.phases[0]!.agents).toBeUndefined();
    expect(agentShares(report)).toEqual([]);
    expect(renderConsole(report)).not.toContain('Agents');
  });

  it('lists per agent the files of each phase it ran, health under every shard', () => {
    const report = shardedRun();
    expect(report.phases.map((p) => p.agents)).toEqual([
      [
        { agent: 'shard-1', files: [health] },
        { agent: 'shard-2', files: [health] },
      ],
      [
        { agent: 'shard-1', files: [auth] },
        { agent: 'shard-2', files: [kits] },
      ],
    ]);
    const text = renderConsole(report);
    expect(text).toContain(
      [
        'Agents (2): which agent ran which files',
        '  shard-1: 2 files',
        '    e2e-health: tests/api.spec.ts',
        '    e2e-smoke-api: tests/auth.spec.ts',
        '  shard-2: 2 files',
        '    e2e-health: tests/api.spec.ts',
        '    e2e-smoke-api: tests/brand-kits.spec.ts',
      ].join('\n'),
    );
    expect(text.trim().split('\n').at(-1)).toBe('e2e: 3 passed, 0 failed, 0 skipped');
    const page = renderHtml(report, { pageDir: 'dist/e2e' });
    expect(page).toContain('<h2>Agents (2)</h2>');
    expect(page).toContain(
      '<tr><td>shard-2</td><td>e2e-smoke-api</td><td><code>tests/brand-kits.spec.ts</code> </td></tr>',
    );
  });
});
