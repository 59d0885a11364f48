import { execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findWorkspaceRoot } from '@streamkit/e2e-contract';
import { countOption, machineFacts, runSuite, seconds, stringOption } from '../suite-run.ts';
import { timelineBars, timelineSvg } from './timeline-svg.ts';

/**
 * `npm run bench [-- --runs N] [-- --scenarios cold,cached,web-only,parallel-1,sharded-2]`: the whole suite
 * as people run it (`run-e2e.sh`), timed, N times per scenario (median), all in one invocation so
 * the ratios compare like with like on a noisy machine. Writes bench/results.json and
 * bench/timeline.svg and prints the ratios against the original plan's budgets.
 */
const ROOT = findWorkspaceRoot();
const PLAN_BUDGETS_MS: Record<string, number> = {
  suite: 300_000,
  'e2e-health': 60_000,
  'e2e-smoke-api': 120_000,
  'e2e-smoke-ui': 120_000,
  'e2e-flows-api': 180_000,
  'e2e-flows-ui': 180_000,
};
// A file the web app's build reads: touching it changes only `web`, so `affected` selects the UI phases.
const WEB_FILE = 'apps/web/src/styles.css';

interface Scenario {
  name: string;
  what: string;
  args: string[];
  /** What runs the suite, when not `run-e2e.sh`. */
  command?: string[];
  before?: () => void;
  after?: () => void;
}

const SCENARIOS: Scenario[] = [
  { name: 'cold', what: 'full suite, nothing cached, stack boot included', args: ['e2e', '--skip-nx-cache'] },
  { name: 'cached', what: 'rerun with nothing changed', args: ['e2e'] },
  {
    name: 'web-only',
    what: `a change to ${WEB_FILE}: nx affected runs only the phases that test the web app`,
    args: ['e2e', 'affected', '--base=HEAD'],
    // A change no earlier run made: the same change twice would be a cache hit from the second run on.
    before: () => appendFileSync(join(ROOT, WEB_FILE), `\n/* bench: web-only change ${Date.now()} */\n`),
    after: () => execFileSync('git', ['checkout', '--', WEB_FILE], { cwd: ROOT }),
  },
  { name: 'parallel-1', what: 'full suite, one task at a time', args: ['e2e', '--skip-nx-cache', '--parallel=1'] },
  {
    name: 'sharded-2',
    what: 'CI’s shard matrix with 2 agents on this machine (npm run e2e:sharded): each a copy with its own stack, one report over the merge',
    command: ['node', '--import', 'tsx', 'tools/scripts/e2e-sharded.ts'],
    args: ['--agents', '2', '--skip-nx-cache'],
  },
];

interface PhaseTime {
  name: string;
  status: string;
  durationMs: number;
  startedAt: string | null;
  endedAt: string | null;
  cached: boolean;
}

interface Run {
  wallMs: number;
  /** The last lines the run printed (stdout and stderr). */
  tail: string;
  exitCode: number | null;
  summary: string;
  phases: PhaseTime[];
}

function parseArgs(argv: string[]) {
  const runs = countOption(argv, '--runs', 3);
  const names = (stringOption(argv, '--scenarios') ?? SCENARIOS.map((s) => s.name).join(',')).split(',');
  const unknown = names.filter((n) => !SCENARIOS.some((s) => s.name === n));
  if (unknown.length)
    throw new Error(`--scenarios: unknown ${unknown.join(', ')} (known: ${SCENARIOS.map((s) => s.name).join(', ')})`);
  return { runs, scenarios: SCENARIOS.filter((s) => names.includes(s.name)) };
}

function runOnce(scenario: Scenario): Run {
  scenario.before?.();
  try {
    const { wallMs, exitCode, summary, tail, report } = runSuite({ root: ROOT, args: scenario.args, command: scenario.command });
    // No report: the summary line says why; the wall time still counts.
    const phases = (report?.phases ?? []).map(({ name, status, durationMs, startedAt, endedAt, cached }) => ({
      name,
      status,
      durationMs,
      startedAt,
      endedAt,
      cached,
    }));
    return { wallMs, exitCode, summary, phases, tail };
  } finally {
    scenario.after?.();
  }
}

