import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findWorkspaceRoot, isProcessAlive } from '@streamkit/e2e-contract';
import { describe, expect, test } from 'vitest';
import { descendants } from '../testing/process-tree.ts';

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

/** The postmaster listening on `port` (its command line names the port), and its data folder. */
function postmasterOn(port: string): { pid: number; data: string } | undefined {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const command = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (command[0]?.endsWith('/postgres') && command.join(' ').includes(`-p ${port} `))
        return { pid: Number(entry), data: command[command.indexOf('-D') + 1]! };
    } catch {
      // gone while we looked
    }
  }
  return undefined;
}

// A stack that Nx SIGKILLs (a continuous task past its grace period: Nx kills its whole tree)
// runs no clean-up; its PostgreSQL, a daemon outside the tree, must still go.
describe('PostgreSQL of a stack whose process tree was SIGKILLed', () => {
  test('is stopped by its guard, and its folder removed', { timeout: 90_000 }, async () => {
    const owner = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        `import { ServiceGroup } from ${JSON.stringify(here('../service-group.ts'))};
         import { startPostgres } from ${JSON.stringify(here('./postgres.ts'))};
         const group = new ServiceGroup(process.cwd());
         const url = await startPostgres(group);
         console.log('up', url, group.logDir);
         setInterval(() => {}, 1000);`,
      ],
      { cwd: findWorkspaceRoot(), stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    owner.stdout.on('data', (chunk: Buffer) => (output += chunk));
    owner.stderr.on('data', (chunk: Buffer) => (output += chunk));
    let postmaster: { pid: number; data: string } | undefined;
    let logDir: string | undefined;
    try {
      await expect.poll(() => output, { timeout: 60_000, message: 'PostgreSQL up' }).toMatch(/^up /m);
      const [, port, dir] = output.match(/^up postgres:\/\/\S+:(\d+)\/\S+ (\S+)/m)!;
      logDir = dir;
      postmaster = postmasterOn(port!);
      expect(postmaster, `a postmaster on port ${port}`).toBeDefined();

      for (const pid of [owner.pid!, ...descendants(owner.pid!)]) process.kill(pid, 'SIGKILL');
      await expect
        .poll(() => isProcessAlive(postmaster!.pid), { timeout: 30_000, message: 'the postmaster still runs' })
        .toBe(false);
      await expect.poll(() => existsSync(dirname(postmaster!.data)), { timeout: 5_000 }).toBe(false);
    } finally {
      if (owner.exitCode === null && owner.signalCode === null) owner.kill('SIGKILL');
      if (logDir) rmSync(logDir, { recursive: true, force: true });
    }
  });
});
