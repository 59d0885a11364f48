import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { logger, type ExecutorContext } from '@nx/devkit';
import { currentRunId } from '@streamkit/e2e-contract';
import {
  aggregate,
  failOnFlaky,
  type PhaseNode,
  postToSlack,
  QUARANTINE_FILE,
  redactWebhook,
  renderConsole,
  renderHtml,
  renderJunit,
  renderSlack,
  type RunReport,
} from '@streamkit/e2e-report';
import { findPhases } from './find-phases.ts';
import { readPhaseResults } from './read-results.ts';
import { readQuarantine } from './read-quarantine.ts';
import type { ReportExecutorOptions } from './schema';

/**
 * Aggregates whatever the phases produced. It must not depend on the phase targets: it runs
 * after `nx run-many -t e2e` even when phases failed, and its exit code is the run's verdict.
 * The environment says how strict to be and where to tell: E2E_FAIL_ON_FLAKY, E2E_RUN_ID (or the
 * run file `run-e2e.sh` keeps), SLACK_WEBHOOK_URL, E2E_REPORT_URL. The quarantine file (`quarantineFile`) lets listed tests
 * fail without failing the run until their entry expires.
 */
export default async function reportExecutor(
  options: ReportExecutorOptions,
  context: ExecutorContext,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ success: boolean }> {
  const resultsDir = resolve(context.root, options.resultsDir);
  const shown = (file: string) => relative(context.root, resolve(context.root, file));

  let phases;
  try {
    phases = selectPhases(findPhases(context.projectGraph, options.target), options.phases);
  } catch (error) {
    return fail(
      `Could not work out the e2e phases from the Nx graph (target "${options.target}")`,
      [(error as Error).message],
      'Run `npx nx graph` to see the dependsOn entries Nx rejects, fix them, and run the report again.',
    );
  }

  const { results, unreadable } = readPhaseResults(
    context.root,
    resultsDir,
    phases.map((p) => p.name),
  );
  // A pure function of the results files and the quarantine file (a declared input of the
  // target): everything about a phase, coverage included, is in its own results.
  const report: RunReport = aggregate(phases, results, {
    unreadable,
    failOnFlaky: failOnFlaky(env),
    runId: currentRunId(env, context.root),
    quarantine: readQuarantine(context.root, options.quarantineFile ?? QUARANTINE_FILE),
  });
  logger.info(renderConsole(report));

  const outputs: [file: string, render: () => string][] = [
    [options.outputFile, () => `${JSON.stringify(report, null, 2)}\n`],
    [options.junitFile, () => renderJunit(report, results)],
    [options.htmlFile, () => renderHtml(report, { pageDir: dirname(shown(options.htmlFile)) })],
  ];
  for (const [file, render] of outputs) {
    try {
      const path = resolve(context.root, file);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, render());
    } catch (error) {
      return fail(
        `Could not write ${shown(file)}`,
        [(error as Error).message],
        'Check that the folder is writable, or set the executor options outputFile, junitFile and htmlFile.',
      );
    }
  }

  const webhook = env.SLACK_WEBHOOK_URL;
  if (webhook) {
    const reportLocation = env.E2E_REPORT_URL || shown(options.htmlFile);
    const posted = await postToSlack(webhook, renderSlack(report, { reportLocation }));
    // Slack being down must not turn a green run red, nor hide a red one: say so and go on.
    if (!posted.ok) logger.warn(`Slack: could not post the report to ${redactWebhook(webhook)}: ${posted.problem}`);
  }
  return { success: report.verdict === 'passed' };
}

/**
 * The phases a run selected, with every phase they wait for: a run of `--projects=e2e-flows-api`
 * also ran smoke and health, and says nothing about the UI phases.
 */
export function selectPhases(phases: PhaseNode[], selected: string[] | undefined): PhaseNode[] {
  if (!selected) return phases;
  const byName = new Map(phases.map((phase) => [phase.name, phase]));
  const unknown = selected.filter((name) => !byName.has(name));
  if (unknown.length > 0) throw new Error(`not phases of this workspace: ${unknown.join(', ')}`);
  const keep = new Set<string>();
  const visit = (name: string) => {
    if (keep.has(name)) return;
    keep.add(name);
    byName.get(name)!.dependsOn.forEach(visit);
  };
  selected.forEach(visit);
  return phases.filter((phase) => keep.has(phase.name));
}

function fail(title: string, lines: string[], whatToDo: string): { success: false } {
  logger.error(`\n${title}\n${lines.map((l) => `  ${l}`).join('\n')}\n${whatToDo}\n`);
  return { success: false };
}
