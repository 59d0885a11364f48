import { execFile, spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { ServiceGroup, startPostgres } from '@streamkit/stack/services';
import { bundleApp, packageName } from './bundle-app.ts';
import { WORKSPACE } from './workspace.ts';

const run = promisify(execFile);
/** Beside where the images put their bundle (`<app>/dist/`), so paths relative to it still hold. */
const outDir = (app: string) => join(WORKSPACE, app, 'dist', `bundle-test-${process.pid}`);
const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

async function bundle(app: string, entry: string) {
  const outfile = join(outDir(app), 'main.mjs');
  made.push(outDir(app));
  return { outfile, ...(await bundleApp(join(WORKSPACE, app, entry), outfile)) };
}

/** What `npm ci --omit=dev --workspace=<app>` installs: its dependencies and those of the workspace packages it uses. */
function productionDependencies(app: string): Set<string> {
  const found = new Set<string>();
  const visit = (dir: string) => {
    const pkg = JSON.parse(readFileSync(join(WORKSPACE, dir, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
    };
    for (const name of Object.keys(pkg.dependencies ?? {})) {
      if (!name.startsWith('@streamkit/')) found.add(name);
      else visit(join('node_modules', name));
    }
  };
  visit(app);
  return found;
}

async function exitOf(file: string): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [file], { cwd: WORKSPACE, env: { PATH: process.env.PATH } });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr };
  }
}

describe('the app bundles the images run with plain node', () => {
  it.each([
    ['apps/api', 'src/main.ts', 'api: cannot start, bad environment'],
    ['apps/storage', 'src/main.ts', 'storage: cannot start, bad environment'],
    ['apps/worker', 'src/main.ts', 'worker: cannot start, bad environment'],
  ])('%s loads every module and stops at its configuration', async (app, entry, refusal) => {
    const { outfile, externalPackages } = await bundle(app, entry);
    const { code, output } = await exitOf(outfile);
    expect(output).toContain(refusal);
    expect(code).toBe(1);
    // Everything left outside the bundle is installed by `npm ci --omit=dev` in the image.
    const production = productionDependencies(app);
    expect(externalPackages.filter((name) => !production.has(name) && !builtinModules.includes(name))).toEqual([]);
  });

  it('gives the worker image a health check that runs with the worker’s production dependencies', async () => {
    const outfile = join(outDir('apps/worker'), 'healthcheck.mjs');
    const { externalPackages } = await bundleApp(
      join(WORKSPACE, 'tools/delivery/src/healthchecks/worker-main.ts'),
      outfile,
    );
    expect(externalPackages.filter((name) => !productionDependencies('apps/worker').has(name))).toEqual([]);
    const { code, output } = await exitOf(outfile);
    expect([code, output.trim()]).toEqual([1, 'healthcheck: REDIS_URL is not set']);
  });

  it('runs the stack’s OAuth provider as a server of its own, as the compose stack does', async () => {
    const { outfile, externalPackages } = await bundle('tools/stack', 'src/oauth-server.ts');
    const production = productionDependencies('tools/stack');
    expect(externalPackages.filter((name) => !production.has(name))).toEqual([]);

    const child = spawn(process.execPath, [outfile], {
      cwd: WORKSPACE,
      env: { PATH: process.env.PATH, OAUTH_MOCK_CLIENT_SECRET: 'bundle-test-secret' },
    });
    try {
      const issuer = await new Promise<string>((resolve, reject) => {
        let output = '';
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          const url = output.match(/oauth listening on (http:\/\/\S+)/)?.[1];
          if (url) resolve(url);
        });
        child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
        child.once('exit', (code) => reject(new Error(`exited with ${code} before listening:\n${output}`)));
      });
      const discovery = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as {
        issuer: string;
        token_endpoint: string;
      };
      expect(discovery).toMatchObject({ issuer, token_endpoint: `${issuer}/token` });
    } finally {
      child.kill('SIGTERM');
    }
    const code = await new Promise((resolve) =>
      child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', resolve),
    );
    expect(code).toBe(0);
  });

  it('makes the stack’s database login roles as a step of its own, as the compose stack does', async () => {
    const { outfile } = await bundle('tools/stack', 'src/app-roles.ts');
    const services = new ServiceGroup(WORKSPACE);
    try {
      const adminUrl = await startPostgres(services);
      const env = {
        PATH: process.env.PATH,
        ADMIN_DATABASE_URL: adminUrl,
        AUTHENTICATOR_PASSWORD: 'bundle-test-authenticator',
        STORAGE_ADMIN_PASSWORD: 'bundle-test-storage-admin',
      };
      await run(process.execPath, [outfile], { cwd: WORKSPACE, env });

      // The roles log in with the given passwords, and neither may bypass row-level security.
      const login = new URL(adminUrl);
      login.username = 'authenticator';
      login.password = env.AUTHENTICATOR_PASSWORD;
      const client = new pg.Client(login.toString());
      client.on('error', () => undefined);
      await client.connect();
      try {
        const { rows } = await client.query<{ rolsuper: boolean; rolbypassrls: boolean }>(
          'select rolsuper, rolbypassrls from pg_roles where rolname = current_user',
        );
        expect(rows).toEqual([{ rolsuper: false, rolbypassrls: false }]);
      } finally {
        await client.end();
      }
    } finally {
      await services.stop();
    }
  });

  it('names packages by their package, not their subpath', () => {
    expect(['fastify', 'fastify/lib/x', '@scope/name', '@scope/name/sub'].map(packageName)).toEqual([
      'fastify',
      'fastify',
      '@scope/name',
      '@scope/name',
    ]);
  });
});
