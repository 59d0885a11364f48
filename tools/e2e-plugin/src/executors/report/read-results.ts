import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { RESULTS_FILE_NAME } from '@streamkit/e2e-contract';
import { InvalidResultFileError, mergePhaseParts, parsePhaseResult, type PhaseResult } from '@streamkit/e2e-report';

export interface PhaseResults {
  /** `undefined` when the phase left no results file. */
  results: Map<string, PhaseResult | undefined>;
  /** Phases whose file exists but is unusable, with one message naming the file and the problem. */
  unreadable: Map<string, string[]>;
}

/**
 * Reads each phase's result; never throws for a bad file. A whole-phase run wrote
 * `<resultsDir>/<phase>/results.json`. A phase run in parts — CI's shards
 * (`<phase>/shard-<i>/results.json`, laid out by tools/scripts/merge-shard-results.sh) or the
 * per-file `e2e-ci--<file>` targets (`<phase>/<file>/results.json`) — is merged into one result,
 * as the whole-phase run would have written it. The whole-phase file wins when both exist.
 */
export function readPhaseResults(workspaceRoot: string, resultsDir: string, phases: string[]): PhaseResults {
  const results = new Map<string, PhaseResult | undefined>();
  const unreadable = new Map<string, string[]>();
  for (const phase of phases) {
    const files = resultFiles(join(resultsDir, phase));
    if (files.length === 0) {
      results.set(phase, undefined);
      continue;
    }
    const parts: PhaseResult[] = [];
    const problems: string[] = [];
    for (const file of files) {
      const read = readOne(file, relative(workspaceRoot, file) || file, phase);
      if (typeof read === 'string') problems.push(read);
      else parts.push(read);
    }
    if (problems.length > 0) unreadable.set(phase, problems);
    else results.set(phase, mergePhaseParts(parts));
  }
  return { results, unreadable };
}

/** The whole-phase file, or else every part's file one folder down, in folder order. */
function resultFiles(phaseDir: string): string[] {
  const whole = join(phaseDir, RESULTS_FILE_NAME);
  if (existsSync(whole)) return [whole];
  let entries;
  try {
    entries = readdirSync(phaseDir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(phaseDir, entry.name, RESULTS_FILE_NAME))
    .filter((file) => existsSync(file))
    .sort();
}

/** The parsed result, or one message naming the file and the problem. */
function readOne(file: string, shown: string, phase: string): PhaseResult | string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return `cannot read ${shown}: ${(error as Error).message}`;
  }
  try {
    const result = parsePhaseResult(text, shown);
    // A file copied or written under the wrong folder would credit one phase with another's tests.
    return result.phase === phase ? result : `${shown} holds the results of phase "${result.phase}", not "${phase}"`;
  } catch (error) {
    if (!(error instanceof InvalidResultFileError)) throw error;
    return error.message;
  }
}
