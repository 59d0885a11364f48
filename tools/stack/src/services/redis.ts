import getPort from 'get-port';
import { ServiceProcess, ServiceError } from '../process.ts';
import type { StackContext } from '../context.ts';

/** Starts redis-server on `port` (a free one when not given: pass the old one to restart it). */
export async function startRedis(ctx: StackContext, port?: number): Promise<string> {
  port ??= await getPort();
  const server = ctx.track(
    new ServiceProcess(
      'redis',
      'redis-server',
      // Throwaway data: no snapshots, no append-only file.
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { cwd: ctx.logDir, logDir: ctx.logDir },
    ),
  );
  await server.waitForOutput(/Ready to accept connections/, 20_000).catch((error: Error) => {
    throw /ENOENT/.test(error.message)
      ? new ServiceError('redis', 'redis-server is not installed: `apt-get install -y redis-server`')
      : error;
  });
  return `redis://127.0.0.1:${port}`;
}
