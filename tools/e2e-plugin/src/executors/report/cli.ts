import { parseArgs } from 'node:util';
import { readCachedProjectGraph, type ExecutorContext } from '@nx/devkit';
import { findWorkspaceRoot } from '@streamkit/e2e-contract';
import reportExecutor from './report.impl.ts';
import type { ReportExecutorOptions } from './schema';
import schema from './schema.json';

const USAGE = `usage: e2e-report [--phases=<phase,...>] [--resultsDir=<dir>] [--outputFile=<file>]
         [--junitFile=<file>] [--htmlFile=<file>] [--quarantineFile=<file>] [--target=<target>]
The report target (\`nx run e2e-report:report\`, same options and defaults) on the project graph
the last Nx command in this workspace cached.`;

/**
 * `e2e-report` (bin/e2e-report): the report executor without a second Nx process. `run-e2e.sh`
 * runs it right after `nx run-many`, whose project graph Nx has just cached, where starting Nx
 * again would cost a no-change rerun a second of CPU. Exit code 0 only for a green run.
 */
async function main(): Promise<number> {
  const properties: Record<string, { type: string; default?: string }> = schema.properties;
  const strings = Object.fromEntries(Object.keys(properties).map((name) => [name, { type: 'string' as const }]));
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({ options: strings, strict: true }));
  } catch (error) {
    console.error(`report: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const defaults = Object.fromEntries(
    Object.entries(properties).flatMap(([name, property]) =>
      property.default === undefined ? [] : [[name, property.default]],
    ),
  );
  const { phases, ...paths } = values;
  const options = {
    ...defaults,
    ...paths,
    ...(phases === undefined ? {} : { phases: phases.split(',').filter(Boolean) }),
  } as ReportExecutorOptions;

  let projectGraph;
  try {
    projectGraph = readCachedProjectGraph();
  } catch {
    console.error('report: Nx has cached no project graph here yet; run `npx nx run e2e-report:report` instead.');
    return 1;
  }
  const context = { root: findWorkspaceRoot(), cwd: process.cwd(), projectGraph } as ExecutorContext;
  const { success } = await reportExecutor(options, context);
  return success ? 0 : 1;
}

void main().then((code) => (process.exitCode = code));
