import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pollUntil, readLiveStack, readStackError, standaloneNxEnv } from '@streamkit/e2e-contract';

/**
 * The local stack of the scratch copy, started with the very command `nx run stack:serve` runs
 * (read from the stack project's package.json, so a change to how the stack boots is followed),
 * and found by the phases the way they always find it: `.e2e/stack.json`. Each mutant gets a
 * fresh one: migrations run again (SQL mutants take effect), and no counter, session or row of
 * one mutant's run is seen by the next.
 */
export class ScratchStack {
  private constructor(private readonly child: ChildProcess) {}

  static async boot(dir: string, logFile: string, timeoutMs = 240_000): Promise<ScratchStack> {
    const started = Date.now();
    const command = serveCommand(dir);
    const log = createWriteStream(logFile);
    const child = spawn(command[0]!, command.slice(1), {
      cwd: dir,
      env: { ...standaloneNxEnv(process.env), E2E_TARGET: 'local' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    child.stdout!.pipe(log);
    child.stderr!.pipe(log);
    const stack = new ScratchStack(child);
    try {
      await pollUntil(
        'the scratch stack',
        async () => {
          if (child.exitCode !== null)
            throw new StackBootError(`the stack exited with ${child.exitCode}; see ${logFile}`);
          const error = readStackError(started, dir);
          if (error) throw new StackBootError(error);
          return readLiveStack(dir) !== undefined || undefined;
        },
        { timeoutMs, intervalMs: 250, fatal: StackBootError },
      );
    } catch (error) {
      await stack.stop();
      throw error instanceof StackBootError ? error : new StackBootError(String(error));
    }
    return stack;
  }

  /** SIGTERM (the stack stops its services), then SIGKILL for the whole group if it lingers. */
  async stop(): Promise<void> {
    const { child } = this;
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    }, 60_000);
    await exited;
    clearTimeout(timer);
    // A service the stack had not tracked yet when it was told to stop (mid-boot) is still in the group.
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // nothing left
    }
  }
}

export class StackBootError extends Error {}

function serveCommand(dir: string): string[] {
  const pkg = JSON.parse(readFileSync(join(dir, 'tools/stack/package.json'), 'utf8')) as {
    nx?: { targets?: { serve?: { command?: string } } };
  };
  const command = pkg.nx?.targets?.serve?.command;
  if (!command) throw new Error('tools/stack/package.json has no nx.targets.serve.command to boot the stack with');
  return command.split(/\s+/);
}
