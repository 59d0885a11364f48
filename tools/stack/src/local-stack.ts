import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import getPort from 'get-port';
import { pollUntil, removeStackFile, stackDir, writeStackFile, type StackInfo } from '@streamkit/e2e-contract';
import type { StackContext } from './context.ts';
import { guardFolder } from './folder-guard.ts';
import { pidFile, recordPids } from './leftovers.ts';
import { ServiceError, type ServiceProcess } from './process.ts';
import { startMail } from './services/mail.ts';
import { startOAuthProvider } from './services/oauth.ts';
import { migrate } from './services/migrate.ts';
import { startNodeApp } from './services/node-app.ts';
import { createAppRoles } from './services/database-roles.ts';
import { startPostgres } from './services/postgres.ts';
import { startRedis } from './services/redis.ts';
import { startWorker } from './services/worker.ts';
import { assertWebBuilt, startWeb } from './services/web.ts';

// `logos` is private: the API serves logos through signed links of its own (apps/api/src/brand-kits/logo-urls.ts).
export const STORAGE_BUCKETS = 'assets,uploads,logos,brand-assets:public';

/** Boots every service of the app under test on free ports, and stops all of them again. */
export class LocalStack {
  private readonly processes: ServiceProcess[] = [];
  private readonly cleanups: (() => Promise<void>)[] = [];
  private readonly daemonPids: number[] = [];
  private readonly dir: string;
  readonly logDir: string;

  /**
   * `stateRoot` is where the stack keeps `.e2e/` (its published file, logs and pid file): the
   * workspace by default; another folder lets a second stack run beside the one the phases use
   * (the deploy gate's test boots two).
   */
  constructor(
    private readonly root: string,
    private readonly stateRoot = root,
  ) {
    this.dir = stackDir(stateRoot);
    this.logDir = join(this.dir, 'logs');
  }

  private recordPids(): void {
    recordPids(this.dir, [...this.processes.flatMap((p) => (p.child.pid ? [p.child.pid] : [])), ...this.daemonPids]);
  }

  private context(): StackContext {
    return {
      root: this.root,
      logDir: this.logDir,
      track: (process) => {
        this.processes.push(process);
        this.recordPids();
        return process;
      },
      recordPid: (pid) => {
        this.daemonPids.push(pid);
        this.recordPids();
      },
      onStop: (cleanup) => void this.cleanups.push(cleanup),
    };
  }

  /**
   * A throwaway directory, removed when the stack stops (by its guard if the stack is killed first):
   * every boot starts from nothing.
   */
  private scratchDir(prefix: string): string {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    this.cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    guardFolder({ owner: process.pid, folder: dir });
    return dir;
  }

  async start(): Promise<StackInfo> {
    // Before anything starts: a missing build is a fact to report, not a service to stop.
    assertWebBuilt(this.root);
    rmSync(this.logDir, { recursive: true, force: true });
    mkdirSync(this.logDir, { recursive: true });
    const ctx = this.context();

    // The API links to the web app (reset mail, OAuth landing) and the web app proxies to the
    // API, so the web port is fixed first and the web server starts after the API.
    const webPort = await getPort();
    const webUrl = `http://127.0.0.1:${webPort}`;
    const [databaseUrl, redisUrl, { smtpUrl, mailUrl }] = await Promise.all([
      startPostgres(ctx),
      startRedis(ctx),
      startMail(ctx),
    ]);
    // The apps log in as roles of their own, never as the superuser `databaseUrl` names.
    const appDatabase = await createAppRoles(databaseUrl);
    const storageKey = randomBytes(24).toString('hex');
    const storageUrl = await startNodeApp(ctx, 'storage', 'apps/storage/src/main.ts', {
      STORAGE_PORT: '0',
      STORAGE_DATABASE_URL: appDatabase.storage,
      STORAGE_DATA_DIR: this.scratchDir('streamkit-storage-'),
      STORAGE_SERVICE_KEY: storageKey,
      STORAGE_BUCKETS,
    });
    await migrate(ctx, 'api', 'apps/api', databaseUrl);
    const oauthEnv = await startOAuthProvider(ctx);
    const apiUrl = await startNodeApp(ctx, 'api', 'apps/api/src/main.ts', {
      API_PORT: '0',
      DATABASE_URL: appDatabase.api,
      REDIS_URL: redisUrl,
      STORAGE_URL: storageUrl,
      STORAGE_SERVICE_KEY: storageKey,
      WEB_URL: webUrl,
      SMTP_URL: smtpUrl,
      // Every test suite calls from 127.0.0.1: per-IP limits at their production values would
      // have the suites block each other. The API's own suite tests them (apps/api, rate-limits).
      RATE_LIMIT_IP_FACTOR: '1000',
      // A fresh signing secret per boot: tokens from an earlier stack never validate.
      JWT_SECRET: randomBytes(32).toString('hex'),
      ...oauthEnv,
    });
    await pollUntil(
      'api /health',
      async () => {
        const response = await fetch(`${apiUrl}/health`);
        if (response.ok) return true;
        throw new Error(`${response.status} ${await response.text()}`);
      },
      { timeoutMs: 15_000 },
    ).catch((error: Error) => {
      throw new ServiceError('api', error.message, join(this.logDir, 'api.log'));
    });
    await Promise.all([
      startWeb(ctx, { port: webPort, apiUrl, storageUrl }),
      // The worker logs in as the API does (authenticator) and acts as each job's owner.
      startWorker(ctx, {
        DATABASE_URL: appDatabase.api,
        REDIS_URL: redisUrl,
        STORAGE_URL: storageUrl,
        STORAGE_SERVICE_KEY: storageKey,
      }),
    ]);

    const info: StackInfo = {
      pid: process.pid,
      startedAt: new Date().toISOString(),
      apiUrl,
      webUrl,
      databaseUrl,
      redisUrl,
      storageUrl,
      storageKey,
      mailUrl,
      smtpUrl,
    };
    // Written last, atomically: its presence means "everything answers".
    writeStackFile(info, this.stateRoot);
    return info;
  }

  /** Stops one service and leaves the others up: how a test breaks a stack on purpose. */
  async stopService(name: string): Promise<void> {
    const service = this.processes.find((p) => p.name === name);
    if (!service) throw new Error(`no running service named ${name} (${this.processes.map((p) => p.name).join(', ')})`);
    await service.stop();
  }

  /** Stops apps before the servers they use, then runs the clean-ups. Safe to call twice. */
  async stop(): Promise<void> {
    // Another stack may have published since; its file is not ours to remove.
    removeStackFile(process.pid, this.stateRoot);
    const processes = this.processes.splice(0).reverse();
    const apps = processes.filter((p) => ['api', 'storage', 'worker', 'web'].includes(p.name));
    await Promise.all(apps.map((p) => p.stop()));
    await Promise.all(processes.filter((p) => !apps.includes(p)).map((p) => p.stop()));
    for (const cleanup of this.cleanups.splice(0)) await cleanup().catch(() => undefined);
    rmSync(pidFile(this.dir), { force: true });
  }
}
