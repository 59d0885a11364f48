import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StackContext } from './context.ts';
import type { ServiceProcess } from './process.ts';

/**
 * A few of the stack's servers started on their own, for a test suite (the API's starts its own
 * PostgreSQL and Redis, so it can stop Redis without touching anyone else's stack). Logs go to a
 * temp dir; `stop()` stops everything it started and removes that dir.
 */
export class ServiceGroup implements StackContext {
  readonly logDir = mkdtempSync(join(tmpdir(), 'streamkit-services-'));
  private readonly processes: ServiceProcess[] = [];
  private readonly cleanups: (() => Promise<void>)[] = [];

  constructor(readonly root: string) {
    // PostgreSQL runs as its own user when we are root, and writes its log in here.
    chmodSync(this.logDir, 0o755);
  }

  track(process: ServiceProcess): ServiceProcess {
    this.processes.push(process);
    return process;
  }

  /** Daemons (PostgreSQL) are stopped by their own clean-up; nothing to record outside a stack. */
  recordPid(): void {}

  onStop(cleanup: () => Promise<void>): void {
    this.cleanups.push(cleanup);
  }

  /** Stops one tracked server (say, Redis for an outage test); it can be started again. */
  async stopService(name: string): Promise<void> {
    const found = this.processes.filter((p) => p.name === name);
    await Promise.all(found.map((p) => p.stop()));
    this.processes.splice(0, this.processes.length, ...this.processes.filter((p) => !found.includes(p)));
  }

  async stop(): Promise<void> {
    await Promise.all(this.processes.splice(0).map((p) => p.stop()));
    for (const cleanup of this.cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
    rmSync(this.logDir, { recursive: true, force: true });
  }
}
