import { randomBytes } from 'node:crypto';
import { ensureRunId } from '@streamkit/e2e-contract';

/** The id of this test run: every name a fixture makes starts with it, so cleanup can find them. */
export const runId = ensureRunId();

/** `${prefix}-${runId}-w${worker}-${random}`: unique across workers, runs and repeats. */
export function uniqueName(prefix: string): string {
  const worker = process.env.VITEST_POOL_ID ?? process.env.TEST_PARALLEL_INDEX ?? '0';
  return `${prefix}-${runId}-w${worker}-${randomBytes(4).toString('hex')}`;
}
