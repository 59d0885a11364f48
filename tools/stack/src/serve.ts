import { mkdirSync } from 'node:fs';
import { clearStackError, findWorkspaceRoot, readLiveStack, stackDir, writeStackError } from '@streamkit/e2e-contract';
import { killLeftovers } from './leftovers.ts';
import { LocalStack } from './local-stack.ts';
import { ServiceError } from './process.ts';
import { onStopRequest } from './stop-signals.ts';

/**
 * `nx run stack:serve` (continuous) and `nx run stack:up`: boots the local stack and keeps it up
 * until SIGINT, SIGTERM or SIGHUP (or until whatever started it goes away). Against an external target there is nothing to boot, but a continuous
 * task that exits fails the Nx run, so it idles until stopped.
 */
async function main() {
  const started = performance.now();
  if (process.env.E2E_TARGET === 'external') {
    return idle('stack: E2E_TARGET=external, starting nothing; the phases use the E2E_* variables');
  }
  const root = findWorkspaceRoot();
  const running = readLiveStack(root);
  if (running) {
    return idle(`stack: reusing the stack already running (pid ${running.pid}, api ${running.apiUrl})`);
  }

  mkdirSync(stackDir(root), { recursive: true });
  for (const leftover of killLeftovers(stackDir(root))) {
    console.warn(`stack: killed a process a crashed run left behind: ${leftover}`);
  }

  clearStackError(root);
  const stack = new LocalStack(root);
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await stack.stop();
    process.exit(code);
  };
  onStopRequest(() => void stop(0));

  try {
    const info = await stack.start();
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
      `stack: up in ${seconds} s · web ${info.webUrl} · api ${info.apiUrl} · mail ${info.mailUrl} · logs ${stack.logDir}`,
    );
  } catch (error) {
    const report = describeFailure(error);
    console.error(report);
    writeStackError(report, root);
    await stop(1);
  }
}

/** A continuous task that exits fails the Nx run, so with nothing to run it waits to be stopped. */
function idle(message: string): void {
  console.log(message);
  onStopRequest(() => process.exit(0));
}

function describeFailure(error: unknown): string {
  if (!(error instanceof ServiceError))
    return `stack: failed to start: ${error instanceof Error ? error.stack : error}`;
  const tail = error.logTail();
  return [
    `stack: ${error.message}`,
    ...(tail ? [`--- last lines of ${error.logFile} ---`, tail, '---'] : []),
    'What to do: fix the service named above (its full log is in that file) and rerun.',
  ].join('\n');
}

void main();
