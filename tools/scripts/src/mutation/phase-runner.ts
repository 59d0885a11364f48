import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RESULTS_FILE_NAME, standaloneNxEnv } from '@streamkit/e2e-contract';
import type { Phase } from './mutant.ts';

export interface PhaseOutcome {
  phase: Phase;
  /** passed: every test ran and passed; failed: a test or the runner failed; timeout: cut off. */
  status: 'passed' | 'failed' | 'timeout';
  /** Names of the failed tests, from the phase's results.json (empty when the runner failed before any). */
  failedTests: string[];
  durationMs: number;
}

/**
 * Runs one phase's own runner (what its Nx `e2e` target runs: `vitest run` or `playwright test`
 * in the phase's folder) on the given spec files, or all of them, against the stack the scratch
 * copy has published. Results go to `resultsDir/<phase>/results.json`, never to dist/e2e.
 */
export function runPhase(
  dir: string,
  phase: Phase,
  specs: string[] | '*',
  { resultsDir, runId, logFile, timeoutMs = 600_000, onChild }: RunPhaseOptions,
): Promise<PhaseOutcome> {
  const cwd = join(dir, 'apps', phase);
  const playwright = existsSync(join(cwd, 'playwright.config.ts'));
  const bin = join(dir, 'node_modules/.bin', playwright ? 'playwright' : 'vitest');
  const args = [playwright ? 'test' : 'run', ...(specs === '*' ? [] : specs.map((spec) => join('tests', spec)))];
  const started = Date.now();
  return new Promise((resolve) => {
    const log = createWriteStream(logFile, { flags: 'a' });
    const child = spawn(bin, args, {
      cwd,
      env: {
        ...standaloneNxEnv(process.env),
        E2E_TARGET: 'local',
        E2E_RESULTS_DIR: resultsDir,
        E2E_RUN_ID: runId,
        CI: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    onChild?.(child.pid);
    child.stdout!.pipe(log);
    child.stderr!.pipe(log);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child.pid);
    }, timeoutMs);
    child.once('close', (code) => {
      clearTimeout(timer);
      onChild?.(undefined);
      const failedTests = failedTestsOf(join(resultsDir, phase, RESULTS_FILE_NAME));
      resolve({
        phase,
        status: timedOut ? 'timeout' : code === 0 ? 'passed' : 'failed',
        failedTests,
        durationMs: Date.now() - started,
      });
    });
  });
}

export interface RunPhaseOptions {
  resultsDir: string;
  runId: string;
  logFile: string;
  timeoutMs?: number;
  /** Told the runner's pid while it runs (undefined once it ended), so an interrupt can stop it. */
  onChild?: (pid: number | undefined) => void;
}

export function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

function failedTestsOf(resultsFile: string): string[] {
  if (!existsSync(resultsFile)) return [];
  try {
    const results = JSON.parse(readFileSync(resultsFile, 'utf8')) as { tests?: { name: string; status: string }[] };
    return (results.tests ?? []).filter((test) => test.status === 'failed').map((test) => test.name);
  } catch {
    return [];
  }
}
