import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { findWorkspaceRoot, pollUntil } from '@streamkit/e2e-contract';
import { apiAnswering500, deadPort } from './broken-services.ts';
import { startHealthyServices, type TargetEnv } from './healthy-services.ts';
import { processesOfRun, runSuite } from './run-suite.ts';

/**
 * Each fault is one real run of `run-e2e.sh e2e --projects=e2e-health,e2e-smoke-api` (three Nx
 * invocations, the health phase, the report) against an external target whose services are real
 * and healthy except one. The bound is for one whole run, spawn to exit: ~40 s alone on 2 idle
 * cores; 130–150 s measured with three runs at a time on 2 cores at load average ~45.
 */
const RUN_BOUND_MS = 240_000;
const ROOT = findWorkspaceRoot();

interface Fault {
  service: 'api' | 'database' | 'redis' | 'storage' | 'mail';
  variable: keyof TargetEnv;
  /** The broken value of the variable. */
  broken: () => Promise<string>;
}

let healthy: Awaited<ReturnType<typeof startHealthyServices>>;
let failingApi: Awaited<ReturnType<typeof apiAnswering500>>;

const FAULTS: Fault[] = [
  { service: 'redis', variable: 'E2E_REDIS_URL', broken: async () => `redis://127.0.0.1:${await deadPort()}` },
  {
    service: 'database',
    variable: 'E2E_DATABASE_URL',
    broken: async () => `postgres://postgres@127.0.0.1:${await deadPort()}/streamkit`,
  },
  { service: 'storage', variable: 'E2E_STORAGE_URL', broken: async () => `http://127.0.0.1:${await deadPort()}` },
  { service: 'mail', variable: 'E2E_MAIL_URL', broken: async () => `http://127.0.0.1:${await deadPort()}` },
  { service: 'api', variable: 'E2E_API_URL', broken: async () => failingApi.url },
];

beforeAll(async () => {
  [healthy, failingApi] = await Promise.all([startHealthyServices(ROOT), apiAnswering500()]);
}, 120_000);

afterAll(async () => {
  await Promise.all([healthy?.stop(), failingApi?.close()]);
});

// Three at a time (maxConcurrency in vitest.config.ts): five in a row would take over three minutes.
describe.concurrent('fault injection: one service broken, the rest healthy', () => {
  test.for(FAULTS)(
    '$service down: health fails naming it and what to do, smoke-api is not run, nothing is left behind',
    { timeout: RUN_BOUND_MS + 30_000 },
    async (fault) => {
      const resultsDir = mkdtempSync(join(tmpdir(), `streamkit-fault-${fault.service}-`));
      const runId = `fault${fault.service}${randomBytes(3).toString('hex')}`;
      try {
        const run = await runSuite(
          ROOT,
          ['e2e', '--projects=e2e-health,e2e-smoke-api'],
          {
            ...healthy.env,
            [fault.variable]: await fault.broken(),
            E2E_TARGET: 'external',
            E2E_RESULTS_DIR: resultsDir,
            E2E_RUN_ID: runId,
            // A daemon would outlive the run by design; this run must leave nothing.
            NX_DAEMON: 'false',
          },
          RUN_BOUND_MS,
        );
        const tail = run.output.slice(-4000);
        expect(run.killed, `the run outlived ${RUN_BOUND_MS / 1000} s and was killed\n${tail}`).toBe(false);
        expect(run.exitCode, tail).not.toBe(0);
        expect(run.elapsedMs).toBeLessThan(RUN_BOUND_MS);

        const report = JSON.parse(readFileSync(join(resultsDir, 'report.json'), 'utf8')) as {
          phases: { name: string; status: string; notRunReason?: string }[];
          failures: { phase: string; error: { message: string } }[];
        };
        const phase = (name: string) => report.phases.find((p) => p.name === name);
        expect(phase('e2e-health')?.status, tail).toBe('failed');
        expect(phase('e2e-smoke-api')).toMatchObject({ status: 'not-run', notRunReason: 'e2e-health failed' });
        const explained = report.failures.find(
          (f) => f.phase === 'e2e-health' && f.error.message.startsWith(`${fault.service} is down`),
        );
        expect(explained?.error.message, `no health failure says "${fault.service} is down"\n${tail}`).toMatch(
          /What to do: check that E2E_\w+ points at/,
        );
        // What a person reads at the end of the run says it too.
        expect(run.output).toContain(`${fault.service} is down`);
        expect(run.output).toMatch(/e2e-smoke-api\s.*not run: e2e-health failed/);

        // Children are reaped a moment after the parent exits.
        await pollUntil('no process of the run left', async () => processesOfRun(runId).length === 0, {
          timeoutMs: 5_000,
        }).catch(() => undefined);
        expect(processesOfRun(runId)).toEqual([]);
      } finally {
        rmSync(resultsDir, { recursive: true, force: true });
      }
    },
  );
});
