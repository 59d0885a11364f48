import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { standaloneNxEnv } from '@streamkit/e2e-contract';

export interface SuiteRun {
  exitCode: number | null;
  /** From spawn to exit, in ms. */
  elapsedMs: number;
  output: string;
  /** True when the run outlived `timeoutMs` and was killed. */
  killed: boolean;
}

/**
 * Runs `tools/scripts/run-e2e.sh` — the command a person or CI runs — in a process group of its
 * own, killed as a group past `timeoutMs` so a hung run cannot hang the test. `env.E2E_RUN_ID`
 * marks every process it starts (see `processesOfRun`).
 */
export function runSuite(
  root: string,
  args: string[],
  env: Record<string, string>,
  timeoutMs: number,
): Promise<SuiteRun> {
  const started = performance.now();
  const child = spawn('bash', ['tools/scripts/run-e2e.sh', ...args], {
    cwd: root,
    env: { ...standaloneNxEnv(process.env), ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  let killed = false;
  const timer = setTimeout(() => {
    killed = true;
    process.kill(-child.pid!, 'SIGKILL');
  }, timeoutMs);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (exitCode) => {
      clearTimeout(timer);
      resolve({ exitCode, elapsedMs: performance.now() - started, output, killed });
    });
  });
}

/**
 * Processes still alive whose environment carries `E2E_RUN_ID=<runId>` (or `<variable>=<runId>`):
 * what a run left behind.
 */
export function processesOfRun(runId: string, variable = 'E2E_RUN_ID'): { pid: number; command: string }[] {
  const marker = `${variable}=${runId}\0`;
  const found: { pid: number; command: string }[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (!readFileSync(`/proc/${entry}/environ`, 'latin1').includes(marker)) continue;
      found.push({
        pid: Number(entry),
        command: readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ').trim(),
      });
    } catch {
      // Gone while we looked, or not ours to read: either way not a leftover of this run.
    }
  }
  return found;
}
