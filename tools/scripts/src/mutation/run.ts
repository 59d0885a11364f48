import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { findWorkspaceRoot } from '@streamkit/e2e-contract';
import { APP_MUTANTS } from './app-mutants.ts';
import { checkMutants, PHASES, type Mutant, type Phase } from './mutant.ts';
import { killGroup, runPhase, type PhaseOutcome } from './phase-runner.ts';
import { formatTable, phasesOf, score, type MutantResult } from './results.ts';
import { Scratch } from './scratch.ts';
import { ScratchStack, StackBootError } from './scratch-stack.ts';

/**
 * `npm run mutation:app [-- --only id,id] [-- --whole-phases] [-- --out file] [-- --min-score N]`:
 * plants each mutant of app-mutants.ts in a scratch copy of HEAD, boots a fresh stack for it,
 * runs the spec files that should catch it, and reports which were killed. Not part of npm test.
 * A baseline run without any mutant comes first: a suite that fails on its own proves nothing.
 */
const ROOT = findWorkspaceRoot();

interface Options {
  only?: string[];
  wholePhases: boolean;
  out: string;
  minScore?: number;
}

function parseArgs(argv: string[]): Options {
  const value = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith(`${flag}=`))?.slice(flag.length + 1);
  };
  const only = value('--only')?.split(',').filter(Boolean);
  const unknown = only?.filter((id) => !APP_MUTANTS.some((m) => m.id === id)) ?? [];
  if (unknown.length)
    throw new Error(`--only: no mutant ${unknown.join(', ')} (see tools/scripts/src/mutation/app-mutants.ts)`);
  const minScore = value('--min-score');
  return {
    only,
    wholePhases: argv.includes('--whole-phases'),
    out: resolve(ROOT, value('--out') ?? 'dist/mutation/app-results.json'),
    minScore: minScore === undefined ? undefined : Number(minScore),
  };
}

/** What one run is doing right now, so an interrupt can undo exactly that. */
const current: { scratch?: Scratch; stack?: ScratchStack; runner?: number } = {};
let interrupted = false;

async function cleanUp(): Promise<void> {
  killGroup(current.runner);
  await current.stack?.stop().catch(() => undefined);
  current.stack = undefined;
  current.scratch?.remove();
  current.scratch = undefined;
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    console.error(
      `\nmutation: ${signal}: stopping the stack and removing the scratch copy (your workspace was never changed)`,
    );
    void cleanUp().finally(() => process.exit(130));
  });
}

/** Boots a stack in the scratch copy and runs the phases in order, stopping at the first failure. */
async function runAgainst(
  scratch: Scratch,
  plan: [Phase, string[] | '*'][],
  label: string,
  workDir: string,
): Promise<{ bootError?: string; phases: PhaseOutcome[] }> {
  const logFile = join(workDir, `${label}.log`);
  try {
    current.stack = await ScratchStack.boot(scratch.dir, join(workDir, `${label}.stack.log`));
  } catch (error) {
    if (error instanceof StackBootError) return { bootError: error.message.split('\n')[0]!, phases: [] };
    throw error;
  }
  const phases: PhaseOutcome[] = [];
  try {
    for (const [phase, specs] of plan) {
      if (interrupted) break;
      const outcome = await runPhase(scratch.dir, phase, specs, {
        resultsDir: join(workDir, label),
        runId: `mut${Date.now().toString(36)}`,
        logFile,
        onChild: (pid) => (current.runner = pid),
      });
      phases.push(outcome);
      if (outcome.status !== 'passed') break;
    }
  } finally {
    await current.stack.stop();
    current.stack = undefined;
  }
  return { phases };
}

function planFor(mutant: Mutant, wholePhases: boolean): [Phase, string[] | '*'][] {
  return phasesOf(mutant, PHASES).map((phase) => [phase, wholePhases ? '*' : mutant.tests[phase]!]);
}

/** Every phase and spec any selected mutant runs, for the baseline. */
function unionPlan(mutants: Mutant[], wholePhases: boolean): [Phase, string[] | '*'][] {
  return PHASES.flatMap((phase): [Phase, string[] | '*'][] => {
    const lists = mutants.map((m) => m.tests[phase]).filter((specs) => specs !== undefined);
    if (lists.length === 0) return [];
    if (wholePhases || lists.includes('*')) return [[phase, '*']];
    return [[phase, [...new Set(lists.flat() as string[])].sort()]];
  });
}

