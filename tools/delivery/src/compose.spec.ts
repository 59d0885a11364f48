import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { TARGET_VARIABLES } from '@streamkit/e2e-contract';
import { STORAGE_BUCKETS } from '@streamkit/stack/local-stack';
import { hostOf, resolveCompose, runCompose, type ComposeFile, type ComposeService } from './compose.ts';
import { WORKSPACE } from './workspace.ts';

const FILE = 'docker-compose.test.yml';
const ENV_FILE = 'docker/test.env';
const RUNNER = 'e2e-runner';
const SECRET_NAME = /SECRET|PASSWORD|TOKEN|_KEY$/;

/** A one-shot step (migrations): it exits, so others wait for it to complete, not to be healthy. */
const isOneShot = (service: ComposeService) => service.restart === 'no' && !service.healthcheck;

let compose: ComposeFile;
let runner: ComposeService;
beforeAll(async () => {
  compose = await resolveCompose(WORKSPACE, FILE, ENV_FILE);
  runner = compose.services[RUNNER]!;
});

describe('docker-compose.test.yml', () => {
  it('is valid for Compose with the test env file, and refuses without one, naming the secret', async () => {
    await expect(runCompose(WORKSPACE, ['-f', FILE, '--env-file', ENV_FILE, 'config', '-q'])).resolves.toBeDefined();
    const empty = join(mkdtempSync(join(tmpdir(), 'compose-env-')), 'empty.env');
    writeFileSync(empty, '');
    await expect(runCompose(WORKSPACE, ['-f', FILE, '--env-file', empty, 'config', '-q'])).rejects.toThrow(
      /POSTGRES_PASSWORD/,
    );
    rmSync(dirname(empty), { recursive: true });
  });

  it('runs the suite against external URLs: every E2E_* variable the fixtures require is set on the runner', () => {
    const env = runner.environment ?? {};
    expect(env.E2E_TARGET).toBe('external');
    for (const name of Object.values(TARGET_VARIABLES)) expect(env[name], name).toBeTruthy();
  });

  it('writes the results to a mounted volume', () => {
    const resultsDir = runner.environment?.E2E_RESULTS_DIR;
    expect(resultsDir).toBeTruthy();
    const mounts = (runner.volumes ?? []).map((v) =>
      typeof v === 'string' ? { source: v.split(':')[0], target: v.split(':')[1] } : v,
    );
    const mount = mounts.find((m) => m.target === resultsDir);
    expect(mount?.source, `a volume at ${resultsDir}`).toBeTruthy();
    expect(Object.keys(compose.volumes ?? {})).toContain(mount!.source);
  });

  it('gives every long-running service a health check, and every dependant waits for it to be healthy', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      if (name !== RUNNER && !isOneShot(service)) {
        expect(service.healthcheck?.test, `${name} has a health check`).toBeTruthy();
        expect(service.healthcheck?.disable, `${name}'s health check is on`).toBeFalsy();
      }
      for (const [dependency, { condition }] of Object.entries(service.depends_on ?? {})) {
        const expected = isOneShot(compose.services[dependency]!)
          ? 'service_completed_successfully'
          : 'service_healthy';
        expect(condition, `${name} → ${dependency}`).toBe(expected);
      }
    }
  });

  it('starts the runner only when every service is healthy, including each one an E2E_* URL names', () => {
    const services = Object.entries(compose.services)
      .filter(([name, s]) => name !== RUNNER && !isOneShot(s))
      .map(([name]) => name);
    expect(Object.keys(runner.depends_on ?? {}).sort()).toEqual(services.sort());
    const urls = Object.values(TARGET_VARIABLES).filter((name) => name !== 'E2E_STORAGE_KEY');
    for (const name of urls) {
      const host = hostOf(runner.environment![name]!);
      expect(compose.services[host]?.healthcheck, `${name} → ${host}`).toBeTruthy();
    }
  });

  it('points the runner at what the app itself uses: the same database, storage key and web URL', () => {
    const { api, storage, worker } = compose.services;
    const e2e = runner.environment!;
    // The apps log in as their own roles (as the local stack's do); the runner as the owner.
    const database = (url: string) => {
      const u = new URL(url);
      return { user: u.username, at: `${u.host}${u.pathname}` };
    };
    expect(database(api!.environment!.DATABASE_URL!)).toEqual({
      user: 'authenticator',
      at: database(e2e.E2E_DATABASE_URL!).at,
    });
    expect(database(worker!.environment!.DATABASE_URL!)).toEqual({
      user: 'authenticator',
      at: database(e2e.E2E_DATABASE_URL!).at,
    });
    expect(database(storage!.environment!.STORAGE_DATABASE_URL!)).toEqual({
      user: 'storage_admin',
      at: database(e2e.E2E_DATABASE_URL!).at,
    });
    expect(database(e2e.E2E_DATABASE_URL!).user).toBe('postgres');
    expect(e2e.E2E_REDIS_URL).toBe(api!.environment!.REDIS_URL);
    expect(e2e.E2E_STORAGE_KEY).toBe(storage!.environment!.STORAGE_SERVICE_KEY);
    expect(api!.environment!.STORAGE_SERVICE_KEY).toBe(storage!.environment!.STORAGE_SERVICE_KEY);
    expect(worker!.environment!.STORAGE_SERVICE_KEY).toBe(storage!.environment!.STORAGE_SERVICE_KEY);
    // Mailed links and the OAuth landing page must open in the runner's browser.
    expect(api!.environment!.WEB_URL).toBe(e2e.E2E_WEB_URL);
    expect(api!.environment!.API_PUBLIC_URL, 'OAuth redirect URIs').toBe(e2e.E2E_WEB_URL);
    expect(hostOf(api!.environment!.OAUTH_MOCK_ISSUER!)).toBe('oauth');
    expect(storage!.environment!.STORAGE_BUCKETS).toBe(STORAGE_BUCKETS);
  });

  it('takes every secret from the env file, whose values are test-only', () => {
    const raw = parse(readFileSync(join(WORKSPACE, FILE), 'utf8')) as ComposeFile;
    for (const [name, service] of Object.entries(raw.services)) {
      for (const [key, value] of Object.entries(service.environment ?? {})) {
        if (SECRET_NAME.test(key) && key !== 'SLACK_WEBHOOK_URL')
          expect(String(value), `${name}.${key}`).toMatch(/^\$\{[A-Z_]+(:\?[^}]*)?\}$/);
        // A URL holding a password holds the variable, not the password.
        if (/:\/\/[^/]*:[^/]*@/.test(String(value)))
          expect(String(value), `${name}.${key}`).toMatch(/:\/\/[^/:]*:\$\{[A-Z_]+\}@/);
      }
    }
    const entries = readFileSync(join(WORKSPACE, ENV_FILE), 'utf8')
      .split('\n')
      .filter((line) => /^[A-Z_]+=/.test(line));
    expect(entries.length).toBeGreaterThan(0);
    for (const line of entries) expect(line).toMatch(/^[A-Z_]+=test-only-/);
  });

  it('builds the app images from this workspace and pins every pulled image to a version', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      if (service.build) expect(service.build.dockerfile, name).toMatch(/^docker\/[a-z0-9-]+\.Dockerfile$/);
      else expect(service.image, name).toMatch(/^[a-z0-9./-]+:v?\d+\.\d+(\.\d+)?(-[\w.-]+)?$/);
    }
  });
});
