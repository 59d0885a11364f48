import { spawn } from 'node:child_process';
import { findWorkspaceRoot, isProcessAlive } from '@streamkit/e2e-contract';
import { describe, expect, test } from 'vitest';
import { STOP_SIGNALS } from './stop-signals.ts';
import { descendants } from './testing/process-tree.ts';

/**
 * `npm run stack`, the command a user starts, stops with everything it started on any of the
 * stop signals sent to npm itself (npm forwards only SIGINT and SIGTERM; SIGHUP ends npm alone).
 * With E2E_TARGET=external the stack idles instead of booting: the same stop path, in a second.
 */
describe('npm run stack', () => {
  test.each(STOP_SIGNALS)('stops, with everything it started, on %s to npm', { timeout: 20_000 }, async (signal) => {
    const npm = spawn('npm', ['run', '--silent', 'stack'], {
      cwd: findWorkspaceRoot(),
      env: { ...process.env, E2E_TARGET: 'external' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    npm.stdout.on('data', (chunk: Buffer) => (output += chunk));
    npm.stderr.on('data', (chunk: Buffer) => (output += chunk));
    const npmExited = new Promise((resolve) => npm.once('exit', resolve));
    let started: number[] = [];
    try {
      await expect
        .poll(() => output, { timeout: 15_000, message: 'the stack saying it is up (idle)' })
        .toMatch(/starting nothing/);
      started = descendants(npm.pid!);
      expect(started.length, 'processes under npm').toBeGreaterThan(0);

      npm.kill(signal);
      await npmExited;
      await expect
        .poll(() => started.filter(isProcessAlive), {
          timeout: 5000,
          message: `processes npm started, still running after ${signal}`,
        })
        .toEqual([]);
    } finally {
      // Only what this test started and a failed run may have left behind.
      for (const pid of started.filter(isProcessAlive)) process.kill(pid, 'SIGKILL');
      if (npm.exitCode === null && npm.signalCode === null) npm.kill('SIGKILL');
    }
  });
});
