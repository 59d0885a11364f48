import { join } from 'node:path';
import getPort from 'get-port';
import { ServiceProcess } from '../process.ts';
import type { StackContext } from '../context.ts';
import { pollUntil } from '@streamkit/e2e-contract';

/** MailDev: a real SMTP server that keeps every message and serves them over HTTP. */
export async function startMail(ctx: StackContext): Promise<{ smtpUrl: string; mailUrl: string }> {
  const [smtpPort, webPort] = [await getPort(), await getPort()];
  const server = ctx.track(
    new ServiceProcess(
      'mail',
      // Its CLI run by this Node, not through the `.bin` shebang, so the process is the server.
      process.execPath,
      [
        join(ctx.root, 'node_modules/maildev/dist/bin/maildev.js'),
        ...['--smtp', String(smtpPort), '--web', String(webPort), '--ip', '127.0.0.1', '--web-ip', '127.0.0.1'],
      ],
      { cwd: ctx.root, logDir: ctx.logDir },
    ),
  );
  const mailUrl = `http://127.0.0.1:${webPort}`;
  await pollUntil(
    'mail',
    async () => {
      if (!server.running) throw new Error(`maildev exited; see ${server.logFile}`);
      return (await fetch(`${mailUrl}/api/healthz`)).ok;
    },
    { timeoutMs: 30_000 },
  );
  return { smtpUrl: `smtp://127.0.0.1:${smtpPort}`, mailUrl };
}
