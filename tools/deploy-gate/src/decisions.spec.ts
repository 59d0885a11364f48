import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findWorkspaceRoot, TARGET_VARIABLES } from '@streamkit/e2e-contract';
import { aggregate } from '@streamkit/e2e-report';
import { phaseResult, testResult } from '@streamkit/e2e-report/testing';
import { runGate, type GateOptions } from './gate.ts';
import type { SuiteRun } from './verdict.ts';

/**
 * The decisions that do not need a deployment: the suite is a stand-in that passes; the switch and
 * rollback commands are real shell lines. gate.spec.ts runs the real suite against real stacks.
 */
const root = findWorkspaceRoot(new URL('.', import.meta.url).pathname);
const scratch = mkdtempSync(join(tmpdir(), 'deploy-gate-decisions-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const passingSuite = async (): Promise<SuiteRun> => ({
  exitCode: 0,
  report: {
    ...aggregate(
      [{ name: 'e2e-health', dependsOn: [] }],
      new Map([['e2e-health', phaseResult({ phase: 'e2e-health', tests: [testResult({ name: 'api > 200' })] })]]),
    ),
    coverage: { endpoints: null, pages: null },
  },
  output: 'log',
});
const variables = Object.fromEntries(
  Object.values(TARGET_VARIABLES).map((name) => [name, `http://${name.toLowerCase()}.test`]),
);

function options(idle: string, overrides: Partial<GateOptions> = {}): GateOptions {
  const marks = join(scratch, idle);
  return {
    root,
    idle,
    live: 'green',
    switchCommand: `mkdir -p ${marks} && echo "$DEPLOY_IDLE_COLOUR" > ${marks}/switched`,
    rollbackCommand: `mkdir -p ${marks} && echo "$DEPLOY_LIVE_COLOUR" > ${marks}/kept`,
    env: { PATH: process.env.PATH, ...variables },
    nxArgs: [],
    resultsDir: join(scratch, `${idle}-results`),
    suite: passingSuite,
    log: () => undefined,
    ...overrides,
  };
}
const mark = (idle: string, name: string) =>
  existsSync(join(scratch, idle, name)) ? readFileSync(join(scratch, idle, name), 'utf8').trim() : undefined;

describe('the deploy gate decides', () => {
  it('to switch when the suite passes and the switch command succeeds', async () => {
    await expect(runGate(options('blue'))).resolves.toMatchObject({ decision: 'switched', notes: [] });
    expect([mark('blue', 'switched'), mark('blue', 'kept')]).toEqual(['blue', undefined]);
  });

  it('to roll back, without running the suite, when the idle colour is not fully described', async () => {
    let ran = false;
    const outcome = await runGate(
      options('red', {
        env: { PATH: process.env.PATH, ...variables, E2E_MAIL_URL: '' },
        suite: async () => ((ran = true), passingSuite()),
      }),
    );
    expect(outcome).toMatchObject({ decision: 'rolled-back', verdict: { green: false, summary: 'not run' } });
    expect(outcome.verdict.reasons[0]).toContain('E2E_MAIL_URL');
    expect([ran, mark('red', 'kept')]).toEqual([false, 'green']);
  });

  it('to fail, after rolling back, when the switch command fails', async () => {
    const outcome = await runGate(options('amber', { switchCommand: 'exit 3' }));
    expect(outcome).toMatchObject({
      decision: 'failed',
      notes: ['the switch command exited with 3; rolled back so green keeps the traffic'],
    });
    expect(mark('amber', 'kept')).toBe('green');
  });

  it('to fail when the rollback command fails, and to say what to check by hand', async () => {
    const failing = async (): Promise<SuiteRun> => ({ exitCode: 1, output: 'log' });
    const outcome = await runGate(options('violet', { suite: failing, rollbackCommand: 'exit 4' }));
    expect(outcome).toMatchObject({
      decision: 'failed',
      notes: ['the rollback command exited with 4: check by hand that green still serves the traffic'],
    });
  });
});
