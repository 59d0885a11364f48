import { inject, test as base } from 'vitest';
import { createApiClient } from '../api-client.ts';
import { createBrandKitsFixture } from '../brand-kits.ts';
import { createGenerationFixture } from '../generation.ts';
import { createMailbox } from '../mail.ts';
import { createPool } from '../postgres.ts';
import { connectRedis } from '../redis.ts';
import { createStorageClient } from '../storage.ts';
import { createUsersFixture } from '../users.ts';

/**
 * The Vitest phases' `test`: infrastructure clients are worker-scoped (one per worker, closed
 * when it ends); anything a test creates belongs to test-scoped fixtures that clean up after it.
 */
export const test = base
  .extend('target', { scope: 'worker' }, async () => inject('target'))
  .extend('api', { scope: 'worker' }, async ({ target }) => createApiClient(target.apiUrl))
  .extend('db', { scope: 'worker' }, async ({ target }, { onCleanup }) => {
    const pool = createPool(target.databaseUrl);
    onCleanup(() => pool.end());
    return pool;
  })
  .extend('redis', { scope: 'worker' }, async ({ target }, { onCleanup }) => {
    const redis = await connectRedis(target.redisUrl);
    onCleanup(() => void redis.disconnect());
    return redis;
  })
  .extend('storage', { scope: 'worker' }, async ({ target }) =>
    createStorageClient(target.storageUrl, target.storageKey),
  )
  // Per test: the users it signs up are deleted after it, passed or failed.
  .extend('users', async ({ api, db }, { onCleanup }) => {
    const users = createUsersFixture({ api, db });
    onCleanup(() => users.cleanup());
    return users;
  })
  // A fresh user, signed up through the API (deleted with `users`).
  .extend('user', async ({ users }) => users.create())
  // Per test: kits made for its users, deleted through the API (with their logo files) before the
  // users go. Its own client does not count towards endpoint coverage: setup is not a test of it.
  .extend('brandKits', async ({ target, users: _ }, { onCleanup }) => {
    const brandKits = createBrandKitsFixture({ api: createApiClient(target.apiUrl, { recordRequests: false }) });
    onCleanup(() => brandKits.cleanup());
    return brandKits;
  })
  // Per test: the images its jobs stored are removed after it (the rows go with the users).
  .extend('generation', async ({ api, storage, users: _ }, { onCleanup }) => {
    const generation = createGenerationFixture({ api, storage });
    onCleanup(() => generation.cleanup());
    return generation;
  })
  .extend('mailbox', { scope: 'worker' }, async ({ target }) => createMailbox(target.mailUrl));

export { describe, expect } from 'vitest';
