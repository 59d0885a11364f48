import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { findWorkspaceRoot, pollUntil, standaloneNxEnv } from '@streamkit/e2e-contract';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { processesOfRun, runSuite } from './fault-injection/run-suite.ts';
import { scratchClone, type ScratchClone } from './testing/scratch-clone.ts';

/**
 * A rerun with nothing changed boots nothing (issue 8): `run-e2e.sh e2e --projects=e2e-health`
 * twice in a scratch clone of this commit, each run as a person starts it: no E2E_RUN_ID (the run
 * file carries it) and Nx's daemon on, as run-e2e.sh has it outside CI, so the cache hits are
 * proven on the hashes the daemon computes. The first must run the phase (a throwaway line in its
 * README gives it a hash no cache holds), so its stack boots; the second is a cache hit
 * throughout, and Nx's `stack:serve` must start no service. The stack's own marker says whether it
 * booted: `LocalStack.start` creates `.e2e/logs/` before it starts anything. A variable of the
 * spec's own marks every process of both runs, so none may be left once the daemon is stopped.
 */
const FIRST_RUN_BOUND_MS = 300_000; // a stack boot and the health phase, on 2 busy cores
// ~2 s on a quiet machine (README, "Benchmark"). The proof is the marker, not the clock: the bound
// only stops a hung run, with room for npm test's load on 2 cores.
const RERUN_BOUND_MS = 90_000;
const ROOT = findWorkspaceRoot();
const MARK = 'RERUN_SPEC_RUN';
const mark = `rerun${randomBytes(6).toString('hex')}`;
const leftovers = () => processesOfRun(mark, MARK);
// The daemon and its plugin workers outlive a run by design; the stack's processes must not.
const isNxDaemon = (command: string) => /node_modules\/nx\/.*(daemon\/server|plugins\/isolation)/.test(command);

let clone: ScratchClone;
beforeAll(() => {
  clone = scratchClone(ROOT, 'stack-rerun-');
  clone.change('apps/e2e-health/README.md', `rerun.spec ${randomBytes(6).toString('hex')}: a hash no cache holds`);
});
afterAll(() => {
  if (!clone) return;
  stopDaemon();
  clone.remove();
});

function stopDaemon() {
  spawnSync('node_modules/.bin/nx', ['daemon', '--stop'], { cwd: clone.dir, env: standaloneNxEnv(process.env) });
}

async function runHealth(boundMs: number) {
  const run = await runSuite(
    clone.dir,
    ['e2e', '--projects=e2e-health'],
    { E2E_TARGET: 'local', E2E_RUN_ID: '', NX_DAEMON: 'true', [MARK]: mark },
    boundMs,
  );
  // Nx colours its output under CI=true: `[local cache]` comes wrapped in escape codes.
  const output = stripVTControlCharacters(run.output);
  const tail = output.slice(-4000);
  expect(run.killed, `the run outlived ${boundMs / 1000} s and was killed\n${tail}`).toBe(false);
  expect(run.exitCode, tail).toBe(0);
  expect(output).toMatch(/^e2e: [1-9]\d* passed, 0 failed/m);
  // The stack stops PostgreSQL last, with a fast shutdown that takes seconds on busy cores, and
  // Nx may return before it is done: what counts is that it goes.
  const stackLeft = () => leftovers().filter((p) => !isNxDaemon(p.command));
  await pollUntil('no process of the run left', async () => stackLeft().length === 0, {
    timeoutMs: 30_000,
  }).catch(() => undefined);
  expect(stackLeft(), 'processes the run left behind').toEqual([]);
  return { ...run, output, tail };
}

describe('npm run e2e, twice with nothing changed', () => {
  test(
    'the first run boots the stack for the phase; the rerun is all cache hits and boots no service',
    { timeout: FIRST_RUN_BOUND_MS + RERUN_BOUND_MS + 90_000 },
    async () => {
      const logs = join(clone.dir, '.e2e/logs');
      const first = await runHealth(FIRST_RUN_BOUND_MS);
      expect(first.output, first.tail).toMatch(/stack: booting, asked for by pid \d+/);
      expect(existsSync(join(logs, 'postgres.log')), 'the first run booted PostgreSQL').toBe(true);
      rmSync(logs, { recursive: true, force: true });

      const second = await runHealth(RERUN_BOUND_MS);
      expect(second.output, second.tail).toMatch(/nx run e2e-health:e2e\s+\[local cache\]/);
      expect(second.output, second.tail).not.toMatch(/stack: booting|stack: up in/);
      expect(existsSync(logs), 'the rerun started a service (.e2e/logs/ was created)').toBe(false);
      expect(second.elapsedMs).toBeLessThan(RERUN_BOUND_MS);
      expect(existsSync(join(clone.dir, '.e2e/run-id')), 'the run file outlived its run').toBe(false);

      stopDaemon();
      await pollUntil('no process of either run left', async () => leftovers().length === 0, {
        timeoutMs: 30_000,
      }).catch(() => undefined);
      expect(leftovers(), 'processes left once the daemon stopped').toEqual([]);
    },
  );
});
