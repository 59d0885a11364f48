import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ServiceError, ServiceProcess } from '../process.ts';
import type { StackContext } from '../context.ts';
import { pollUntil, standaloneNxEnv } from '@streamkit/e2e-contract';

const APP_DIR = 'apps/web';
/**
 * Vite's CLI run by this Node directly, not through the `.bin` shebang: the process's command
 * line is then the same from spawn on, which is what the stack's leftover-killer matches.
 */
const viteCli = (root: string) => join(root, 'node_modules/vite/bin/vite.js');

/**
 * The build the stack serves: Nx's `web:build` (inferred by @nx/vite from vite.config.ts, cached,
 * its output restored on a cache hit) writes it, and `stack:serve` depends on it.
 */
export function assertWebBuilt(root: string): void {
  if (!existsSync(join(root, APP_DIR, 'dist/index.html'))) {
    throw new ServiceError(
      'web',
      `${APP_DIR}/dist/index.html is missing: the web app is not built. Run \`npx nx run web:build\` (Nx runs it before stack:serve and stack:up).`,
    );
  }
}

/**
 * `npm run stack` runs outside Nx, so it asks Nx for the build itself: a cache hit when nothing
 * in the app changed. Its output goes to the terminal, where the person who started it looks.
 */
export async function buildWebThroughNx(root: string): Promise<void> {
  const nx = spawn('npx', ['nx', 'run', 'web:build', '--outputStyle=static'], {
    cwd: root,
    env: standaloneNxEnv(process.env),
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    nx.once('error', reject);
    nx.once('exit', resolve);
  });
  if (code !== 0) {
    throw new ServiceError('web build', `\`npx nx run web:build\` exited with ${code}; its output is above`);
  }
}

/**
 * Serves the built app with `vite preview` on `port`: unknown paths get index.html (the SPA
 * routes), and `/api` and `/health` are proxied to the API, so the browser stays same-origin.
 */
export async function startWeb(
  ctx: StackContext,
  { port, apiUrl, storageUrl }: { port: number; apiUrl: string; storageUrl?: string },
): Promise<string> {
  const server = ctx.track(
    new ServiceProcess(
      'web',
      process.execPath,
      [viteCli(ctx.root), 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
      {
        cwd: join(ctx.root, APP_DIR),
        // The storage origin goes into the CSP's img-src (logos and assets are served from there).
        env: { ...process.env, WEB_API_URL: apiUrl, ...(storageUrl ? { WEB_STORAGE_URL: storageUrl } : {}) },
        logDir: ctx.logDir,
      },
    ),
  );
  const webUrl = `http://127.0.0.1:${port}`;
  await pollUntil(
    'web',
    async () => {
      if (!server.running) throw new ServiceError('web', 'vite preview exited before it answered', server.logFile);
      const [page, health] = await Promise.all([fetch(`${webUrl}/login`), fetch(`${webUrl}/health`)]);
      if (!page.ok) throw new Error(`GET /login answered ${page.status}`);
      if (!health.ok) throw new Error(`GET /health through the proxy answered ${health.status}`);
      return true;
    },
    { timeoutMs: 20_000 },
  ).catch((error: Error) => {
    throw error instanceof ServiceError ? error : new ServiceError('web', error.message, server.logFile);
  });
  return webUrl;
}
