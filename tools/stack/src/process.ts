import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ProcessOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  uid?: number;
  gid?: number;
  logDir: string;
  /** Signal that makes this server shut down quickly (PostgreSQL: SIGINT = fast shutdown). */
  stopSignal?: NodeJS.Signals;
  appendLog?: boolean;
}

/** A failure to start that names the service and carries the tail of its log. */
export class ServiceError extends Error {
  constructor(
    readonly service: string,
    reason: string,
    readonly logFile?: string,
  ) {
    super(`${service}: ${reason}`);
  }

  logTail(lines = 20): string {
    if (!this.logFile) return '';
    try {
      return readFileSync(this.logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
    } catch {
      return '';
    }
  }
}

/** A server process the stack started: its output goes to a log file, and it can be stopped. */
export class ServiceProcess {
  readonly child: ChildProcess;
  readonly logFile: string;
  private output = '';
  private spawnError?: Error;
  private stopAsked = false;
  readonly exited: Promise<number | null>;

  constructor(
    readonly name: string,
    command: string,
    args: string[],
    private readonly options: ProcessOptions,
  ) {
    this.logFile = join(options.logDir, `${name}.log`);
    // Appended: a restarted process (the worker) keeps its predecessor's log above its own.
    const log = createWriteStream(this.logFile, { flags: options.appendLog ? 'a' : 'w' });
    this.child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      uid: options.uid,
      gid: options.gid,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    for (const stream of [this.child.stdout!, this.child.stderr!]) {
      stream.on('data', (chunk: Buffer) => {
        log.write(chunk);
        if (this.output.length < 64_000) this.output += chunk.toString();
      });
    }
    this.exited = new Promise((resolve) => {
      this.child.once('error', (error) => {
        this.spawnError = error;
        log.write(`\n[stack] could not start ${command}: ${error.message}\n`);
        resolve(null);
      });
      this.child.once('exit', (code) => resolve(code));
    });
    this.exited.then(() => log.end());
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null && this.child.pid !== undefined;
  }

  /** Resolves with the first output line matching `pattern`; fails if the process exits or time runs out. */
  async waitForOutput(pattern: RegExp, timeoutMs = 30_000): Promise<RegExpMatchArray> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const match = this.output.match(pattern);
      if (match) return match;
      if (this.spawnError) throw new ServiceError(this.name, `could not run it: ${this.spawnError.message}`);
      if (!this.running)
        throw new ServiceError(this.name, `exited (code ${this.child.exitCode}) before it was ready`, this.logFile);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new ServiceError(this.name, `did not print ${pattern} within ${timeoutMs / 1000} s`, this.logFile);
  }

  /** For one-shot commands: the exit code, or a ServiceError when it runs past `timeoutMs`. */
  async finished(timeoutMs = 30_000): Promise<number | null> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        this.child.kill('SIGKILL');
        reject(new ServiceError(this.name, `did not finish within ${timeoutMs / 1000} s`, this.logFile));
      }, timeoutMs);
    });
    try {
      return await Promise.race([this.exited, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Whether `stop()` was called: an exit after it is expected, any other is a crash. */
  get stopRequested(): boolean {
    return this.stopAsked;
  }

  /** Asks the process to stop, and kills it if it has not after `graceMs`. */
  async stop(graceMs = 5000): Promise<void> {
    this.stopAsked = true;
    if (!this.running) return;
    this.child.kill(this.options.stopSignal ?? 'SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }
}
