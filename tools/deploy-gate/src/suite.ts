import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, closeSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { newRunId, standaloneNxEnv } from '@streamkit/e2e-contract';
import type { RunReport } from '@streamkit/e2e-report';
import type { SuiteRun } from './verdict.ts';

export interface SuiteOptions {
  root: string;
  /** The idle colour's E2E_* variables, and whatever else the suite's processes need. */
  env: NodeJS.ProcessEnv;
  /** Nx arguments for `run-e2e.sh` (`--projects=e2e-health`); none runs every phase. */
  nxArgs: string[];
  /** Absolute; the suite's results and report go here, not to dist/e2e. */
  resultsDir: string;
  /** A file for the suite's output; unset, it goes to this process's output (CI's log). */
  outputFile?: string;
}

/**
 * Runs the suite as a human would, through `tools/scripts/run-e2e.sh`, against the idle colour
 * (`E2E_TARGET=external`). Its report goes to `resultsDir` so it never mixes with another run's,
 * and its own Slack post is off: the gate sends one message, with the decision in it.
 */
export async function runSuite(options: SuiteOptions): Promise<SuiteRun> {
  mkdirSync(options.resultsDir, { recursive: true });
  let fd: number | undefined;
  if (options.outputFile) {
    mkdirSync(dirname(options.outputFile), { recursive: true });
    fd = openSync(options.outputFile, 'w');
  }
  try {
    const child = spawn('bash', [join(options.root, 'tools/scripts/run-e2e.sh'), 'e2e', ...options.nxArgs], {
      cwd: options.root,
      env: {
        ...standaloneNxEnv(options.env),
        E2E_TARGET: 'external',
        E2E_RESULTS_DIR: options.resultsDir,
        E2E_RUN_ID: newRunId(),
        SLACK_WEBHOOK_URL: '',
      },
      stdio: ['ignore', fd ?? 'inherit', fd ?? 'inherit'],
    });
    const exitCode = await new Promise<number>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
    });
    const reportFile = join(options.resultsDir, 'report.json');
    const report = existsSync(reportFile) ? (JSON.parse(readFileSync(reportFile, 'utf8')) as RunReport) : undefined;
    return { exitCode, report, output: options.outputFile ?? 'the output above' };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
