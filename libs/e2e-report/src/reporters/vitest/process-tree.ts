import { execFileSync } from 'node:child_process';

/** How long descendants get to exit after SIGTERM before SIGKILL. */
const GRACE_MS = 2000;

/**
 * Stops every descendant of `pid` (not `pid` itself): SIGTERM, then SIGKILL for any still alive
 * after a short grace. Synchronous, because it runs right before `process.exit`. Never throws:
 * a process that is already gone is what we wanted.
 */
export function stopDescendants(pid: number, graceMs = GRACE_MS): number[] {
  const targets = descendants(pid);
  for (const child of targets) signal(child, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  let alive = targets.filter(isAlive);
  while (alive.length > 0 && Date.now() < deadline) {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
    alive = alive.filter(isAlive);
  }
  for (const child of alive) signal(child, 'SIGKILL');
  return targets;
}

/** Children, grandchildren… of `pid`, from `ps` (Linux and macOS); empty when `ps` is missing. */
export function descendants(pid: number): number[] {
  let table: string;
  try {
    table = execFileSync('ps', ['-A', '-o', 'pid=,ppid='], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return [];
  }
  const children = new Map<number, number[]>();
  for (const line of table.split('\n')) {
    const [child, parent] = line.trim().split(/\s+/).map(Number);
    if (!child || parent === undefined || Number.isNaN(parent)) continue;
    children.set(parent, [...(children.get(parent) ?? []), child]);
  }
  const found: number[] = [];
  const queue = [...(children.get(pid) ?? [])];
  while (queue.length > 0) {
    const next = queue.shift()!;
    if (found.includes(next)) continue;
    found.push(next);
    queue.push(...(children.get(next) ?? []));
  }
  return found;
}

/** Alive and not a zombie (a zombie has exited; only its parent's wait is missing). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const state = execFileSync('ps', ['-o', 'stat=', '-p', String(pid)], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    return state !== '' && !state.startsWith('Z');
  } catch {
    return false; // ps exits 1 when the process is gone
  }
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // already gone
  }
}
