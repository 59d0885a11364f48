import { readLiveStack } from '@streamkit/stack/stack-file';

/** Where a script works: a database, and optionally the storage service beside it. */
export interface ScriptTarget {
  source: 'environment' | 'local stack';
  databaseUrl: string;
  storage?: { url: string; key: string };
}

export class TargetError extends Error {}

/**
 * `E2E_DATABASE_URL` (with `E2E_STORAGE_URL` + `E2E_STORAGE_KEY`) when set, so the scripts work
 * against any deployment; otherwise the running local stack's `.e2e/stack.json`.
 */
export function resolveScriptTarget(
  env: NodeJS.ProcessEnv = process.env,
  liveStack: typeof readLiveStack = readLiveStack,
): ScriptTarget {
  if (env.E2E_DATABASE_URL) {
    const { E2E_STORAGE_URL: url, E2E_STORAGE_KEY: key } = env;
    if (Boolean(url) !== Boolean(key)) {
      throw new TargetError(`${url ? 'E2E_STORAGE_KEY' : 'E2E_STORAGE_URL'} is not set: storage needs both E2E_STORAGE_URL and E2E_STORAGE_KEY`);
    }
    return { source: 'environment', databaseUrl: env.E2E_DATABASE_URL, ...(url && key && { storage: { url, key } }) };
  }
  const stack = liveStack();
  if (!stack) {
    throw new TargetError(
      'no target: set E2E_DATABASE_URL (and E2E_STORAGE_URL, E2E_STORAGE_KEY), or start the local stack with `npm run stack`',
    );
  }
  return { source: 'local stack', databaseUrl: stack.databaseUrl, storage: { url: stack.storageUrl, key: stack.storageKey } };
}
