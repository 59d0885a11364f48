// `npm run e2e:sharded -- --agents N [--projects=<phases>]`: what CI's shard matrix does
// (.github/workflows/e2e.yml), on this machine. Each agent is a copy of the workspace
// (agent-workspace.ts) running `E2E_SHARD=i/N tools/scripts/run-e2e.sh e2e` with its own stack and
// its own results folder, all at once, as N machines would; then their folders are laid out as
// CI's report job downloads them (merge-shard-results.sh) and one report runs over the merge.
//
// Writes, beside the results folder (`dist/e2e`, or E2E_RESULTS_DIR):
//   <results>-shards/e2e-shard-<i>/   each agent's results, as CI's artifacts
//   <results>-shards/agent-<i>.log    each agent's output
//   <results>-shards/timing.json      wall time of each agent and of the whole
//   <results>/                        the merged results and the report over them
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, openSync, closeSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureRunId, findWorkspaceRoot, resultsDir, standaloneNxEnv } from '@streamkit/e2e-contract';
import { createAgentWorkspace } from './agent-workspace.ts';

interface AgentRun {
  agent: string;
  exitCode: number;
  wallMs: number;
}

export interface ShardedOptions {
  agents: number;
  /** Nx arguments every agent passes to run-e2e.sh (`--projects=e2e-database,e2e-smoke-ui`). */
  nxArgs: string[];
}

export function parseArgs(argv: string[]): ShardedOptions {
  let agents = 3;
  const nxArgs: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value =
      arg === '--agents' ? argv[++i] : arg.startsWith('--agents=') ? arg.slice('--agents='.length) : undefined;
    if (value === undefined) nxArgs.push(arg);
    else if (/^[1-9][0-9]*$/.test(value)) agents = Number(value);
    else throw new Error(`--agents takes a whole number of agents, got '${value ?? ''}'`);
  }
  return { agents, nxArgs };
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, logFile?: string) {
  const fd = logFile ? openSync(logFile, 'w') : undefined;
  const started = performance.now();
  const child = spawn(command, args, { cwd, env, stdio: ['ignore', fd ?? 'inherit', fd ?? 'inherit'] });
  return new Promise<{ exitCode: number; wallMs: number }>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => {
      if (fd !== undefined) closeSync(fd);
      resolve({ exitCode: code ?? (signal ? 128 : 1), wallMs: Math.round(performance.now() - started) });
    });
  });
}

export async function runSharded({ agents, nxArgs }: ShardedOptions, root = findWorkspaceRoot()): Promise<number> {
  const env = standaloneNxEnv(process.env);
  // One run id for every agent and the report, as CI gives every shard job the same one.
  const runId = ensureRunId(env);
  const results = resultsDir(root, env);
  const shards = `${results}-shards`;
  rmSync(shards, { recursive: true, force: true });
  mkdirSync(shards, { recursive: true });
  const scratch = mkdtempSync(join(tmpdir(), `e2e-sharded-${runId}-`));
  // mkdtemp makes it private; the stack's PostgreSQL (user `postgres`) works inside the copies.
  chmodSync(scratch, 0o755);
  const started = performance.now();
  let runs: AgentRun[];
  try {
    console.log(`e2e:sharded: ${agents} agents, each a copy of the workspace under ${scratch}`);
    const copies = Array.from({ length: agents }, (_, i) => join(scratch, `agent-${i + 1}`));
    copies.forEach((copy) => createAgentWorkspace(root, copy));
    runs = await Promise.all(
      copies.map(async (copy, i) => {
        const agent = `shard-${i + 1}`;
        const log = join(shards, `agent-${i + 1}.log`);
        console.log(`e2e:sharded: ${agent} (E2E_SHARD=${i + 1}/${agents}) started, output in ${log}`);
        const done = await run(
          'bash',
          ['tools/scripts/run-e2e.sh', 'e2e', ...nxArgs],
          copy,
          {
            ...env,
            E2E_SHARD: `${i + 1}/${agents}`,
            E2E_AGENT: agent,
            E2E_RUN_ID: runId,
            E2E_RESULTS_DIR: join(shards, `e2e-shard-${i + 1}`),
            // Each machine has its own Nx: no daemon shared between copies, no Slack post per shard.
            NX_DAEMON: 'false',
            SLACK_WEBHOOK_URL: '',
          },
          log,
        );
        console.log(`e2e:sharded: ${agent} done in ${(done.wallMs / 1000).toFixed(1)} s (exit ${done.exitCode})`);
        return { agent, ...done };
      }),
    );
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  const agentsWallMs = Math.round(performance.now() - started);

  rmSync(results, { recursive: true, force: true });
  const merged = await run('bash', ['tools/scripts/merge-shard-results.sh', shards, results], root, env);
  if (merged.exitCode !== 0) return merged.exitCode;
  const projects = nxArgs.find((a) => /^--projects=e2e-[a-z0-9-]+(,e2e-[a-z0-9-]+)*$/.test(a));
  const report = await run(
    'npx',
    [
      'nx',
      'run',
      'e2e-report:report',
      '--outputStyle=static',
      `--resultsDir=${results}`,
      `--outputFile=${join(results, 'report.json')}`,
      `--junitFile=${join(results, 'junit.xml')}`,
      `--htmlFile=${join(results, 'report.html')}`,
      // The phases the agents were given, with those they wait for; unset, every phase.
      ...(projects ? [`--phases=${projects.slice('--projects='.length)}`] : []),
    ],
    root,
    { ...env, E2E_RUN_ID: runId },
  );
  const timing = { agents, nxArgs, runId, agentsWallMs, totalWallMs: Math.round(performance.now() - started), runs };
  writeFileSync(join(shards, 'timing.json'), `${JSON.stringify(timing, null, 2)}\n`);
  console.log(
    `e2e:sharded: ${agents} agents in ${(agentsWallMs / 1000).toFixed(1)} s (${runs.map((r) => `${r.agent} ${(r.wallMs / 1000).toFixed(1)} s`).join(', ')}); merged report in ${results}`,
  );
  // The merged report is the verdict; an agent that failed without results shows there as not run.
  return report.exitCode === 0 && runs.every((r) => r.exitCode === 0) ? 0 : 1;
}
