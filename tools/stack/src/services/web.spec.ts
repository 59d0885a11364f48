import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import getPort from 'get-port';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StackContext } from '../context.ts';
import type { ServiceProcess } from '../process.ts';
import { findWorkspaceRoot } from '@streamkit/e2e-contract';
import { buildWeb, startWeb } from './web.ts';

// A copy of the real web app in a temp workspace (node_modules linked), built with the real
// Vite and served by the real `vite preview`, in front of a stand-in API on port 0.

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

describe('buildWeb', () => {
  it('builds once, and again only when a file the build reads changed', async () => {
    expect(await buildWeb(ctx)).toBe('built');
    expect(readFileSync(join(root, 'apps/web/dist/index.html'), 'utf8')).toContain('<div id="root">');
    expect(await buildWeb(ctx)).toBe('up to date');

    writeFileSync(join(root, 'apps/web/src/routes.spec.ts'), '// a test changed: the app did not\n', { flag: 'a' });
    expect(await buildWeb(ctx)).toBe('up to date');

    writeFileSync(join(root, 'apps/web/src/styles.css'), '\nbody { color: black; }\n', { flag: 'a' });
    expect(await buildWeb(ctx)).toBe('built');
    expect(existsSync(join(root, `apps/web/dist-${process.pid}`)), 'the build folder was moved into place').toBe(false);
  }, 120_000);
});

describe('startWeb', () => {
  it('serves the app on every route, and the API on its own origin', async () => {
    const apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
    const webUrl = await startWeb(ctx, { port: await getPort(), apiUrl });

    const page = await fetch(`${webUrl}/dashboard/jobs`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    expect(await (await fetch(`${webUrl}/health`)).json()).toEqual({ from: 'api', url: '/health' });
    expect(await (await fetch(`${webUrl}/api/v1/auth/me`)).json()).toEqual({ from: 'api', url: '/api/v1/auth/me' });
  }, 60_000);
});
