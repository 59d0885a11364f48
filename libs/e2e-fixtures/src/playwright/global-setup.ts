import { resolveTarget } from '@streamkit/e2e-contract';
import { findChromium } from './chromium.ts';

/** Where the global setup hands the resolved target to the workers (they inherit its env). */
export const RESOLVED_TARGET_ENV = 'E2E_RESOLVED_TARGET';

/**
 * Runs once, before any test. A missing browser, a missing E2E_* variable, or a local stack that
 * never published `.e2e/stack.json` (Nx does not wait for `stack:serve`) stops the phase here,
 * with one message instead of one per test.
 */
export default async function globalSetup(): Promise<void> {
  findChromium();
  process.env[RESOLVED_TARGET_ENV] = JSON.stringify(await resolveTarget());
}
