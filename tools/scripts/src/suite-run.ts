import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { parseRunReport, type RunReport } from '@streamkit/e2e-report';

// What the commands that run the whole suite again and again (`npm run bench`, `npm run
// flake-hunt`) share: their options, one run of the suite as people run it, and the machine facts
// their results are read against.

/**
 * The value of `--flag N` or `--flag=N` in `argv`.
 * @throws Error when it is there and not a whole number ≥ 1.
 */
export function countOption(argv: string[], flag: string, fallback: number): number {
  const raw = stringOption(argv, flag);
  const value = Number(raw ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${flag} ${raw}: a whole number ≥ 1`);
  return value;
}

/** The value of `--flag value` or `--flag=value` in `argv`, if any. */
export function stringOption(argv: string[], flag: string): string | undefined {
  const i = argv.indexOf(flag);
  if (i >= 0) return argv[i + 1];
  return argv.find((a) => a.startsWith(`${flag}=`))?.slice(flag.length + 1);
}

export interface SuiteRun {
  wallMs: number;
  exitCode: number | null;
  /** The `e2e: N passed, N failed, N skipped` line, or `(no summary line)`. */
  summary: string;
  /** The last lines the run printed (stdout and stderr). */
  tail: string;
  /** The run's `report.json`, when it wrote a readable one. */
  report?: RunReport;
}

export interface SuiteRunOptions {
  root: string;
  /** Arguments of `tools/scripts/run-e2e.sh`: `['e2e', '--skip-nx-cache']`. */
  args: string[];
  /** What runs the suite, before `args`; default `bash tools/scripts/run-e2e.sh`. */
  command?: string[];
  /** Added to this process's environment (`E2E_RESULTS_DIR`, `E2E_RUN_ID`). */
  env?: NodeJS.ProcessEnv;
  /** Where the run's whole output is kept; unset, only its tail is. */
  logFile?: string;
}

/** One run of the suite through `run-e2e.sh`, timed, its output captured, its report read. */
export function runSuite(options: SuiteRunOptions): SuiteRun {
  const [program, ...programArgs] = options.command ?? ['bash', 'tools/scripts/run-e2e.sh'];
  const started = performance.now();
  const result = spawnSync(program!, [...programArgs, ...options.args], {
    cwd: options.root,
    env: { ...process.env, ...options.env },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const wallMs = performance.now() - started;
  const output = `${result.stdout}\n${result.stderr}`.trim();
  if (options.logFile) {
    mkdirSync(dirname(options.logFile), { recursive: true });
    writeFileSync(options.logFile, `${output}\n`);
  }
  const summary = (result.stdout.match(/^e2e: \d+ passed.*$/gm) ?? ['(no summary line)']).at(-1)!;
  const resultsDir = options.env?.E2E_RESULTS_DIR ?? 'dist/e2e';
  const reportFile = join(options.root, resultsDir, 'report.json');
  let report: RunReport | undefined;
  try {
    if (existsSync(reportFile)) report = parseRunReport(readFileSync(reportFile, 'utf8'), reportFile);
  } catch {
    // An unreadable report: the summary line and the tail say what happened.
  }
  const tail = output.split('\n').slice(-40).join('\n');
  return { wallMs, exitCode: result.status, summary, tail, ...(report ? { report } : {}) };
}

/** Cores, memory, load, Node and commit: what a time or a flake rate depends on. */
export function machineFacts(root: string) {
  return {
    cores: cpus().length,
    cpu: cpus()[0]?.model,
    memoryGb: +(totalmem() / 2 ** 30).toFixed(1),
    freeMemoryGb: +(freemem() / 2 ** 30).toFixed(1),
    loadAverage: loadavg().map((l) => +l.toFixed(1)),
    node: process.version,
    commit: execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim(),
  };
}

export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
