import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ServiceGroup } from '../service-group.ts';
import { createAppRoles } from '../services/database-roles.ts';
import { startMail } from '../services/mail.ts';
import { migrate } from '../services/migrate.ts';
import { startNodeApp } from '../services/node-app.ts';
import { startPostgres } from '../services/postgres.ts';
import { startRedis } from '../services/redis.ts';
import { STORAGE_BUCKETS } from '../local-stack.ts';

/** The `E2E_*` variables of an external target, by name. */
export type TargetEnv = Record<
  | 'E2E_API_URL'
  | 'E2E_WEB_URL'
  | 'E2E_DATABASE_URL'
  | 'E2E_REDIS_URL'
  | 'E2E_STORAGE_URL'
  | 'E2E_STORAGE_KEY'
  | 'E2E_MAIL_URL',
  string
>;

/**
 * The servers the health phase checks (PostgreSQL, Redis, storage, mail, the API), started by the
 * stack's own code in a group of their own: no web app, no `.e2e/stack.json`, so nobody else's
 * stack is touched. The fault-injection tests point the phases at them as an external target,
 * with one variable replaced by something broken.
 */
export async function startHealthyServices(root: string): Promise<{ env: TargetEnv; stop: () => Promise<void> }> {
  const services = new ServiceGroup(root);
  try {
    const [databaseUrl, redisUrl, { smtpUrl, mailUrl }] = await Promise.all([
      startPostgres(services),
      startRedis(services),
      startMail(services),
    ]);
    const roles = await createAppRoles(databaseUrl);
    const storageKey = randomBytes(24).toString('hex');
    const storageDir = mkdtempSync(join(tmpdir(), 'streamkit-fault-storage-'));
    services.onStop(async () => (await import('node:fs')).rmSync(storageDir, { recursive: true, force: true }));
    const storageUrl = await startNodeApp(services, 'storage', 'apps/storage/src/main.ts', {
      STORAGE_PORT: '0',
      STORAGE_DATABASE_URL: roles.storage,
      STORAGE_DATA_DIR: storageDir,
      STORAGE_SERVICE_KEY: storageKey,
      STORAGE_BUCKETS,
    });
    await migrate(services, 'api', 'apps/api', databaseUrl);
    const apiUrl = await startNodeApp(services, 'api', 'apps/api/src/main.ts', {
      API_PORT: '0',
      DATABASE_URL: roles.api,
      REDIS_URL: redisUrl,
      STORAGE_URL: storageUrl,
      STORAGE_SERVICE_KEY: storageKey,
      WEB_URL: 'http://127.0.0.1:9',
      SMTP_URL: smtpUrl,
      JWT_SECRET: randomBytes(32).toString('hex'),
    });
    const env: TargetEnv = {
      E2E_API_URL: apiUrl,
      // The health phase never opens the web app; the variable only has to be there.
      E2E_WEB_URL: 'http://127.0.0.1:9',
      E2E_DATABASE_URL: databaseUrl,
      E2E_REDIS_URL: redisUrl,
      E2E_STORAGE_URL: storageUrl,
      E2E_STORAGE_KEY: storageKey,
      E2E_MAIL_URL: mailUrl,
    };
    return { env, stop: () => services.stop() };
  } catch (error) {
    await services.stop();
    throw error;
  }
}
