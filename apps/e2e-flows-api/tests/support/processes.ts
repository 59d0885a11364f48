import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, resolve } from 'node:path';
import { pollUntil } from '@streamkit/e2e-fixtures';

/** The API's entry point, through its package's declared exports (never a path into its sources). */
const API_MAIN = createRequire(import.meta.url).resolve('@streamkit/api/main');

/** A process a test started and owns: its URL, its output so far, and a way to end it. */
export interface OwnedProcess {
  url: string;
  output(): string;
  /** SIGKILL by default: a crash, with no chance to tidy up. Resolves once it has exited. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Processes one test starts, all killed after it (the `processes` fixture calls `killAll`), so
 * a failing test leaves nothing running.
 */
export class TestProcesses {
  private readonly started: OwnedProcess[] = [];

  /**
   * The API from this workspace's sources on a free port, with the environment given (on top of
   * sane defaults), once its /health answers 200 (it listens before its Redis client connects).
   */
  async startApi(env: Record<string, string>): Promise<OwnedProcess> {
    const child = spawn(process.execPath, ['--import', 'tsx', API_MAIN], {
      cwd: resolve(dirname(API_MAIN), '..'),
      env: { ...process.env, API_HOST: '127.0.0.1', API_PORT: '0', LOG_LEVEL: 'error', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const owned = this.own(child, 'api process');
    // Seconds when the machine is idle; far more when it is shared by many busy processes.
    const url = await owned.waitFor(/api listening on (http:\/\/\S+)/, (match) => match[1]!, 60_000);
    await pollUntil(`${url}/health to answer 200`, async () => (await fetch(`${url}/health`)).ok, {
      timeoutMs: 10_000,
      intervalMs: 50,
    });
    return { ...owned, url };
  }

  /** A private redis-server on a free port, for a test that needs to take Redis away. */
  async startRedis(): Promise<OwnedProcess> {
    const port = await freePort();
    const child = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const owned = this.own(child, 'redis-server');
    await owned.waitFor(/Ready to accept connections/, () => true);
    return { ...owned, url: `redis://127.0.0.1:${port}` };
  }

  async killAll(): Promise<void> {
    await Promise.all(this.started.splice(0).map((started) => started.kill()));
  }

  private own(child: ChildProcess, name: string) {
    let output = '';
    child.stdout!.on('data', (data) => (output += String(data)));
    child.stderr!.on('data', (data) => (output += String(data)));
    const exited = once(child, 'exit').catch(() => undefined);
    const kill = async (signal: NodeJS.Signals = 'SIGKILL') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    };
    const owned = { url: '', output: () => output, kill };
    this.started.push(owned);
    const waitFor = <T>(pattern: RegExp, value: (match: RegExpExecArray) => T, timeoutMs = 20_000) =>
      new Promise<T>((resolvePromise, reject) => {
        const timer = setTimeout(() => fail(`did not get ready within ${timeoutMs / 1000} s`), timeoutMs);
        const check = () => {
          const match = pattern.exec(output);
          if (!match) return;
          cleanup();
          resolvePromise(value(match));
        };
        const onExit = (code: number | null, signal: string | null) =>
          fail(`exited (${signal ?? code}) before it was ready`);
        const fail = (why: string) => {
          cleanup();
          reject(new Error(`${name} ${why}; its output:\n${output}`));
        };
        const cleanup = () => {
          clearTimeout(timer);
          child.stdout!.off('data', check);
          child.off('exit', onExit);
        };
        child.stdout!.on('data', check);
        child.once('exit', onExit);
        check();
      });
    return { ...owned, waitFor };
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}
