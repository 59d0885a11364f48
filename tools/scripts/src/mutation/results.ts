import { textTable } from '@streamkit/e2e-report';
import type { Mutant, Phase } from './mutant.ts';
import type { PhaseOutcome } from './phase-runner.ts';

/**
 * killed: a phase failed (or the stack would not boot with the mutant: e2e-health fails then);
 * survived: every phase passed; error: the mutant could not be judged (the tool failed).
 */
export type MutantStatus = 'killed' | 'survived' | 'error';

export interface MutantResult {
  id: string;
  file: string;
  why: string;
  status: MutantStatus;
  /** What caught it: a phase, or `stack boot`. */
  killedBy?: string;
  failedTests: string[];
  phases: PhaseOutcome[];
  detail?: string;
  durationMs: number;
}

export interface Score {
  total: number;
  killed: number;
  survived: number;
  errors: number;
  /** killed / (killed + survived), in percent with one decimal; errors are not judged. */
  percent: number;
}

export function score(results: readonly Pick<MutantResult, 'status'>[]): Score {
  const count = (status: MutantStatus) => results.filter((r) => r.status === status).length;
  const killed = count('killed');
  const survived = count('survived');
  const judged = killed + survived;
  return {
    total: results.length,
    killed,
    survived,
    errors: count('error'),
    percent: judged === 0 ? 0 : Math.round((killed / judged) * 1000) / 10,
  };
}

/** The phases a mutant runs, in the order the task graph runs them. */
export function phasesOf(mutant: Mutant, order: readonly Phase[]): Phase[] {
  return order.filter((phase) => mutant.tests[phase] !== undefined);
}

const seconds = (ms: number) => `${Math.round(ms / 1000)} s`;

/** The console table: one line per mutant, then the score. */
export function formatTable(results: readonly MutantResult[], wallMs: number): string {
  const rows = results.map((r) => [
    r.id,
    r.status,
    r.status === 'killed'
      ? `${r.killedBy}${r.failedTests[0] ? `: ${truncate(r.failedTests[0], 70)}` : ''}`
      : (r.detail ?? ''),
    seconds(r.durationMs),
  ]);
  const s = score(results);
  return [
    ...textTable(['mutant', 'status', 'caught by / why not', 'time'], rows),
    '',
    `mutation score: ${s.percent}% (${s.killed} killed, ${s.survived} survived, ${s.errors} errors of ${s.total} mutants) in ${seconds(wallMs)}`,
  ].join('\n');
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
