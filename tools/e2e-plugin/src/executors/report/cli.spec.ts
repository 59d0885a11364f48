import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findWorkspaceRoot } from '@streamkit/e2e-contract';
import { parseRunReport } from '@streamkit/e2e-report';
import { phaseResult, testResult } from '@streamkit/e2e-report/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

/**
 * `e2e-report` is what run-e2e.sh runs after the phases: the report executor on the project graph
 * Nx cached for this workspace (any Nx command writes it; this spec runs under one). Its results
 * and outputs live in a scratch folder, so a run in progress keeps its own.
 */
const ROOT = findWorkspaceRoot();
let dir: string;
beforeEach(() => void (dir = mkdtempSync(join(tmpdir(), 'report-cli-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const written = () => parseRunReport(readFileSync(join(dir, 'report.json'), 'utf8'), 'report.json');

function report(health: 'passed' | 'failed', ...args: string[]) {
  mkdirSync(join(dir, 'e2e-health'));
  const tests = [testResult({ name: 'the API answers', status: health })];
  writeFileSync(join(dir, 'e2e-health/results.json'), JSON.stringify(phaseResult({ phase: 'e2e-health', tests })));
  const outputs = [`--outputFile=${dir}/report.json`, `--junitFile=${dir}/junit.xml`, `--htmlFile=${dir}/report.html`];
  return spawnSync('node_modules/.bin/e2e-report', [`--resultsDir=${dir}`, ...outputs, ...args], {
    cwd: ROOT,
    env: { ...process.env, E2E_RUN_ID: 'e2eclispec', SLACK_WEBHOOK_URL: '' },
    encoding: 'utf8',
  });
}

describe('e2e-report, the report without a second Nx process', () => {
  it('reports the selected phases with the target’s defaults, writes every output, and exits 0 when green', () => {
    const run = report('passed', '--phases=e2e-health');
    expect(run.status, run.stderr + run.stdout).toBe(0);
    expect(run.stdout).toMatch(/^e2e: 1 passed, 0 failed, 0 skipped$/m);
    expect(written().phases.map((p) => p.name)).toEqual(['e2e-health']);
    expect(written().runId).toBe('e2eclispec');
    expect(existsSync(join(dir, 'junit.xml')) && existsSync(join(dir, 'report.html'))).toBe(true);
  });

  it('exits 1 when a phase failed, and reports every phase of the graph when none is selected', () => {
    const run = report('failed');
    expect(run.status, run.stderr + run.stdout).toBe(1);
    expect(written().verdict).toBe('failed');
    expect(written().phases.map((p) => p.name)).toContain('e2e-flows-ui');
  });

  it('refuses an option the target does not have, with its usage', () => {
    const run = report('passed', '--outputStyle=static');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("Unknown option '--outputStyle'");
    expect(run.stderr).toContain('usage: e2e-report');
  });
});
