import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import getPort from 'get-port';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StackContext } from '../context.ts';
import type { ServiceProcess } from '../process.ts';
import { findWorkspaceRoot } from '@streamkit/e2e-contract';
import { ServiceError } from '../process.ts';
import { assertWebBuilt, startWeb } from './web.ts';

// A copy of the real web app in a temp workspace (node_modules linked), built with the real
// Vite (as `web:build` builds it) and served by the real `vite preview`, in front of a stand-in
// API on port 0.

const workspace = findWorkspaceRoot();
let root: string;
let ctx: StackContext;
const processes: ServiceProcess[] = [];
let api: Server;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'stack-web-'));
  symlinkSync(join(workspace, 'node_modules'), join(root, 'node_modules'));
  const app = join(root, 'apps/web');
  mkdirSync(app, { recursive: true });
  for (const entry of [
    'index.html',
    'package.json',
    'vite.config.ts',
    'security-headers.ts',
    'vitest.config.ts',
    'src',
  ]) {
    cpSync(join(workspace, 'apps/web', entry), join(app, entry), { recursive: true });
  }
  mkdirSync(join(root, 'logs'));
  ctx = {
    root,
    logDir: join(root, 'logs'),
    track: (process) => (processes.push(process), process),
    recordPid: () => undefined,
    onStop: () => undefined,
  };
  api = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ from: 'api', url: req.url }));
  });
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
});

afterAll(async () => {
  await Promise.all(processes.map((p) => p.stop()));
  await new Promise((resolve) => api.close(resolve));
  rmSync(root, { recursive: true, force: true });
});

describe('assertWebBuilt', () => {
  it('names the web app and the Nx target that builds it when there is no build', () => {
    const empty = mkdtempSync(join(tmpdir(), 'stack-web-unbuilt-'));
    try {
      expect(() => assertWebBuilt(empty)).toThrow(ServiceError);
      expect(() => assertWebBuilt(empty)).toThrow(
        /^web: apps\/web\/dist\/index\.html is missing.*npx nx run web:build/,
      );
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe('startWeb', () => {
  it('serves the app on every route, and the API on its own origin', async () => {
    execFileSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], {
      cwd: join(root, 'apps/web'),
      stdio: 'pipe',
    });
    expect(() => assertWebBuilt(root)).not.toThrow();
    // Built under Vitest (NODE_ENV=test), still React's production bundle: no development warnings.
    const bundle = readdirSync(join(root, 'apps/web/dist/assets')).filter((f) => f.endsWith('.js'));
    expect(bundle).toHaveLength(1);
    expect(readFileSync(join(root, 'apps/web/dist/assets', bundle[0]!), 'utf8')).not.toContain(
      'should have a unique "key" prop',
    );
    const apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
    const webUrl = await startWeb(ctx, { port: await getPort(), apiUrl });

    const page = await fetch(`${webUrl}/dashboard/jobs`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    expect(await (await fetch(`${webUrl}/health`)).json()).toEqual({ from: 'api', url: '/health' });
    expect(await (await fetch(`${webUrl}/api/v1/auth/me`)).json()).toEqual({ from: 'api', url: '/api/v1/auth/me' });
  }, 120_000);
});
