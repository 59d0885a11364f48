import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ServiceError, ServiceProcess } from '../process.ts';
import type { StackContext } from '../context.ts';
import { pollUntil } from '@streamkit/e2e-contract';

const APP_DIR = 'apps/web';
/** Written into the build output last: the hash of the sources that build was made from. */
const STAMP = '.source-hash';
/** Files in the app that do not go into the build: a change to them needs no rebuild. */
const NOT_BUILT = /\.spec\.tsx?$|^vitest\.config\.ts$/;
/**
 * Vite's CLI run by this Node directly, not through the `.bin` shebang: the process's command
 * line is then the same from spawn on, which is what the stack's leftover-killer matches.
 */
const viteCli = (root: string) => join(root, 'node_modules/vite/bin/vite.js');

/**
 * Builds the web app with Vite unless `apps/web/dist` was built from the sources as they are
 * now (a content hash stamped into dist), so a rerun with no web change skips the build. The
 * build goes to a folder of its own and replaces dist whole, so a stack serving dist never sees
 * a half-written one.
 */
export async function buildWeb(ctx: StackContext): Promise<'built' | 'up to date'> {
  const appDir = join(ctx.root, APP_DIR);
  const stamp = join(appDir, 'dist', STAMP);
  const hash = sourceHash(appDir);
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === hash) return 'up to date';

  const outDir = join(appDir, `dist-${process.pid}`);
  const build = new ServiceProcess(
    'web-build',
    process.execPath,
    [viteCli(ctx.root), 'build', '--logLevel', 'warn', '--outDir', outDir],
    {
      cwd: appDir,
      logDir: ctx.logDir,
    },
  );
  try {
    const code = await build.finished(120_000);
    if (code !== 0) throw new ServiceError('web build', `vite build exited with ${code}`, build.logFile);
    writeFileSync(join(outDir, STAMP), hash);
    rmSync(join(appDir, 'dist'), { recursive: true, force: true });
    renameSync(outDir, join(appDir, 'dist'));
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
  return 'built';
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

/** sha256 over the path and content of every file the build reads (not tests, dist or node_modules). */
function sourceHash(appDir: string): string {
  const hash = createHash('sha256');
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name.startsWith('dist-')) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && !NOT_BUILT.test(entry.name))
        hash
          .update(`${relative(appDir, path)}\0`)
          .update(readFileSync(path))
          .update('\0');
    }
  };
  walk(appDir);
  return hash.digest('hex');
}
