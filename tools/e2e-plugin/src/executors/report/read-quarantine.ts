import { existsSync, readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { InvalidResultFileError, parseQuarantine, type QuarantineInput } from '@streamkit/e2e-report';

/**
 * Reads the quarantine file for the report; never throws. No file means nothing is quarantined;
 * a file that cannot be read or parsed comes back with its problems, which fail the run.
 */
export function readQuarantine(workspaceRoot: string, file: string): QuarantineInput {
  const path = resolve(workspaceRoot, file);
  const shown = relative(workspaceRoot, path) || file;
  if (!existsSync(path)) return { file: shown, quarantine: { tests: [] } };
  try {
    return { file: shown, quarantine: parseQuarantine(readFileSync(path, 'utf8'), shown) };
  } catch (error) {
    const problems =
      error instanceof InvalidResultFileError ? error.problems : [`could not read it: ${(error as Error).message}`];
    return { file: shown, problems };
  }
}
