import { test as base, type BrowserContext, type Page } from '@playwright/test';
import type { AxiosInstance } from 'axios';
import type pg from 'pg';
import { resolveTarget, type Target } from '@streamkit/e2e-contract';
import { VISITED_ROUTES_ATTACHMENT } from '@streamkit/e2e-report/playwright-reporter';
import { createApiClient } from '../api-client.ts';
import { createBrandKitsFixture, type BrandKitsFixture } from '../brand-kits.ts';
import { createMailbox, type Mailbox } from '../mail.ts';
import { createPool } from '../postgres.ts';
import { createUsersFixture, type TestUser, type UsersFixture } from '../users.ts';
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
  /** The API client of the Vitest phases, for arranging and checking data without the UI. */
  api: AxiosInstance;
  db: pg.Pool;
  /** The mail capture server: what the app sent to an address. */
  mailbox: Mailbox;
}

interface TestFixtures {
  /** Users made through the API for this test; deleted after it, pass or fail. */
  users: UsersFixture;
  /** A fresh user, signed up through the API. */
  user: TestUser;
  /** Brand kits made through the API for this test's users; deleted (with their logo files) after it. */
  brandKits: BrandKitsFixture;
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
  api: [async ({ target }, use) => use(createApiClient(target.apiUrl)), { scope: 'worker' }],
  db: [
    async ({ target }, use) => {
      const pool = createPool(target.databaseUrl, 2);
      await use(pool);
      await pool.end();
    },
    { scope: 'worker' },
  ],
  mailbox: [async ({ target }, use) => use(createMailbox(target.mailUrl)), { scope: 'worker' }],
  baseURL: async ({ target }, use) => use(target.webUrl),

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

  visitedRoutes: async ({ target }, use, testInfo) => {
    const visited = new VisitedRoutes(target.webUrl);
    await use(visited);
    // Torn down after the contexts (they depend on it), so every navigation is in.
    if (visited.paths.size > 0) {
      await testInfo.attach(VISITED_ROUTES_ATTACHMENT, { body: JSON.stringify([...visited.paths]), contentType: 'application/json' });
    }
  },
  consoleErrors: async ({}, use) => use([]),
  context: async ({ context, visitedRoutes, consoleErrors }, use) => {
    watch(context, visitedRoutes, consoleErrors);
    await use(context);
  },

  sessionTokens: async ({ user }, use) => use({ access_token: user.accessToken, refresh_token: user.refreshToken }),
  signedInPage: async ({ browser, target, sessionTokens, sessionStorageKey, visitedRoutes, consoleErrors }, use) => {
    if (!sessionStorageKey) {
      throw new Error("signedInPage needs the web app's session key: set `use: { sessionStorageKey: SESSION_STORAGE_KEY }` in the phase's playwright.config.ts");
    }
    const context = await browser.newContext({
      baseURL: target.webUrl,
      storageState: sessionStorageState(target.webUrl, sessionStorageKey, sessionTokens),
    });
    watch(context, visitedRoutes, consoleErrors);
    await use(await context.newPage());
    await context.close();
  },
});

function watch(context: BrowserContext, visitedRoutes: VisitedRoutes, consoleErrors: string[]): void {
  visitedRoutes.watch(context);
  collectConsoleErrors(context, consoleErrors);
}

function readResolvedTarget(): Target | undefined {
  const value = process.env[RESOLVED_TARGET_ENV];
  return value ? (JSON.parse(value) as Target) : undefined;
}

export { expect } from '@playwright/test';
export { findLink, type CapturedMail } from '../mail.ts';
export { uniqueName } from '../unique.ts';
export { localStorageItem, sessionStorageState };
export type { Page, TestUser };
