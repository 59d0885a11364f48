import { test as base, type BrowserContext, type Page } from '@playwright/test';
import type { AxiosInstance } from 'axios';
import type pg from 'pg';
import { resolveTarget, type Target } from '@streamkit/e2e-contract';
import { API_REQUESTS_ATTACHMENT, VISITED_ROUTES_ATTACHMENT } from '@streamkit/e2e-report/contract';
import { createApiClient } from '../api-client.ts';
import { createBrandKitsFixture, type BrandKitsFixture } from '../brand-kits.ts';
import { createGenerationFixture, type GenerationFixture } from '../generation.ts';
import { createMailbox, type Mailbox } from '../mail.ts';
import { createPool } from '../postgres.ts';
import { createStorageClient, type StorageClient } from '../storage.ts';
import { recordRequestsOfWorkerTest } from '../request-log.ts';
import { createUsersFixture, type TestUser, type UsersFixture } from '../users.ts';
import { ApiRequests } from './api-requests.ts';
import { collectConsoleErrors } from './console-errors.ts';
import { RESOLVED_TARGET_ENV } from './global-setup.ts';
import { localStorageItem, sessionStorageState, type SessionTokens } from './session.ts';
import { VisitedRoutes } from './visited-routes.ts';

/** Options a UI phase sets in its config's `use`. */
export interface PhaseOptions {
  /** The web app's localStorage key for the session (`SESSION_STORAGE_KEY` of `@streamkit/web`). */
  sessionStorageKey: string;
}

interface WorkerFixtures {
  target: Target;
  /**
   * The API client of the Vitest phases, for arranging and checking data without the UI. Its
   * requests count for endpoint coverage, for the test that sends them, as its pages' do
   * (`users.create()`'s do not).
   */
  api: AxiosInstance;
  db: pg.Pool;
  /** The mail capture server: what the app sent to an address. */
  mailbox: Mailbox;
  /** The object storage, with the service key. */
  storage: StorageClient;
}

interface TestFixtures {
  /** The API requests the test made, its pages' and `api`'s; attached to the test for endpoint coverage. */
  apiRequests: ApiRequests;
  /** Users made through the API for this test; deleted after it, pass or fail. */
  users: UsersFixture;
  /** A fresh user, signed up through the API. */
  user: TestUser;
  /** Brand kits made through the API for this test's users; deleted (with their logo files) after it. */
  brandKits: BrandKitsFixture;
  /** Generation jobs for this test's users (through the API or the UI); their stored images are removed after it. */
  generation: GenerationFixture;
  /** The tokens `signedInPage` starts with: `user`'s, unless a test overrides them with `test.use`. */
  sessionTokens: SessionTokens;
  /** A page in its own context, signed in with `sessionTokens` through a `storageState` (no form typed into). */
  signedInPage: Page;
  /** Paths the test's pages navigated to; attached to the test for page coverage. */
  visitedRoutes: VisitedRoutes;
  /** Console errors and uncaught exceptions of the test's pages; a clean page leaves it empty. */
  consoleErrors: string[];
}

/**
 * The UI phases' `test`. Infrastructure is worker-scoped (the target is resolved once by the
 * global setup); users and pages are test-scoped and cleaned up after the test.
 */
