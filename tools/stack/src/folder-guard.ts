import { spawn, type SpawnSyncOptions } from 'node:child_process';

/**
 * What a guard runs, in a Node of its own: every 250 ms, exit once `doneWhenGone` is gone (the
 * stack cleaned up by itself); once the owner is gone instead, run the stop command if there is
 * one, remove the folder, and exit.
 */
const GUARD = `
const { existsSync, rmSync } = require('node:fs');
const { spawnSync } = require('node:child_process');
const [owner, doneWhenGone, folder, stop] = process.argv.slice(1);
const alive = (pid) => { try { process.kill(pid, 0); return true; } catch (e) { return e.code === 'EPERM'; } };
setInterval(() => {
  if (!existsSync(doneWhenGone)) process.exit(0);
  if (alive(Number(owner))) return;
  if (stop) { const { command, args, options } = JSON.parse(stop); spawnSync(command, args, { ...options, stdio: 'ignore' }); }
  rmSync(folder, { recursive: true, force: true });
  process.exit(0);
}, 250);
`;

/**
 * A stack SIGKILLed before its clean-up (Nx force-kills a continuous task that outlives its grace
 * period, which a busy machine reaches) would leave its scratch folders, and its PostgreSQL, a
 * daemon outside the stack's process tree, running. A guard, outside the tree too, watches `owner`
 * (the stack's pid): when the owner dies first, it runs `stopFirst` (PostgreSQL's immediate stop)
 * and removes `folder`; it exits by itself once `doneWhenGone` (by default the folder) is gone.
 */
export function guardFolder(opts: {
  owner: number;
  folder: string;
  doneWhenGone?: string;
  stopFirst?: { command: string; args: string[]; options?: Pick<SpawnSyncOptions, 'uid' | 'gid' | 'cwd'> };
}): void {
  const { owner, folder, doneWhenGone = folder, stopFirst } = opts;
  const args = [String(owner), doneWhenGone, folder, stopFirst ? JSON.stringify(stopFirst) : ''];
  // `setsid -f` forks and exits: the guard is reparented away from the stack at once, so a kill
  // of the stack's whole tree (Nx walks it by parent pid) does not reach it.
  const guard = spawn('setsid', ['-f', process.execPath, '-e', GUARD, ...args], { stdio: 'ignore' });
  guard.unref();
}
