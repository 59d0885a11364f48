import { createServer, type Server } from 'node:net';
import { loadConfig, type ApiConfig } from '../config.ts';

/** A port that refuses connections: a server we open, note the port of, and close again. */
export async function closedPort(): Promise<number> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A complete configuration whose every service (and OAuth provider) refuses connections. */
export async function unreachableConfig(overrides: NodeJS.ProcessEnv = {}): Promise<ApiConfig> {
  const port = await closedPort();
  return loadConfig({
    DATABASE_URL: `postgres://nobody@127.0.0.1:${port}/none`,
    REDIS_URL: `redis://127.0.0.1:${port}`,
    STORAGE_URL: `http://127.0.0.1:${port}`,
    STORAGE_SERVICE_KEY: 'x'.repeat(32),
    JWT_SECRET: 'unit-test-secret-'.padEnd(40, 'x'),
    SMTP_URL: `smtp://127.0.0.1:${port}`,
    WEB_URL: 'http://web.test',
    OAUTH_PROVIDERS: 'mock',
    OAUTH_MOCK_CLIENT_ID: 'client',
    OAUTH_MOCK_CLIENT_SECRET: 'secret',
    OAUTH_MOCK_AUTHORIZE_URL: 'http://idp.test/authorize',
    OAUTH_MOCK_TOKEN_URL: `http://127.0.0.1:${port}/token`,
    OAUTH_MOCK_USERINFO_URL: `http://127.0.0.1:${port}/userinfo`,
    LOG_LEVEL: 'silent',
    ...overrides,
  });
}
