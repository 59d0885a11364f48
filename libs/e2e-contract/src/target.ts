import { pollUntil } from './poll.ts';
import { readLiveStack, readStackError, stackFile, type StackInfo } from './stack-file.ts';
import { requestStack } from './stack-request.ts';

/**
 * Where the phases point: every URL and credential of the deployment under test. Locally these
 * are the fields the stack publishes; the web URL serves the API's paths on its own origin too.
 */
export type Target = { kind: 'local' | 'external' } & Pick<
  StackInfo,
  'apiUrl' | 'webUrl' | 'databaseUrl' | 'redisUrl' | 'storageUrl' | 'storageKey' | 'mailUrl'
>;

/** The E2E_* variable behind each field, for `E2E_TARGET=external`. */
export const TARGET_VARIABLES = {
  apiUrl: 'E2E_API_URL',
  webUrl: 'E2E_WEB_URL',
  databaseUrl: 'E2E_DATABASE_URL',
  redisUrl: 'E2E_REDIS_URL',
  storageUrl: 'E2E_STORAGE_URL',
  storageKey: 'E2E_STORAGE_KEY',
  mailUrl: 'E2E_MAIL_URL',
} as const satisfies Record<Exclude<keyof Target, 'kind'>, string>;

/** The target is not set, half set or unknown; the message names what to set. */
export class TargetError extends Error {}

/** The local stack reported that it could not start: no point waiting any longer. */
export class StackFailedError extends Error {}

export function externalTarget(env: NodeJS.ProcessEnv = process.env): Target {
  const missing = Object.values(TARGET_VARIABLES).filter((name) => !env[name]);
  if (missing.length > 0) {
    throw new TargetError(
      `E2E_TARGET=external needs ${missing.join(', ')} (not set). ` +
        'Set every E2E_* variable listed in the README, or unset E2E_TARGET to use the local stack.',
    );
  }
  const value = (key: keyof typeof TARGET_VARIABLES) => env[TARGET_VARIABLES[key]]!.replace(/\/$/, '');
  return {
    kind: 'external',
    apiUrl: value('apiUrl'),
    webUrl: value('webUrl'),
    databaseUrl: value('databaseUrl'),
    redisUrl: value('redisUrl'),
    storageUrl: value('storageUrl'),
    storageKey: value('storageKey'),
    mailUrl: value('mailUrl'),
  };
}

/**
 * Asks the local stack's controller (`nx run stack:serve`, started by Nx beside the phase) to
 * boot, and waits for the stack to publish its URLs: the services boot on the first phase that
 * asks (stack-request.ts), and Nx does not wait for a continuous task to be ready, so the phase
 * does. A stack already up (`npm run stack`) is used as it is.
 */
export async function localTarget(timeoutMs = 120_000): Promise<Target> {
  const since = Date.now() - 5_000; // the stack starts beside the phase, possibly a moment earlier
  const withdraw = requestStack();
  try {
    const stack = await pollUntil(
      `the local stack to publish ${stackFile()}`,
      async () => {
        const failure = readStackError(since);
        if (failure) throw new StackFailedError(failure);
        return readLiveStack();
      },
      {
        timeoutMs,
        intervalMs: 250,
        fatal: StackFailedError,
        hint: 'Is `nx run stack:serve` running? Run the phase through Nx (`npx nx run e2e-health:e2e`) or start `npm run stack` in another terminal; its logs are in .e2e/logs/.',
      },
    );
    const { pid, startedAt, smtpUrl, ...target } = stack; // what only the stack itself needs
    return { kind: 'local', ...target };
  } finally {
    withdraw();
  }
}

/** The phases' target: the E2E_* variables with `E2E_TARGET=external`, else the local stack. */
export function resolveTarget(env: NodeJS.ProcessEnv = process.env): Promise<Target> {
  const kind = env.E2E_TARGET ?? 'local';
  if (kind === 'external') return Promise.resolve(externalTarget(env));
  if (kind === 'local') return localTarget();
  throw new TargetError(`E2E_TARGET must be "local" or "external", not "${kind}"`);
}

/** Where a script works: a database, and optionally the storage service beside it. */
export interface DataTarget {
  source: 'environment' | 'local stack';
  databaseUrl: string;
  storage?: { url: string; key: string };
}

/**
 * The scripts' target (seed, cleanup): `E2E_DATABASE_URL` (with `E2E_STORAGE_URL` +
 * `E2E_STORAGE_KEY`) when set, so they work against any deployment; otherwise the running local
 * stack's `.e2e/stack.json`. Unlike a phase, a script needs only the data stores and never waits.
 */
export function resolveDataTarget(
  env: NodeJS.ProcessEnv = process.env,
  liveStack: () => StackInfo | undefined = readLiveStack,
): DataTarget {
  const databaseUrl = env[TARGET_VARIABLES.databaseUrl];
  if (databaseUrl) {
    const url = env[TARGET_VARIABLES.storageUrl];
    const key = env[TARGET_VARIABLES.storageKey];
    if (Boolean(url) !== Boolean(key)) {
      const missing = url ? TARGET_VARIABLES.storageKey : TARGET_VARIABLES.storageUrl;
      throw new TargetError(
        `${missing} is not set: storage needs both ${TARGET_VARIABLES.storageUrl} and ${TARGET_VARIABLES.storageKey}`,
      );
    }
    return { source: 'environment', databaseUrl, ...(url && key && { storage: { url, key } }) };
  }
  const stack = liveStack();
  if (!stack) {
    throw new TargetError(
      'no target: set E2E_DATABASE_URL (and E2E_STORAGE_URL, E2E_STORAGE_KEY), or start the local stack with `npm run stack`',
    );
  }
  return {
    source: 'local stack',
    databaseUrl: stack.databaseUrl,
    storage: { url: stack.storageUrl, key: stack.storageKey },
  };
}
