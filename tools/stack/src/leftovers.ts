import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isProcessAlive } from '@streamkit/e2e-contract';

interface Recorded {
  pid: number;
  command: string;
}

const PID_FILE = /^stack-(\d+)\.pids$/;

function commandLine(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return undefined;
  }
}

/**
 * Kills the processes that stacks which died without stopping them (SIGKILLed) left behind, so
 * a crashed run cannot leave servers up for ever. Each stack records its children in
 * `stack-<its pid>.pids`; only files whose stack is gone are acted on, and a pid is only killed
 * if it still runs the recorded command, never a process that merely reused the number.
 */
export function killLeftovers(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const killed: string[] = [];
  for (const file of readdirSync(dir)) {
    const owner = file.match(PID_FILE)?.[1];
    if (!owner || isProcessAlive(Number(owner))) continue;
    for (const { pid, command } of JSON.parse(readFileSync(join(dir, file), 'utf8')) as Recorded[]) {
      if (commandLine(pid)?.startsWith(command)) {
        process.kill(pid, 'SIGKILL');
        killed.push(`${pid} ${command}`);
      }
    }
    rmSync(join(dir, file), { force: true });
  }
  return killed;
}

export const pidFile = (dir: string) => join(dir, `stack-${process.pid}.pids`);

/** Records this stack's children, so a later stack can clean up if this one is killed. */
export function recordPids(dir: string, pids: number[]): void {
  const recorded = pids.flatMap((pid) => {
    const command = commandLine(pid);
    return command ? [{ pid, command }] : [];
  });
  writeFileSync(pidFile(dir), JSON.stringify(recorded));
}