/**
 * The failed run's dist/e2e, copied before the next run clears it; the copy's relative path. A run
 * that failed before writing any (bad arguments) has nothing to keep, and must not end the bench.
 */
function keepFailedRun(scenario: string, run: number): string {
  const results = join(ROOT, 'dist/e2e');
  if (!existsSync(results)) return 'nowhere: the run wrote no dist/e2e';
  const kept = join('dist/bench/failed', `${scenario}-${run}-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  cpSync(results, join(ROOT, kept), { recursive: true });
  return kept;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

function main() {
  const { runs, scenarios } = parseArgs(process.argv.slice(2));
  const results = scenarios.map((scenario) => {
    const all: Run[] = [];
    for (let i = 0; i < runs; i++) {
      console.log(`bench: ${scenario.name} (${i + 1}/${runs}): ${scenario.what}`);
      const run = runOnce(scenario);
      console.log(`bench: ${scenario.name} took ${seconds(run.wallMs)} — ${run.summary}`);
      // A failed run's time measures the failure, not the suite: say so, with what it printed last.
      if (run.exitCode !== 0)
        console.log(
          `bench: ${scenario.name} FAILED (exit ${run.exitCode}); its figures are not the suite's\n${run.tail}\n` +
            `bench: its results, screenshots and traces are kept in ${keepFailedRun(scenario.name, i + 1)}`,
        );
      all.push(run);
    }
    const phaseNames = [...new Set(all.flatMap((r) => r.phases.map((p) => p.name)))];
    const phases = Object.fromEntries(
      phaseNames.map((name) => {
        const times = all.flatMap((r) =>
          r.phases.filter((p) => p.name === name && p.status !== 'not-run').map((p) => p.durationMs),
        );
        return [name, { medianMs: times.length ? median(times) : null, runs: times.length }];
      }),
    );
    return {
      scenario: scenario.name,
      what: scenario.what,
      medianWallMs: median(all.map((r) => r.wallMs)),
      runs: all,
      phases,
    };
  });

  const cold = results.find((r) => r.scenario === 'cold');
  const ratios = cold
    ? Object.entries(PLAN_BUDGETS_MS).flatMap(([name, budget]) => {
        const measured = name === 'suite' ? cold.medianWallMs : cold.phases[name]?.medianMs;
        return measured == null ? [] : [{ name, measuredMs: measured, planBudgetMs: budget, ratio: measured / budget }];
      })
    : [];

  const machine = machineFacts(ROOT);
  mkdirSync(join(ROOT, 'bench'), { recursive: true });
  writeFileSync(
    join(ROOT, 'bench/results.json'),
    `${JSON.stringify({ generatedAt: new Date().toISOString(), runsPerScenario: runs, machine, ratios, results }, null, 2)}\n`,
  );

  // The chart shows each scenario's last run.
  const bars = timelineBars(results.map(({ scenario, runs: all }) => ({ scenario, phases: all.at(-1)!.phases })));
  writeFileSync(join(ROOT, 'bench/timeline.svg'), timelineSvg(bars));

  console.log(
    `\nbench: ${runs} run(s) per scenario on ${machine.cores} cores, ${machine.memoryGb} GB, Node ${machine.node}, load ${machine.loadAverage.join(' ')}`,
  );
  for (const r of results) console.log(`  ${r.scenario.padEnd(11)} ${seconds(r.medianWallMs).padStart(9)}  ${r.what}`);
  if (ratios.length) {
    console.log('\nagainst the original plan (cold run):');
    for (const r of ratios)
      console.log(
        `  ${r.name.padEnd(14)} ${seconds(r.measuredMs).padStart(9)} / ${seconds(r.planBudgetMs).padStart(7)} = ${r.ratio.toFixed(2)}`,
      );
  }
  console.log('\nwrote bench/results.json and bench/timeline.svg');
}

main();
