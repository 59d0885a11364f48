import { startOAuthProvider } from './services/oauth.ts';

/**
 * The stack's OAuth provider as a process of its own, for the compose stack and its image
 * (`docker/test-doubles.Dockerfile`): the same sign-in behaviour the local stack runs in-process.
 * OAUTH_MOCK_HOST / OAUTH_MOCK_PORT say where it listens, OAUTH_MOCK_ISSUER how the API and the
 * browser reach it, OAUTH_MOCK_CLIENT_SECRET what the API must present.
 */
async function main() {
  const stops: (() => Promise<void>)[] = [];
  const env = await startOAuthProvider(
    { onStop: (stop) => void stops.push(stop) },
    {
      host: process.env.OAUTH_MOCK_HOST ?? '127.0.0.1',
      port: Number(process.env.OAUTH_MOCK_PORT ?? 0),
      issuerUrl: process.env.OAUTH_MOCK_ISSUER,
      clientSecret: process.env.OAUTH_MOCK_CLIENT_SECRET,
    },
  );
  console.log(`oauth listening on ${env.OAUTH_MOCK_ISSUER} (client id ${env.OAUTH_MOCK_CLIENT_ID})`);
  const close = async () => {
    for (const stop of stops) await stop().catch(() => undefined);
    process.exit(0);
  };
  process.once('SIGTERM', close);
  process.once('SIGINT', close);
}

main().catch((error: unknown) => {
  console.error('oauth: could not start', error);
  process.exit(1);
});
