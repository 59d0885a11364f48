import { spawn } from 'node:child_process';

/**
 * Runs a switch or rollback command as the platform gives it (a shell line), with its output
 * passed through, and resolves with its exit code. Never throws: a command that cannot start is
 * a failed command the gate reports.
 */
export function runCommand(command: string, env: NodeJS.ProcessEnv, cwd: string): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn('sh', ['-c', command], { cwd, env, stdio: ['ignore', 'inherit', 'inherit'] });
    child.once('error', () => resolve(127));
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}
