import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { findWorkspaceRoot } from '@streamkit/e2e-contract';
import { runGate } from './gate.ts';

const USAGE = `usage: nx run deploy-gate:gate --idle=<colour> --live=<colour> --switch=<command> --rollback=<command>
         [--projects=<phase,...>] [--results-dir=<dir>] [-- <more Nx arguments for run-e2e.sh>]
--switch and --rollback default to DEPLOY_SWITCH_COMMAND and DEPLOY_ROLLBACK_COMMAND.
The idle colour's URLs come from the E2E_* variables (README, "Pointing at a deployment").
Exit code 0 only when the suite passed and the switch command succeeded.`;

/**
 * `nx run deploy-gate:gate …` (or `npx tsx tools/deploy-gate/src/cli.ts …`): the blue-green gate
 * the deploy workflow runs after deploying to the idle colour.
 */
async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        idle: { type: 'string' },
        live: { type: 'string' },
        switch: { type: 'string' },
        rollback: { type: 'string' },
        projects: { type: 'string' },
        'results-dir': { type: 'string', default: 'dist/deploy-gate' },
      },
    });
  } catch (error) {
    console.error(`deploy gate: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  // The deploy workflow passes the platform's commands as variables: no quoting through Nx.
  values.switch ??= process.env.DEPLOY_SWITCH_COMMAND || undefined;
  values.rollback ??= process.env.DEPLOY_ROLLBACK_COMMAND || undefined;
  const missing = (['idle', 'live', 'switch', 'rollback'] as const).filter((name) => !values[name]);
  if (missing.length > 0) {
    console.error(`deploy gate: missing ${missing.map((m) => `--${m}`).join(', ')}\n${USAGE}`);
    return 2;
  }
  const root = findWorkspaceRoot();
  const outcome = await runGate({
    root,
    idle: values.idle!,
    live: values.live!,
    switchCommand: values.switch!,
    rollbackCommand: values.rollback!,
    env: process.env,
    nxArgs: [...(values.projects ? [`--projects=${values.projects}`] : []), ...positionals],
    resultsDir: resolve(root, values['results-dir']!),
  });
  return outcome.decision === 'switched' ? 0 : 1;
}

process.exitCode = await main();
