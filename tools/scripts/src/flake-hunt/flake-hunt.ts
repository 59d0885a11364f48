import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { findWorkspaceRoot, newRunId } from '@streamkit/e2e-contract';
import {
  parsePhaseResult,
  parseQuarantine,
  QUARANTINE_FILE,
  type PhaseResult,
  type QuarantineFile,
} from '@streamkit/e2e-report';
import { countOption, machineFacts, runSuite, seconds, stringOption } from '../suite-run.ts';
import { renderTally, tally, type HuntRun } from './tally.ts';

/**
 * `npm run flake-hunt -- --runs N [--out dist/flake-hunt] [--projects=e2e-flows-api]`: the whole
 * suite N times (default 3), each run through `run-e2e.sh` with its own results folder
 * (`<out>/run-<i>`, which also makes run-e2e.sh skip the Nx cache: every phase really runs), then
 * one table of every test that failed or was flaky in any run, with failed/ran and its first
 * error, written to `<out>/results.json` too. Extra arguments go to run-e2e.sh (Nx selects).
 *
 * Why whole runs rather than `--repeat-each`: Vitest has no command-line repeat (its `repeats`
 * test option folds the repetitions into one result, which hides failed/ran), and on 2 cores the
 * flakes that matter come from phases competing for the CPU, as in a real run; the stack boot a
 * whole run adds is small next to the phases. It also records, per quarantined test, every run's
 * outcome: the history release suggestions come from.
 */
const ROOT = findWorkspaceRoot();

function main(): number {
  const argv = process.argv.slice(2);
  const runs = countOption(argv, '--runs', 3);
  const out = join(ROOT, stringOption(argv, '--out') ?? 'dist/flake-hunt');
  const tallyOnly = argv.includes('--tally-only');
  const passThrough = withoutOptions(argv, ['--runs', '--out']).filter((a) => a !== '--tally-only');
  if (tallyOnly) return retally(out);
  const quarantine = readQuarantine();
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });

  const started = new Date().toISOString();
  const huntRuns: HuntRun[] = [];
  const runLog = [];
  for (let run = 1; run <= runs; run++) {
    const resultsDir = join(out, `run-${run}`);
    console.log(`flake-hunt: run ${run}/${runs}`);
    const result = runSuite({
      root: ROOT,
      args: ['e2e', ...passThrough],
      env: { E2E_RESULTS_DIR: resultsDir, E2E_RUN_ID: newRunId(), SLACK_WEBHOOK_URL: '' },
      logFile: join(resultsDir, 'output.log'),
    });
    const log = relative(ROOT, join(resultsDir, 'output.log'));
    console.log(
      `flake-hunt: run ${run} took ${seconds(result.wallMs)}, exit ${result.exitCode} — ${result.summary} (${log})`,
    );
    huntRuns.push({ run, results: readResults(resultsDir) });
    runLog.push({
      run,
      wallMs: Math.round(result.wallMs),
      exitCode: result.exitCode,
      summary: result.summary,
      verdict: result.report?.verdict ?? null,
      verdictReasons: result.report?.verdictReasons ?? [],
      output: log,
    });
  }

  const found = tally(huntRuns, quarantine);
  const file = join(out, 'results.json');
  writeFileSync(
    file,
    `${JSON.stringify({ startedAt: started, endedAt: new Date().toISOString(), runs, args: passThrough, machine: machineFacts(ROOT), runLog, ...found }, null, 2)}\n`,
  );
  console.log(`\n${renderTally(found, runs)}\n\nwrote ${relative(ROOT, file)}`);
  // The hunt itself succeeded whatever it found; a broken run is the only reason to exit non-zero.
  return huntRuns.every((r) => r.results.length > 0) ? 0 : 1;
}

/** `--tally-only`: the run folders of an earlier hunt, added up again into its results.json. */
function retally(out: string): number {
  const file = join(out, 'results.json');
  if (!existsSync(file)) {
    console.log(`flake-hunt: no earlier hunt in ${relative(ROOT, out)} (no results.json)`);
    return 1;
  }
  const earlier = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown> & { runs: number };
  const huntRuns = Array.from({ length: earlier.runs }, (_, i) => ({
    run: i + 1,
    results: readResults(join(out, `run-${i + 1}`)),
  }));
  const found = tally(huntRuns, readQuarantine());
  writeFileSync(file, `${JSON.stringify({ ...earlier, ...found, talliedAt: new Date().toISOString() }, null, 2)}\n`);
  console.log(`${renderTally(found, earlier.runs)}\n\nwrote ${relative(ROOT, file)}`);
  return 0;
}

/** Every phase result a run left, whole-phase and per-file alike; an unreadable one is named and skipped. */
function readResults(dir: string): PhaseResult[] {
  if (!existsSync(dir)) return [];
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter(
    (f) => f === 'results.json' || f.endsWith('/results.json'),
  );
  return files.flatMap((f) => {
    try {
      return [parsePhaseResult(readFileSync(join(dir, f), 'utf8'), f)];
    } catch (error) {
      console.log(`flake-hunt: skipped ${relative(ROOT, join(dir, f))}: ${(error as Error).message}`);
      return [];
    }
  });
}

function readQuarantine(): QuarantineFile {
  const path = join(ROOT, QUARANTINE_FILE);
  if (!existsSync(path)) return { tests: [] };
  try {
    return parseQuarantine(readFileSync(path, 'utf8'), QUARANTINE_FILE);
  } catch (error) {
    console.log(`flake-hunt: ${(error as Error).message}\n(release suggestions left out)`);
    return { tests: [] };
  }
}

function withoutOptions(argv: string[], flags: string[]): string[] {
  return argv.filter((a, i) => !flags.some((f) => a === f || a.startsWith(`${f}=`) || argv[i - 1] === f));
}

process.exitCode = main();