export const test = base.extend<TestFixtures & PhaseOptions, WorkerFixtures>({
  sessionStorageKey: ['', { option: true }],

  target: [async ({}, use) => use(readResolvedTarget() ?? (await resolveTarget())), { scope: 'worker' }],
  db: [
    async ({ target }, use) => {
      const pool = createPool(target.databaseUrl, 2);
      await use(pool);
      await pool.end();
    },
    { scope: 'worker' },
  ],
  api: [async ({ target }, use) => use(createApiClient(target.apiUrl)), { scope: 'worker' }],
  mailbox: [async ({ target }, use) => use(createMailbox(target.mailUrl)), { scope: 'worker' }],
  storage: [
    async ({ target }, use) => use(createStorageClient(target.storageUrl, target.storageKey)),
    { scope: 'worker' },
  ],
  baseURL: async ({ target }, use) => use(target.webUrl),

  // Automatic: a test that only calls `api` still has its requests recorded.
  apiRequests: [
    async ({ target }, use, testInfo) => {
      const requests = new ApiRequests(target.apiUrl, target.webUrl);
      recordRequestsOfWorkerTest(requests.sent);
      await use(requests);
      recordRequestsOfWorkerTest(undefined);
      // Torn down after the contexts (they depend on it), so every request is in.
      const sent = requests.requests;
      if (sent.length > 0)
        await testInfo.attach(API_REQUESTS_ATTACHMENT, { body: JSON.stringify(sent), contentType: 'application/json' });
    },
    { auto: true },
  ],

  users: async ({ api, db }, use) => {
    const users = createUsersFixture({ api, db });
    await use(users);
    await users.cleanup();
  },
  user: async ({ users }, use) => use(await users.create()),
  // Depends on `users` so it is torn down first, while the kits' owners still exist.
  brandKits: async ({ target, users: _ }, use) => {
    const brandKits = createBrandKitsFixture({ api: createApiClient(target.apiUrl, { recordRequests: false }) });
    await use(brandKits);
    await brandKits.cleanup();
  },

  // Depends on `users` so it is torn down first; jobs made through the UI are cleaned up too once
  // the test names their owner (`generation.track(user)`).
  generation: async ({ api, storage, users: _ }, use) => {
    const generation = createGenerationFixture({ api, storage });
    await use(generation);
    await generation.cleanup();
  },

  visitedRoutes: async ({ target }, use, testInfo) => {
    const visited = new VisitedRoutes(target.webUrl);
    await use(visited);
    // Torn down after the contexts (they depend on it), so every navigation is in.
    if (visited.paths.size > 0) {
      await testInfo.attach(VISITED_ROUTES_ATTACHMENT, {
        body: JSON.stringify([...visited.paths]),
        contentType: 'application/json',
      });
    }
  },
  consoleErrors: async ({}, use) => use([]),
  context: async ({ context, visitedRoutes, apiRequests, consoleErrors }, use) => {
    watch(context, visitedRoutes, apiRequests, consoleErrors);
    await use(context);
  },

  sessionTokens: async ({ user }, use) => use({ access_token: user.accessToken, refresh_token: user.refreshToken }),
  signedInPage: async (
    { browser, target, sessionTokens, sessionStorageKey, visitedRoutes, apiRequests, consoleErrors },
    use,
  ) => {
    if (!sessionStorageKey) {
      throw new Error(
        "signedInPage needs the web app's session key: set `use: { sessionStorageKey: SESSION_STORAGE_KEY }` in the phase's playwright.config.ts",
      );
    }
    const context = await browser.newContext({
      baseURL: target.webUrl,
      storageState: sessionStorageState(target.webUrl, sessionStorageKey, sessionTokens),
    });
    watch(context, visitedRoutes, apiRequests, consoleErrors);
    await use(await context.newPage());
    await context.close();
  },
});

function watch(
  context: BrowserContext,
  visitedRoutes: VisitedRoutes,
  apiRequests: ApiRequests,
  consoleErrors: string[],
): void {
  visitedRoutes.watch(context);
  apiRequests.watch(context);
  collectConsoleErrors(context, consoleErrors);
}

function readResolvedTarget(): Target | undefined {
  const value = process.env[RESOLVED_TARGET_ENV];
  return value ? (JSON.parse(value) as Target) : undefined;
}

export { expect } from '@playwright/test';
export { findLink, type CapturedMail } from '../mail.ts';
export { uniqueName } from '../unique.ts';
export { bearer, BRAND_KITS_PATH, type BrandKit } from '../brand-kits.ts';
export { solidPng } from '../images.ts';
export { localStorageItem, sessionStorageState };
export type { Page, TestUser };
