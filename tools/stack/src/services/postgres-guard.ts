import { spawn } from 'node:child_process';

/**
 * What the guard runs, in a Node of its own: every 250 ms, exit once the server has stopped
 * (its postmaster.pid is gone: the stack stopped it); once the owner is gone instead, stop the
 * server (immediate: the data is thrown away), remove its folder, and exit.
 */
const GUARD = `
const { existsSync, rmSync } = require('node:fs');
const { spawnSync } = require('node:child_process');
const [owner, pidFile, pgCtl, data, dataDir, uid, gid] = process.argv.slice(1);
const alive = (pid) => { try { process.kill(pid, 0); return true; } catch (e) { return e.code === 'EPERM'; } };
setInterval(() => {
  if (!existsSync(pidFile)) process.exit(0);
  if (alive(Number(owner))) return;
  const user = uid ? { uid: Number(uid), gid: Number(gid) } : {};
  spawnSync(pgCtl, ['-D', data, 'stop', '-m', 'immediate', '-w', '-t', '20'], { ...user, cwd: dataDir, stdio: 'ignore' });
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(0);
}, 250);
`;

/**
 * PostgreSQL runs as a pg_ctl daemon, outside the stack's process tree (see postgres.ts), so when
 * the stack is SIGKILLed before its clean-up stops the server — Nx force-kills a continuous task
 * that outlives its grace period, which a busy machine reaches — nothing in the tree takes the
 * server down with it. This guard, outside the tree too, does: it watches `owner`
 * (the stack's pid) and stops the server when the owner dies first; it exits by itself once the
 * server is stopped.
 */
export function guardPostgres(opts: {
  owner: number;
  pgCtl: string;
  data: string;
  dataDir: string;
  user?: { uid: number; gid: number };
}): void {
  const { owner, pgCtl, data, dataDir, user } = opts;
  const args = [owner, `${data}/postmaster.pid`, pgCtl, data, dataDir, user?.uid ?? '', user?.gid ?? ''];
  // `setsid -f` forks and exits: the guard is reparented away from the stack at once, so a kill
  // of the stack's whole tree (Nx walks it by parent pid) does not reach it.
  const guard = spawn('setsid', ['-f', process.execPath, '-e', GUARD, ...args.map(String)], { stdio: 'ignore' });
  guard.unref();
}
