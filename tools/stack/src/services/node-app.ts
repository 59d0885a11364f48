import { join } from 'node:path';
import { ServiceProcess } from '../process.ts';
import type { StackContext } from '../context.ts';

/**
 * Starts one of the workspace's Node apps from its TypeScript sources on a free port (port 0),
 * and returns the URL it prints once listening. tsx is loaded into this Node rather than run as
 * its own CLI, which would put a wrapper process between the stack and the app: one process is
 * what a signal stops and what the leftover-killer can find.
 */
export async function startNodeApp(
  ctx: StackContext,
  name: string,
  entry: string,
  env: Record<string, string>,
): Promise<string> {
  const app = ctx.track(
    new ServiceProcess(name, process.execPath, ['--import', 'tsx', join(ctx.root, entry)], {
      cwd: ctx.root,
      env: { ...process.env, ...env },
      logDir: ctx.logDir,
    }),
  );
  const [, url] = (await app.waitForOutput(new RegExp(`${name} listening on (http://\\S+)`))) as [string, string];
  return url;
}
