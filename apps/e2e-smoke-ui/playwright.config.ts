import { definePlaywrightPhase } from '@streamkit/e2e-fixtures/playwright-preset';
import { SESSION_STORAGE_KEY } from '@streamkit/web/session-key';

export default definePlaywrightPhase('e2e-smoke-ui', { use: { sessionStorageKey: SESSION_STORAGE_KEY } });
