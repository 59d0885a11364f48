import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

const VALID = {
  STORAGE_DATABASE_URL: 'postgres://storage@127.0.0.1:5432/app',
  STORAGE_DATA_DIR: 'tmp/storage-data',
  STORAGE_SERVICE_KEY: 'service-key-0123456789',
};

describe('loadConfig', () => {
  it('reads the environment, with defaults for the optional variables', () => {
    const config = loadConfig({ ...VALID, STORAGE_BUCKETS: 'assets,uploads,logos:public,brand-assets:public' });
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 5000,
      databaseUrl: VALID.STORAGE_DATABASE_URL,
      serviceKey: VALID.STORAGE_SERVICE_KEY,
      fileSizeLimit: 50 * 1024 * 1024,
      logLevel: 'warn',
      buckets: [
        { id: 'assets', public: false },
        { id: 'uploads', public: false },
        { id: 'logos', public: true },
        { id: 'brand-assets', public: true },
      ],
    });
    expect(config.dataDir).toMatch(/^\/.*tmp\/storage-data$/);
    expect(loadConfig({ ...VALID, STORAGE_PORT: '0' }).port).toBe(0);
  });

  it('names every missing or malformed variable', () => {
    const problems = (env: NodeJS.ProcessEnv) => {
      try {
        loadConfig(env);
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        return (error as Error).message;
      }
      throw new Error('loadConfig accepted a bad environment');
    };
    const missing = problems({});
    for (const name of ['STORAGE_DATABASE_URL', 'STORAGE_DATA_DIR', 'STORAGE_SERVICE_KEY']) {
      expect(missing).toContain(`${name} is not set`);
    }
    expect(problems({ ...VALID, STORAGE_PORT: 'eighty' })).toContain('STORAGE_PORT is invalid');
    expect(problems({ ...VALID, STORAGE_DATABASE_URL: 'mysql://x' })).toContain('STORAGE_DATABASE_URL is invalid');
    expect(problems({ ...VALID, STORAGE_BUCKETS: 'assets,logos:shared' })).toContain('STORAGE_BUCKETS is invalid');
    expect(problems({ ...VALID, STORAGE_FILE_SIZE_LIMIT: '-1' })).toContain('STORAGE_FILE_SIZE_LIMIT is invalid');
  });

  it('stops main.ts with exit code 1 and a message naming the variable', async () => {
    const env = { ...process.env, ...VALID, STORAGE_SERVICE_KEY: undefined };
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: fileURLToPath(new URL('..', import.meta.url)),
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    const [code] = await once(child, 'exit');
    expect(code).toBe(1);
    expect(stderr).toContain('STORAGE_SERVICE_KEY is not set');
  });
});
