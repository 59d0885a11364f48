import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The e2e phases a mutant can name: the API-level Vitest phases and the Playwright ones. */
export const PHASES = [
  'e2e-health',
  'e2e-database',
  'e2e-smoke-api',
  'e2e-flows-api',
  'e2e-fuzz-api',
  'e2e-smoke-ui',
  'e2e-flows-ui',
] as const;
export type Phase = (typeof PHASES)[number];

/**
 * One planted bug: in `file`, the one occurrence of `search` becomes `replace`. `tests` are the
 * spec files (paths inside the phase's `tests/` folder, one list per phase) that should catch it;
 * a phase listed with `'*'` runs whole. The mutant is killed when any of them fails.
 */
export interface Mutant {
  /** Stable, kebab-case: what `--only` selects and the results name. */
  id: string;
  /** Relative to the workspace root: apps/api/src/…, apps/api/migrations/…, apps/worker/src/…. */
  file: string;
  search: string;
  replace: string;
  tests: Partial<Record<Phase, string[] | '*'>>;
  /** Why a developer could write this bug: the mistake it stands for. */
  why: string;
}

/** Every way the list can have rotted against the code, as sentences; empty when it is sound. */
export function checkMutants(mutants: readonly Mutant[], root: string): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const mutant of mutants) {
    const where = `mutant ${mutant.id}`;
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(mutant.id)) problems.push(`${where}: the id must be kebab-case`);
    if (seen.has(mutant.id)) problems.push(`${where}: the id is used twice`);
    seen.add(mutant.id);
    if (mutant.search === mutant.replace) problems.push(`${where}: the replacement equals the search string`);
    if (Object.keys(mutant.tests).length === 0) problems.push(`${where}: names no phase to catch it`);
    for (const [phase, specs] of Object.entries(mutant.tests)) {
      if (!(PHASES as readonly string[]).includes(phase)) problems.push(`${where}: unknown phase ${phase}`);
      if (specs === '*') continue;
      if (specs.length === 0) problems.push(`${where}: ${phase} lists no spec file (use '*' for the whole phase)`);
      for (const spec of specs) {
        if (!existsSync(join(root, 'apps', phase, 'tests', spec)))
          problems.push(`${where}: no spec apps/${phase}/tests/${spec}`);
      }
    }
    const path = join(root, mutant.file);
    if (!existsSync(path)) {
      problems.push(`${where}: ${mutant.file} does not exist`);
      continue;
    }
    const count = occurrences(readFileSync(path, 'utf8'), mutant.search);
    if (count !== 1) {
      problems.push(
        `${where}: its search string occurs ${count} times in ${mutant.file} (must be exactly once): ${JSON.stringify(mutant.search)}`,
      );
    }
  }
  return problems;
}

export function occurrences(text: string, search: string): number {
  if (search === '') return 0;
  let count = 0;
  for (let at = text.indexOf(search); at >= 0; at = text.indexOf(search, at + search.length)) count += 1;
  return count;
}

/** The file's text with the mutant planted (the caller has checked it occurs once). */
export function plant(text: string, mutant: Pick<Mutant, 'search' | 'replace'>): string {
  const at = text.indexOf(mutant.search);
  if (at < 0) throw new Error(`search string not found: ${JSON.stringify(mutant.search)}`);
  return text.slice(0, at) + mutant.replace + text.slice(at + mutant.search.length);
}
