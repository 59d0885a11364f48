import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { findWorkspaceRoot } from '@streamkit/e2e-contract';
import { APP_MUTANTS } from '../src/mutation/app-mutants.ts';
import { checkMutants, occurrences, plant, type Mutant } from '../src/mutation/mutant.ts';
import { formatTable, phasesOf, score, type MutantResult } from '../src/mutation/results.ts';

const mutant = (over: Partial<Mutant> = {}): Mutant => ({
  id: 'a-bug',
  file: 'src/app.ts',
  search: 'a > b',
  replace: 'a >= b',
  tests: { 'e2e-smoke-api': ['auth.spec.ts'] },
  why: 'an off-by-one',
  ...over,
});

/** A workspace with one source file and one phase's spec, to check lists against. */
function workspace(source: string): string {
  const root = mkdtempSync(join(tmpdir(), 'mutants-'));
  mkdirSync(join(root, 'src'));
  writeFileSync(join(root, 'src/app.ts'), source);
  mkdirSync(join(root, 'apps/e2e-smoke-api/tests'), { recursive: true });
  writeFileSync(join(root, 'apps/e2e-smoke-api/tests/auth.spec.ts'), '');
  return root;
}

describe('the app mutants', () => {
  test('every mutant of the list still plants exactly one change in the code as it is', () => {
    expect(checkMutants(APP_MUTANTS, findWorkspaceRoot())).toEqual([]);
    expect(APP_MUTANTS.length).toBeGreaterThanOrEqual(30);
  });

  test('a search string that is gone, or there twice, is a problem naming the mutant', () => {
    const root = workspace('if (a > b) x();\nif (c) y();\nif (c) y();\n');
    expect(checkMutants([mutant()], root)).toEqual([]);
    expect(checkMutants([mutant({ search: 'a < b' })], root)).toEqual([
      'mutant a-bug: its search string occurs 0 times in src/app.ts (must be exactly once): "a < b"',
    ]);
    expect(checkMutants([mutant({ search: 'if (c) y();' })], root)[0]).toMatch(/occurs 2 times/);
    expect(checkMutants([mutant({ file: 'src/gone.ts' })], root)).toEqual(['mutant a-bug: src/gone.ts does not exist']);
  });

  test('ids, phases and spec files are checked too', () => {
    const root = workspace('a > b');
    expect(checkMutants([mutant(), mutant()], root)).toEqual(['mutant a-bug: the id is used twice']);
    expect(checkMutants([mutant({ tests: { 'e2e-smoke-api': ['missing.spec.ts'] } })], root)).toEqual([
      'mutant a-bug: no spec apps/e2e-smoke-api/tests/missing.spec.ts',
    ]);
    expect(checkMutants([mutant({ tests: {} })], root)).toEqual(['mutant a-bug: names no phase to catch it']);
    expect(checkMutants([mutant({ id: 'Not Kebab' })], root)).toEqual(['mutant Not Kebab: the id must be kebab-case']);
  });

  test('plant replaces the one occurrence; occurrences counts without overlaps', () => {
    expect(plant('if (a > b) x();', mutant())).toBe('if (a >= b) x();');
    expect(() => plant('nothing here', mutant())).toThrow(/not found/);
    expect(occurrences('aaaa', 'aa')).toBe(2);
    expect(occurrences('abc', '')).toBe(0);
  });

  test('phases run in the order of the task graph, whatever order the mutant lists them in', () => {
    const listed = mutant({ tests: { 'e2e-flows-api': '*', 'e2e-database': '*', 'e2e-smoke-api': '*' } });
    expect(phasesOf(listed, ['e2e-health', 'e2e-database', 'e2e-smoke-api', 'e2e-flows-api'])).toEqual([
      'e2e-database',
      'e2e-smoke-api',
      'e2e-flows-api',
    ]);
  });
});

describe('the mutation score', () => {
  const result = (id: string, status: MutantResult['status'], over: Partial<MutantResult> = {}): MutantResult => ({
    id,
    file: 'src/app.ts',
    why: '',
    status,
    failedTests: [],
    phases: [],
    durationMs: 61_000,
    ...over,
  });

  test('is killed over killed and survived; errors are counted apart, not judged', () => {
    expect(
      score([result('a', 'killed'), result('b', 'killed'), result('c', 'survived'), result('d', 'error')]),
    ).toEqual({
      total: 4,
      killed: 2,
      survived: 1,
      errors: 1,
      percent: 66.7,
    });
    expect(score([]).percent).toBe(0);
    expect(score([result('a', 'error')]).percent).toBe(0);
  });

  test('the table names what caught each mutant and why a survivor was not caught', () => {
    const table = formatTable(
      [
        result('caught', 'killed', { killedBy: 'e2e-flows-api', failedTests: ['auth flow > logout ends the session'] }),
        result('missed', 'survived', { detail: 'passed: e2e-smoke-api' }),
      ],
      125_000,
    );
    expect(table).toMatch(/^caught\s+killed\s+e2e-flows-api: auth flow > logout ends the session\s+61 s$/m);
    expect(table).toMatch(/^missed\s+survived\s+passed: e2e-smoke-api\s+61 s$/m);
    expect(table.split('\n').at(-1)).toBe('mutation score: 50% (1 killed, 1 survived, 0 errors of 2 mutants) in 125 s');
  });
});
