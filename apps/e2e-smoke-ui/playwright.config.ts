import { definePlaywrightPhase } from '@streamkit/e2e-fixtures/playwright-preset';
import { routes } from '@streamkit/web/routes';
import { SESSION_STORAGE_KEY } from '@streamkit/web/session-key';

// The manifest's routes are what this phase could cover: page coverage is measured against them.
export default definePlaywrightPhase(
  'e2e-smoke-ui',
  { use: { sessionStorageKey: SESSION_STORAGE_KEY } },
  { pages: routes.map((route) => route.path) },
);
