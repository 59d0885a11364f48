import type { ServiceProcess } from './process.ts';

/** What every service starter gets: where to log, and how to register what must be stopped. */
export interface StackContext {
  root: string;
  logDir: string;
  /** Registers a long-running process so the stack stops it on shutdown. */
  track(process: ServiceProcess): ServiceProcess;
  /** Records the pid of a server that runs as a daemon, for the leftover-killer. */
  recordPid(pid: number): void;
  /** Registers a clean-up step that runs after every process has stopped. */
  onStop(cleanup: () => Promise<void>): void;
}
