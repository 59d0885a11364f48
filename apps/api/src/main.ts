import { buildApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';

async function main() {
  const config = loadConfig();
  const app = await buildApp(config);
  const address = await app.listen({ host: config.API_HOST, port: config.API_PORT });
  // The stack reads this line to learn the port when it asked for port 0.
  console.log(`api listening on ${address}`);

  const close = async (signal: string) => {
    app.log.info({ signal }, 'closing');
    await app.close();
    process.exit(0);
  };
  process.once('SIGTERM', close);
  process.once('SIGINT', close);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
