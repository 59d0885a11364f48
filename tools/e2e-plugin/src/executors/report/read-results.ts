import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { RESULTS_FILE_NAME } from '@streamkit/e2e-contract';
import { InvalidResultFileError, parsePhaseResult, type PhaseResult } from '@streamkit/e2e-report';

export interface PhaseResults {
  /** `undefined` when the phase left no results file. */
  results: Map<string, PhaseResult | undefined>;
  /** Phases whose file exists but is unusable, with one message naming the file and the problem. */
  unreadable: Map<string, string[]>;
}

/** Reads `<resultsDir>/<phase>/results.json` for each phase; never throws for a bad file. */
export function readPhaseResults(workspaceRoot: string, resultsDir: string, phases: string[]): PhaseResults {
  const results = new Map<string, PhaseResult | undefined>();
  const unreadable = new Map<string, string[]>();
  for (const phase of phases) {
    const file = join(resultsDir, phase, RESULTS_FILE_NAME);
    const shown = relative(workspaceRoot, file) || file;
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') results.set(phase, undefined);
      else unreadable.set(phase, [`cannot read ${shown}: ${(error as Error).message}`]);
      continue;
    }
    try {
      const result = parsePhaseResult(text, shown);
      // A file copied or written under the wrong folder would credit one phase with another's tests.
      if (result.phase !== phase) unreadable.set(phase, [`${shown} holds the results of phase "${result.phase}", not "${phase}"`]);
      else results.set(phase, result);
    } catch (error) {
      if (!(error instanceof InvalidResultFileError)) throw error;
      unreadable.set(phase, [error.message]);
    }
  }
  return { results, unreadable };
}
