import { join } from 'node:path';
import { ServiceError, ServiceProcess } from '../process.ts';
import type { StackContext } from '../context.ts';

/** Runs an app's own `migrate` script (node-pg-migrate) against the stack's database. */
export async function migrate(ctx: StackContext, app: string, appDir: string, databaseUrl: string): Promise<void> {
  const run = new ServiceProcess(`${app}-migrate`, 'npm', ['run', '--silent', 'migrate'], {
    cwd: join(ctx.root, appDir),
    env: { ...process.env, DATABASE_URL: databaseUrl },
    logDir: ctx.logDir,
  });
  const code = await run.finished(60_000);
  if (code !== 0) throw new ServiceError(`${app} migrations`, `node-pg-migrate exited with ${code}`, run.logFile);
}
