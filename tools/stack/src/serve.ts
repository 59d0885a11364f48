import { mkdirSync } from 'node:fs';
import {
  clearStackError,
  findWorkspaceRoot,
  pendingStackRequests,
  pollUntil,
  readLiveStack,
  stackDir,
  writeStackError,
} from '@streamkit/e2e-contract';
import { killLeftovers } from './leftovers.ts';
import { LocalStack } from './local-stack.ts';
import { ServiceError } from './process.ts';
import { buildWebThroughNx } from './services/web.ts';
import { onStopRequest } from './stop-signals.ts';

/** How often the controller looks for a phase asking for the stack. */
const REQUEST_POLL_MS = 100;

/**
 * `npm run stack` and `nx run stack:up`: boots the local stack at once and keeps it up until
 * SIGINT, SIGTERM or SIGHUP (or until whatever started it goes away). The web app is Nx's
 * `web:build`: the Nx targets depend on it (`--web-built`); `npm run stack` asks Nx for it first.
 *
 * `nx run stack:serve` (continuous, `--on-demand`): Nx starts it beside every phase, cached or
 * not, so it starts only this controller, and boots the services when the first phase asks for
 * them (`requestStack` in @streamkit/e2e-contract). When every phase comes from the cache,
 * nothing boots.
 *
 * Against an external target there is nothing to boot, but a continuous task that exits fails the
 * Nx run, so it idles until stopped.
 */
async function main() {
  const onDemand = process.argv.includes('--on-demand');
  const webBuilt = process.argv.includes('--web-built');
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

  const stack = new LocalStack(root);
  let booting = false;
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    if (!booting) console.log('stack: stopped before any phase asked for it; nothing was started');
    await stack.stop();
    process.exit(code);
  };
  onStopRequest(() => void stop(0));

  if (onDemand) {
    console.log('stack: ready; the services boot when a phase asks for them');
    const asker = await firstRequest(root);
    console.log(`stack: booting, asked for by pid ${asker}`);
  }
  booting = true;
  const started = performance.now();
  clearStackError(root);
  try {
    if (!webBuilt) await buildWebThroughNx(root);
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

/** Resolves with the pid of the first live process that asks for the stack; waits as long as it takes. */
function firstRequest(root: string): Promise<number> {
  return pollUntil('a phase to ask for the stack', async () => pendingStackRequests(root)[0], {
    timeoutMs: Number.POSITIVE_INFINITY,
    intervalMs: REQUEST_POLL_MS,
  });
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