async function main(): Promise<number> {
  const options = parseArgs(process.argv.slice(2));
  // In the order given: the mutants that matter most first, when time is short.
  const mutants = options.only ? options.only.map((id) => APP_MUTANTS.find((m) => m.id === id)!) : APP_MUTANTS;
  const started = Date.now();
  const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: ROOT, encoding: 'utf8' });
  if (dirty.trim()) console.warn('mutation: the workspace has uncommitted changes; the run uses HEAD without them');

  const workDir = join(dirname(options.out), 'app-work');
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(workDir, { recursive: true });

  const scratch = (current.scratch = Scratch.create(ROOT));
  const problems = checkMutants(mutants, scratch.dir);
  if (problems.length) {
    console.error(`mutation: the mutant list does not match the code at HEAD:\n  ${problems.join('\n  ')}`);
    await cleanUp();
    return 2;
  }
  console.log(`mutation: ${mutants.length} mutants, scratch copy of ${scratch.commit.slice(0, 12)} in ${scratch.dir}`);

  const baseline = await runAgainst(scratch, unionPlan(mutants, options.wholePhases), 'baseline', workDir);
  const baselineFailed = baseline.bootError ?? baseline.phases.find((p) => p.status !== 'passed');
  if (baselineFailed) {
    console.error(
      `mutation: the suite fails without any mutant, so no mutant can be judged: ${
        typeof baselineFailed === 'string'
          ? `the stack did not boot: ${baselineFailed}`
          : `${baselineFailed.phase} ${baselineFailed.status}: ${baselineFailed.failedTests.join('; ') || 'see the log'}`
      } (logs in ${workDir})`,
    );
    await cleanUp();
    return 2;
  }
  console.log(`mutation: baseline passed in ${Math.round((Date.now() - started) / 1000)} s`);

  const results: MutantResult[] = [];
  const commit = scratch.commit;
  const baselineMs = baseline.phases.reduce((sum, p) => sum + p.durationMs, 0);
  // Written after every mutant too: an interrupted run keeps what it measured (`complete: false`).
  const writeResults = (complete: boolean) => {
    mkdirSync(dirname(options.out), { recursive: true });
    const record = {
      schemaVersion: 1,
      complete,
      commit,
      startedAt: new Date(started).toISOString(),
      wallMs: Date.now() - started,
      machine: { cores: cpus().length, loadAverage: loadavg(), node: process.version },
      wholePhases: options.wholePhases,
      baselineMs,
      score: score(results),
      mutants: results,
    };
    writeFileSync(options.out, `${JSON.stringify(record, null, 2)}\n`);
  };
  for (const [index, mutant] of mutants.entries()) {
    if (interrupted) break;
    const mutantStarted = Date.now();
    let result: MutantResult;
    try {
      scratch.apply(mutant);
      const run = await runAgainst(scratch, planFor(mutant, options.wholePhases), mutant.id, workDir);
      const caught = run.phases.find((p) => p.status !== 'passed');
      result = {
        id: mutant.id,
        file: mutant.file,
        why: mutant.why,
        status: run.bootError || caught ? 'killed' : 'survived',
        killedBy: run.bootError
          ? 'stack boot (e2e-health)'
          : caught && `${caught.phase}${caught.status === 'timeout' ? ' (timeout)' : ''}`,
        failedTests: caught?.failedTests ?? [],
        phases: run.phases,
        detail: run.bootError ?? (caught ? undefined : `passed: ${run.phases.map((p) => p.phase).join(', ')}`),
        durationMs: Date.now() - mutantStarted,
      };
    } catch (error) {
      result = {
        id: mutant.id,
        file: mutant.file,
        why: mutant.why,
        status: 'error',
        failedTests: [],
        phases: [],
        detail: error instanceof Error ? error.message : String(error),
        durationMs: Date.now() - mutantStarted,
      };
    } finally {
      scratch.restore();
    }
    results.push(result);
    writeResults(false);
    console.log(
      `mutation: [${index + 1}/${mutants.length}] ${mutant.id}: ${result.status}${result.killedBy ? ` by ${result.killedBy}` : ''} (${Math.round(result.durationMs / 1000)} s)`,
    );
  }

  const wallMs = Date.now() - started;
  await cleanUp();
  console.log(`\n${formatTable(results, wallMs)}`);
  writeResults(!interrupted);
  console.log(`mutation: results in ${options.out}, logs in ${workDir}`);
  if (interrupted) return 130;
  if (results.some((r) => r.status === 'error')) return 1;
  if (options.minScore !== undefined && score(results).percent < options.minScore) {
    console.error(`mutation: the score is below --min-score ${options.minScore}`);
    return 1;
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  async (error: unknown) => {
    console.error(`mutation: ${error instanceof Error ? error.stack : error}`);
    await cleanUp();
    process.exit(1);
  },
);
