/** Any of these, sent to the stack (or to the `npm run stack` that started it), stops it. */
export const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** How often the stack checks that whatever started it is still there. */
const PARENT_CHECK_MS = 250;

/**
 * Calls `stop` once: on SIGINT, SIGTERM or SIGHUP, or when the process that started this one is
 * gone. npm forwards only SIGINT and SIGTERM to its script; a SIGHUP (or SIGKILL) to npm ends
 * npm alone, and the stack, reparented, would run on with no one to stop it.
 */
export function onStopRequest(stop: (reason: string) => void): void {
  let requested = false;
  const once = (reason: string) => {
    if (requested) return;
    requested = true;
    clearInterval(watchdog);
    stop(reason);
  };
  for (const signal of STOP_SIGNALS) process.on(signal, () => once(signal));
  const parent = process.ppid;
  const watchdog = setInterval(() => {
    if (process.ppid !== parent) once(`its parent process ${parent} exited`);
  }, PARENT_CHECK_MS);
}
