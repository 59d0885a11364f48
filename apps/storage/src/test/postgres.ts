import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { chown, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';
const READY = 'database system is ready to accept connections';

export interface TestPostgres {
  /** `postgres://postgres@127.0.0.1:<port>/postgres`, trust authentication. */
  url: string;
  stop(): Promise<void>;
}

/** PostgreSQL refuses to run as root; as root, run it as the `postgres` user. */
function runAs(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function run(command: string, args: string[], user: ReturnType<typeof runAs>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...user, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} exited with ${code}:\n${output}`)),
    );
  });
}

/** Resolves once the server logs that it accepts connections; rejects if it exits or the deadline passes. */
function waitUntilReady(child: ChildProcess, deadlineMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let log = '';
    const fail = (reason: string) => {
      clearTimeout(timer);
      reject(new Error(`postgres did not start: ${reason}\n--- postgres log ---\n${log.slice(-4000)}`));
    };
    const timer = setTimeout(() => fail(`not ready after ${deadlineMs} ms`), deadlineMs);
    child.stderr!.on('data', (chunk: Buffer) => {
      log = (log + chunk).slice(-8000);
      if (log.includes(READY)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code, signal) => fail(`exited (${signal ?? code})`));
  });
}

/**
 * Runs postgres under a small shell that holds our stdin pipe as a lifeline: when the pipe closes,
 * because `stop()` closed it or because this process died (even by SIGKILL, when no exit handler
 * runs), the shell asks postgres for a fast shutdown (SIGINT). The shell exits when postgres does.
 */
const LIFELINE = `exec 3<&0
"$0" "$@" </dev/null 3<&- &
pg=$!
{ cat >/dev/null; kill -INT "$pg" 2>/dev/null; } <&3 3<&- &
exec 3<&-
wait "$pg"`;

async function stopProcess(child: ChildProcess, dataDir: string, deadlineMs: number): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = once(child, 'exit');
    child.stdin!.end();
    const timer = setTimeout(() => void killPostmaster(dataDir), deadlineMs);
    await exited;
    clearTimeout(timer);
  }
}

/** Last resort: the postmaster's pid is the first line of `postmaster.pid`. */
async function killPostmaster(dataDir: string) {
  const pid = Number((await readFile(join(dataDir, 'postmaster.pid'), 'utf8').catch(() => '')).split('\n')[0]);
  if (pid > 0) process.kill(pid, 'SIGKILL');
}

/**
 * A throwaway PostgreSQL 15 cluster in a temp dir on a free port, fsync off. `stop()` shuts it down
 * and deletes the directory; it also shuts down when the test process goes away first.
 */
export async function startPostgres({ deadlineMs = 20_000 } = {}): Promise<TestPostgres> {
  const user = runAs();
  const dir = await mkdtemp(join(tmpdir(), 'storage-pg-'));
  if (user) await chown(dir, user.uid, user.gid);
  const dataDir = join(dir, 'data');
  try {
    await run(
      join(PG_BIN, 'initdb'),
      ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C'],
      user,
    );
    // Another process can take the port between freePort() and bind; then try a new one.
    for (let attempt = 1; ; attempt += 1) {
      const port = await freePort();
      const settings = ['fsync=off', 'synchronous_commit=off', 'full_page_writes=off'].flatMap((s) => ['-c', s]);
      const args = ['-D', dataDir, '-k', dir, '-h', '127.0.0.1', '-p', String(port), ...settings];
      const child = spawn('sh', ['-c', LIFELINE, join(PG_BIN, 'postgres'), ...args], {
        ...user,
        stdio: ['pipe', 'ignore', 'pipe'],
      });
      // Ending the lifeline after the shell has gone must not throw EPIPE at us.
      child.stdin!.on('error', () => undefined);
      try {
        await waitUntilReady(child, deadlineMs);
      } catch (error) {
        await stopProcess(child, dataDir, 5_000);
        if (attempt < 3 && /could not bind|Address already in use/.test(String(error))) continue;
        throw error;
      }
      return {
        url: `postgres://postgres@127.0.0.1:${port}/postgres`,
        async stop() {
          await stopProcess(child, dataDir, 10_000);
          await rm(dir, { recursive: true, force: true });
        },
      };
    }
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}
