/** Whether a process with this pid runs now (signal 0 checks without sending anything). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user (PostgreSQL under `runuser`).
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
