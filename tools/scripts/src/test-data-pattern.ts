import { ANY_RUN_ID } from '@streamkit/e2e-contract';

/**
 * What test-made data looks like. The fixtures name everything `uniqueName(prefix)` =
 * `${prefix}-${runId}-w${worker}-${8 hex}` (libs/e2e-fixtures/src/unique.ts) with run ids
 * `e2e` + base-36 digits (`ANY_RUN_ID` of the contract), so a name holding `<runId>-w<n>-<8 hex>` was made by a test run.
 * The pattern is a POSIX regex that PostgreSQL (`~`) and JavaScript read alike.
 */
const RUN_ID = /^[0-9a-z]+$/;

export class PatternError extends Error {}

/** The pattern for one run's data (`runId`), or for every test run's when it is undefined. */
export function testDataPattern(runId?: string): string {
  if (runId !== undefined && !RUN_ID.test(runId)) {
    throw new PatternError(`"${runId}" is not a run id: expected lowercase letters and digits, like e2emh3x9k2p`);
  }
  // Anchored at the start or after a separator, so `xe2e1-w1-…` inside a longer word is no match.
  return `(^|[^0-9a-z])${runId ?? ANY_RUN_ID}-w[0-9]+-[0-9a-f]{8}`;
}

export function matchesTestData(pattern: string, value: string): boolean {
  return new RegExp(pattern, 'i').test(value);
}
