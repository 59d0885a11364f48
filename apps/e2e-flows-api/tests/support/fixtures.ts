import { test as base } from '@streamkit/e2e-fixtures/vitest';
import { TestProcesses } from './processes.ts';

/** The API flows' `test`: the shared fixtures, plus processes a test starts itself (killed after it). */
export const test = base.extend('processes', async ({}, { onCleanup }) => {
  const processes = new TestProcesses();
  onCleanup(() => processes.killAll());
  return processes;
});

export { describe, expect } from '@streamkit/e2e-fixtures/vitest';
