import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findWorkspaceRoot, newRunId, standaloneNxEnv } from '@streamkit/e2e-contract';
import type { RunReport } from '@streamkit/e2e-report';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgentWorkspace } from '../src/sharded/agent-workspace.ts';
import { parseArgs } from '../src/sharded/sharded.ts';

/**
 * The local proof of CI's distribution (`npm run e2e:sharded`): the same selection run on one
 * machine and split over 2 agents must report exactly the same tests with the same statuses,
 * and the merged report must say which agent ran which file.
 *
 * Cost: both runs are limited to one phase of each runner plus the health gate they wait for —
 * e2e-database (Vitest, 5 files) and e2e-smoke-ui (Playwright, 7 files) — run one after the
 * other (the 2 agents side by side), each with its own stack in its own copy of the workspace;
 * a few minutes on 2 cores. The whole suite split 1, 2 and 3 ways is measured by hand (README).
 */
const WORKSPACE = findWorkspaceRoot(process.cwd());
const SELECTION = '--projects=e2e-database,e2e-smoke-ui';
const PHASES = ['e2e-database', 'e2e-health', 'e2e-smoke-ui'];
let scratch: string;

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv) {
  const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise<{ code: number | null; output: string }>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, output }));
  });
}

/** Every test case of a JUnit file as `phase-file > name` → status; the report writes it from every result. */
function testCases(junitFile: string): Map<string, string> {
  const xml = readFileSync(junitFile, 'utf8');
  const cases = new Map<string, string>();
  for (const match of xml.matchAll(
    /<testcase classname="([^"]*)" name="([^"]*)"[^>]*?(\/>|>([\s\S]*?)<\/testcase>)/g,
  )) {
    const body = match[4] ?? '';
    const status = /<failure/.test(body)
      ? 'failed'
      : /<error/.test(body)
        ? 'error'
        : /<skipped/.test(body)
          ? 'skipped'
          : /name="flaky" value="true"/.test(body)
            ? 'flaky'
            : 'passed';
    cases.set(`${match[1]} > ${match[2]}`, status);
  }
  return cases;
}

const report = (dir: string) => JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as RunReport;

describe('npm run e2e:sharded', () => {
  let single: { code: number | null; output: string };
  let sharded: { code: number | null; output: string };
  const singleDir = () => join(scratch, 'single');
  const shardedDir = () => join(scratch, 'sharded');

  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'sharded-spec-'));
    // The stack's PostgreSQL runs as `postgres` and writes inside the copy.
    chmodSync(scratch, 0o755);
    const env = { ...standaloneNxEnv(process.env), NX_DAEMON: 'false', SLACK_WEBHOOK_URL: '' };
    // One machine: a copy of the workspace (its own stack and Nx), the suite as `npm run e2e` runs it.
    const machine = join(scratch, 'machine');
    createAgentWorkspace(WORKSPACE, machine);
    single = await run('bash', ['tools/scripts/run-e2e.sh', 'e2e', SELECTION], machine, {
      ...env,
      E2E_RUN_ID: newRunId(),
      E2E_RESULTS_DIR: singleDir(),
    });
    sharded = await run(
      'node',
      ['--import', 'tsx', 'tools/scripts/e2e-sharded.ts', '--agents', '2', SELECTION],
      WORKSPACE,
      {
        ...env,
        E2E_RUN_ID: newRunId(),
        E2E_RESULTS_DIR: shardedDir(),
      },
    );
  }, 900_000);
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('reads --agents and passes the rest to every agent', () => {
    expect(parseArgs(['--agents', '2', SELECTION])).toEqual({ agents: 2, nxArgs: [SELECTION] });
    expect(parseArgs(['--agents=3'])).toEqual({ agents: 3, nxArgs: [] });
    expect(() => parseArgs(['--agents', 'two'])).toThrow("--agents takes a whole number of agents, got 'two'");
  });

  it('the merged report of 2 agents holds exactly the tests and statuses of the one-machine run', () => {
    expect(existsSync(join(singleDir(), 'junit.xml')), single.output.slice(-3000)).toBe(true);
    expect(existsSync(join(shardedDir(), 'junit.xml')), sharded.output.slice(-3000)).toBe(true);
    const one = testCases(join(singleDir(), 'junit.xml'));
    const two = testCases(join(shardedDir(), 'junit.xml'));
    expect(one.size).toBeGreaterThan(100);
    expect(Object.fromEntries([...two].sort())).toEqual(Object.fromEntries([...one].sort()));
    const phases = (r: RunReport) => r.phases.map((p) => [p.name, p.status, p.counts]);
    expect(phases(report(shardedDir()))).toEqual(phases(report(singleDir())));
    expect(
      report(shardedDir())
        .phases.map((p) => p.name)
        .sort(),
    ).toEqual(PHASES);
    expect(sharded.code, sharded.output.slice(-3000)).toBe(single.code);
  });

  it('says which agent ran which file: health whole on both, the other phases split between them', () => {
    const phases = report(shardedDir()).phases;
    const agentsOf = (phase: string) => phases.find((p) => p.name === phase)?.agents ?? [];
    expect(agentsOf('e2e-health').map((a) => a.agent)).toEqual(['shard-1', 'shard-2']);
    const [first, second] = agentsOf('e2e-health');
    expect(first!.files).toEqual(second!.files);
    for (const phase of ['e2e-database', 'e2e-smoke-ui']) {
      const split = agentsOf(phase);
      expect(split.map((a) => a.agent)).toEqual(['shard-1', 'shard-2']);
      expect(
        split.every((a) => a.files.length > 0),
        `${phase}: both agents ran some of it`,
      ).toBe(true);
    }
    // Vitest shards by file: no database file ran twice.
    const [a, b] = agentsOf('e2e-database');
    expect(a!.files.filter((f) => b!.files.includes(f))).toEqual([]);
    expect(sharded.output).toContain('Agents (2): which agent ran which files');
    expect(existsSync(join(`${shardedDir()}-shards`, 'timing.json'))).toBe(true);
  });
});
