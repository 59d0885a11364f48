import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findWorkspaceRoot, stackDir, TARGET_VARIABLES, type StackInfo } from '@streamkit/e2e-contract';
import { LocalStack } from '@streamkit/stack/local-stack';
import { runGate, type GateOptions } from './gate.ts';

/**
 * The gate against two real local stacks, as a deploy would meet a good and a bad idle colour:
 * "green" is healthy, "blue" had its storage stopped. The suite the gate runs is the health phase
 * only (`--projects=e2e-health`), the quickest one that sees a broken service.
 */
const root = findWorkspaceRoot(new URL('.', import.meta.url).pathname);
const scratch = mkdtempSync(join(tmpdir(), 'deploy-gate-test-'));
// As root the stack runs PostgreSQL as `postgres`, which writes its log under the stack's folder.
chmodSync(scratch, 0o755);
const healthy = new LocalStack(root, join(scratch, 'green-stack'));
const broken = new LocalStack(root, join(scratch, 'blue-stack'));
let healthyInfo: StackInfo;
let brokenInfo: StackInfo;

const slack: { server?: Server; url?: string; messages: { text: string; blocks: { text: { text: string } }[] }[] } = {
  messages: [],
};

beforeAll(async () => {
  slack.server = createServer((request, response) => {
    let body = '';
    request
      .on('data', (chunk: Buffer) => (body += chunk))
      .on('end', () => {
        slack.messages.push(JSON.parse(body));
        response.end('ok');
      });
  });
  await new Promise<void>((resolve) => slack.server!.listen(0, '127.0.0.1', resolve));
  slack.url = `http://127.0.0.1:${(slack.server.address() as AddressInfo).port}/services/T/B/secret`;

  // One after the other: two boots in one process would build the web app into one folder.
  healthyInfo = await healthy.start();
  brokenInfo = await broken.start();
  await broken.stopService('storage');
});

afterAll(async () => {
  await Promise.allSettled([healthy.stop(), broken.stop()]);
  await new Promise((resolve) => slack.server?.close(resolve));
  rmSync(scratch, { recursive: true, force: true });
});

/** The E2E_* variables that describe a stack, as a deploy pipeline would set them for a colour. */
function variablesOf(info: StackInfo): Record<string, string> {
  return Object.fromEntries(
    Object.entries(TARGET_VARIABLES).map(([field, name]) => [
      name,
      String(info[field as keyof typeof TARGET_VARIABLES]),
    ]),
  );
}

function gateOptions(idle: string, live: string, variables: Record<string, string>): GateOptions & { lines: string[] } {
  const lines: string[] = [];
  const marks = join(scratch, `${idle}-marks`);
  return {
    root,
    idle,
    live,
    // What a platform's commands would do, observable: which colour each one was told about.
    switchCommand: `mkdir -p ${marks} && echo "$DEPLOY_IDLE_COLOUR from $DEPLOY_LIVE_COLOUR" > ${marks}/switched`,
    rollbackCommand: `mkdir -p ${marks} && echo "$DEPLOY_IDLE_COLOUR kept $DEPLOY_LIVE_COLOUR" > ${marks}/rolled-back`,
    env: {
      ...process.env,
      ...variables,
      SLACK_WEBHOOK_URL: slack.url,
      E2E_REPORT_URL: `https://ci.example/runs/${idle}`,
    },
    nxArgs: ['--projects=e2e-health'],
    resultsDir: join(scratch, `${idle}-results`),
    suiteOutput: join(scratch, `${idle}-suite.log`),
    log: (line) => void lines.push(line),
    lines,
  };
}

const mark = (idle: string, name: string) => {
  const file = join(scratch, `${idle}-marks`, name);
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : undefined;
};
const suiteLog = (idle: string) => readFileSync(join(scratch, `${idle}-suite.log`), 'utf8');

// One gate at a time, as deploys go: two suites at once would share one `stack:serve` task in Nx.
describe('the deploy gate', () => {
  it('switches traffic to an idle colour that passes the suite, and says so on Slack', async () => {
    const options = gateOptions('green', 'blue', variablesOf(healthyInfo));
    const outcome = await runGate(options);

    expect(outcome.decision, suiteLog('green')).toBe('switched');
    expect(outcome.verdict).toMatchObject({ green: true, reasons: [] });
    expect(mark('green', 'switched')).toBe('green from blue');
    expect(mark('green', 'rolled-back')).toBeUndefined();
    expect(options.lines.at(-1)).toMatch(/^deploy gate: SWITCHED — green passed \(\d+ passed, 0 failed, 0 skipped\)/);
    // The suite ran against this stack, into the gate's own folder.
    const report = JSON.parse(readFileSync(join(options.resultsDir, 'report.json'), 'utf8'));
    expect(report.phases.map((p: { name: string; status: string }) => [p.name, p.status])).toEqual([
      ['e2e-health', 'passed'],
    ]);
    const message = slack.messages.find((m) => m.text.includes('green passed'))!;
    expect(message.text).toContain('SWITCHED');
    expect(message.blocks[0]!.text.text).toContain('<https://ci.example/runs/green|the e2e report>');
  });

  it('rolls back and keeps the live colour when the idle one is broken, naming what failed', async () => {
    const options = gateOptions('blue', 'green', variablesOf(brokenInfo));
    const outcome = await runGate(options);

    expect(outcome.decision, suiteLog('blue')).toBe('rolled-back');
    expect(mark('blue', 'rolled-back')).toBe('blue kept green');
    expect(mark('blue', 'switched')).toBeUndefined();
    expect(outcome.verdict.reasons[0]).toBe('e2e-health failed');
    expect(outcome.verdict.reasons.slice(1).join('\n')).toMatch(/^e2e-health › .*storage/im);
    const output = options.lines.join('\n');
    expect(output).toMatch(
      /deploy gate: ROLLED BACK — blue did not pass \(\d+ passed, [1-9]\d* failed, \d+ skipped\); green stays live\nwhy:\n {2}- e2e-health failed/,
    );
    expect(slack.messages.find((m) => m.text.includes('blue did not pass'))?.text).toContain('ROLLED BACK');
  });

  it('stops both stacks and leaves no process behind', async () => {
    const recorded = [join(scratch, 'green-stack'), join(scratch, 'blue-stack')].flatMap((stateRoot) => {
      const file = join(stackDir(stateRoot), `stack-${process.pid}.pids`);
      return JSON.parse(readFileSync(file, 'utf8')) as { pid: number; command: string }[];
    });
    expect(recorded.length).toBeGreaterThanOrEqual(10); // postgres, redis, mail, storage, api, web, twice
    await Promise.all([healthy.stop(), broken.stop()]);
    const stillRunning = () => recorded.filter(({ pid, command }) => commandOf(pid)?.startsWith(command));
    await expect.poll(stillRunning, { timeout: 10_000 }).toEqual([]);
  });
});

function commandOf(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return undefined;
  }
}
