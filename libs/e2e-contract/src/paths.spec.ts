import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { perFileResultsFile, phaseOutputDir, phaseResultsFile, REPORT_FILES, resultsDir } from './result-paths.ts';
import { ANY_RUN_ID, currentRunId, ensureRunId, newRunId, runIdFile } from './run-id.ts';
import { findWorkspaceRoot } from './workspace-root.ts';

describe('result paths', () => {
  test('spell dist/e2e/<phase>/results.json, its per-file variant and the report files', () => {
    expect(phaseOutputDir('e2e-health')).toBe('dist/e2e/e2e-health');
    expect(phaseResultsFile('e2e-health')).toBe('dist/e2e/e2e-health/results.json');
    expect(phaseResultsFile('e2e-smoke-ui', { root: '/w', file: 'login-spec-ts' })).toBe(
      '/w/dist/e2e/e2e-smoke-ui/login-spec-ts/results.json',
    );
    expect(perFileResultsFile('/w/out/r.json', 'a-spec-ts')).toBe('/w/out/a-spec-ts/r.json');
    expect(REPORT_FILES).toEqual({
      json: 'dist/e2e/report.json',
      junit: 'dist/e2e/junit.xml',
      html: 'dist/e2e/report.html',
    });
  });

  test('move under E2E_RESULTS_DIR when it is set, absolute or relative to the root', () => {
    expect(resultsDir('/w', {})).toBe('/w/dist/e2e');
    expect(resultsDir('/w', { E2E_RESULTS_DIR: '/results' })).toBe('/results');
    expect(resultsDir('/w', { E2E_RESULTS_DIR: 'dist/gate' })).toBe('/w/dist/gate');
  });
});

describe('run id', () => {
  test('is e2e and base-36 digits, kept in E2E_RUN_ID for every later process', () => {
    expect(newRunId(36 ** 3)).toBe('e2e1000');
    const env: NodeJS.ProcessEnv = {};
    const id = ensureRunId(env);
    expect(id).toMatch(new RegExp(`^${ANY_RUN_ID}$`));
    expect(env.E2E_RUN_ID).toBe(id);
    expect(ensureRunId({ E2E_RUN_ID: 'e2egiven' })).toBe('e2egiven');
  });

  test('comes from E2E_RUN_ID, else from the run file run-e2e.sh keeps while it runs', () => {
    const root = mkdtempSync(join(tmpdir(), 'run-id-'));
    try {
      expect(currentRunId({}, root)).toBeUndefined();
      mkdirSync(join(root, '.e2e'));
      writeFileSync(runIdFile(root), `e2efromfile ${process.pid}\n`);
      expect(currentRunId({}, root)).toBe('e2efromfile');
      expect(currentRunId({ E2E_RUN_ID: 'e2egiven' }, root)).toBe('e2egiven');
      const env: NodeJS.ProcessEnv = { E2E_RUN_ID: '' };
      expect(ensureRunId(env, root)).toBe('e2efromfile');
      expect(env.E2E_RUN_ID, 'kept for the workers and children').toBe('e2efromfile');
      // Not an id (a truncated write, a stray file): a new id rather than test data named after it.
      writeFileSync(runIdFile(root), `../../etc ${process.pid}\n`);
      expect(currentRunId({}, root)).toBeUndefined();
      // Left by a run that was killed (its pid gone), or written without a pid: no longer a run.
      const gone = spawnSync(process.execPath, ['-e', '']).pid;
      writeFileSync(runIdFile(root), `e2eleftover ${gone}\n`);
      expect(currentRunId({}, root)).toBeUndefined();
      writeFileSync(runIdFile(root), 'e2enopid\n');
      expect(currentRunId({}, root)).toBeUndefined();
      expect(ensureRunId({}, root)).toMatch(new RegExp(`^${ANY_RUN_ID}$`));
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('findWorkspaceRoot', () => {
  test('finds the nearest nx.json above; outside a workspace, the fallback or an error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'root-'));
    try {
      mkdirSync(join(dir, 'a/b'), { recursive: true });
      writeFileSync(join(dir, 'a/nx.json'), '{}');
      expect(findWorkspaceRoot(join(dir, 'a/b'))).toBe(join(dir, 'a'));
      expect(findWorkspaceRoot(dir, 'fallback')).toBe('fallback');
      expect(() => findWorkspaceRoot(dir)).toThrow(`no nx.json above ${dir}: not inside the workspace`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
