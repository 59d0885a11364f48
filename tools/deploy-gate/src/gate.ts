import { externalTarget, TargetError } from '@streamkit/e2e-contract';
import { postToSlack, redactWebhook } from '@streamkit/e2e-report';
import { gateMessage } from './message.ts';
import { runCommand } from './shell.ts';
import { runSuite } from './suite.ts';
import { judge, type Verdict } from './verdict.ts';

export interface GateOptions {
  root: string;
  /** The colour just deployed and under test, and the one serving traffic now. */
  idle: string;
  live: string;
  /** Shell lines the platform gives: point traffic at the idle colour / undo the idle deploy. */
  switchCommand: string;
  rollbackCommand: string;
  /** Holds the idle colour's E2E_* variables; SLACK_WEBHOOK_URL and E2E_REPORT_URL when set. */
  env: NodeJS.ProcessEnv;
  nxArgs: string[];
  resultsDir: string;
  /** A file for the suite's output; unset, it is passed through. */
  suiteOutput?: string;
  log?: (line: string) => void;
  /** How the suite is run; tests of the decisions alone give a stand-in. */
  suite?: typeof runSuite;
}

export type Decision = 'switched' | 'rolled-back' | 'failed';

export interface GateOutcome {
  decision: Decision;
  verdict: Verdict;
  /** What the gate did and what went wrong doing it, beyond the suite's verdict. */
  notes: string[];
}

/**
 * The deploy gate: the suite against the idle colour decides. Green → the switch command runs
 * and the idle colour takes the traffic. Anything else → the rollback command runs and the live
 * colour keeps it. Either way it says why, and posts one Slack message when SLACK_WEBHOOK_URL is
 * set. Only `switched` is a successful deploy.
 */
export async function runGate(options: GateOptions): Promise<GateOutcome> {
  const log = options.log ?? ((line: string) => console.log(line));
  const commandEnv = { ...options.env, DEPLOY_IDLE_COLOUR: options.idle, DEPLOY_LIVE_COLOUR: options.live };
  const notes: string[] = [];

  let verdict: Verdict;
  try {
    const target = externalTarget(options.env);
    log(`deploy gate: running the suite against ${options.idle} (${target.apiUrl}) while ${options.live} stays live`);
    const suite = options.suite ?? runSuite;
    verdict = judge(
      await suite({
        root: options.root,
        env: options.env,
        nxArgs: options.nxArgs,
        resultsDir: options.resultsDir,
        outputFile: options.suiteOutput,
      }),
    );
  } catch (error) {
    if (!(error instanceof TargetError)) throw error;
    verdict = {
      green: false,
      summary: 'not run',
      reasons: [`the idle colour is not fully described: ${error.message}`],
    };
  }

  let decision: Decision;
  if (verdict.green) {
    log(`deploy gate: ${options.idle} is green (${verdict.summary}); switching traffic to it`);
    const code = await runCommand(options.switchCommand, commandEnv, options.root);
    if (code === 0) decision = 'switched';
    else {
      // The deploy did not go out and the switch itself is broken: a failure, after the rollback.
      notes.push(`the switch command exited with ${code}; rolled back so ${options.live} keeps the traffic`);
      await rollback(options, commandEnv, notes);
      decision = 'failed';
    }
  } else {
    log(`deploy gate: ${options.idle} is not green (${verdict.summary}); rolling back, ${options.live} stays live`);
    decision = (await rollback(options, commandEnv, notes)) ? 'rolled-back' : 'failed';
  }

  const outcome: GateOutcome = { decision, verdict, notes };
  for (const line of describe(outcome, options)) log(line);
  await notify(outcome, options, log);
  return outcome;
}

async function rollback(options: GateOptions, env: NodeJS.ProcessEnv, notes: string[]): Promise<boolean> {
  const code = await runCommand(options.rollbackCommand, env, options.root);
  if (code !== 0)
    notes.push(`the rollback command exited with ${code}: check by hand that ${options.live} still serves the traffic`);
  return code === 0;
}

/** The lines that end the gate's output: the decision, then why. */
export function describe(outcome: GateOutcome, { idle, live }: Pick<GateOptions, 'idle' | 'live'>): string[] {
  const headline = {
    switched: `deploy gate: SWITCHED — ${idle} passed (${outcome.verdict.summary}) and now takes the traffic; ${live} is idle`,
    'rolled-back': `deploy gate: ROLLED BACK — ${idle} did not pass (${outcome.verdict.summary}); ${live} stays live`,
    failed: `deploy gate: FAILED — ${idle} was not switched to; see below`,
  }[outcome.decision];
  const why = [...outcome.verdict.reasons, ...outcome.notes];
  return [headline, ...(why.length > 0 ? ['why:', ...why.map((reason) => `  - ${reason}`)] : [])];
}

async function notify(outcome: GateOutcome, options: GateOptions, log: (line: string) => void): Promise<void> {
  const webhook = options.env.SLACK_WEBHOOK_URL;
  if (!webhook) return;
  const reportLocation = options.env.E2E_REPORT_URL || `${options.resultsDir}/report.html`;
  const posted = await postToSlack(webhook, gateMessage(describe(outcome, options), reportLocation));
  // Slack being down changes nothing about the deploy: say so and go on.
  if (!posted.ok) log(`deploy gate: could not post to Slack (${redactWebhook(webhook)}): ${posted.problem}`);
}
