/**
 * Every phase's time budget, hard timeout and retry policy, in one place. The runner presets
 * (`defineVitestPhase`, `definePlaywrightPhase`) build each phase's config from it and the report
 * judges each phase by it, so nothing here is repeated in a runner config.
 *
 * Pure data and functions of the environment: the Vitest and Playwright configs, the report
 * executor and the unit tests all import it.
 */
export interface PhasePolicy {
  phase: string;
  /**
   * What the phase's tests should take on the reference machine (2 cores), setup excluded. A
   * phase past it is reported "over budget"; that is a warning, not a failure.
   */
  budgetMs: number;
  /**
   * From its first test file on, a phase running longer than this is stopped with its processes
   * and reported as timed out, naming the tests that never finished. Vitest has no such limit,
   * so the phase's reporter enforces it; Playwright's `globalTimeout` is set to it.
   */
  hardTimeoutMs: number;
  /**
   * How long a Vitest phase may spend before its first test file starts (global setup: for the
   * gate, waiting for the local stack to boot). Past it the phase is stopped as timed out.
   */
  setupTimeoutMs: number;
  /** Per test: 0 locally, 2 in CI (`CI` set), unless the phase's entry says otherwise. */
  retries: number;
  /** A flaky test (failed, then passed on a retry) fails the run: `E2E_FAIL_ON_FLAKY=1`, set by CI. */
  failOnFlaky: boolean;
  /** Per-test timeout; undefined leaves the runner preset's default (Vitest 15 s, Playwright 30 s). */
  testTimeoutMs?: number;
}

/** What a phase's entry may set; everything else comes from the defaults below. */
export interface PhasePolicyEntry {
  budgetMs: number;
  hardTimeoutMs?: number;
  retries?: { local: number; ci: number };
  testTimeoutMs?: number;
}

/** "Our budget on 2 cores" from DESIGN.md's phase table. */
export const PHASE_POLICIES: Readonly<Record<string, PhasePolicyEntry>> = {
  'e2e-health': { budgetMs: 10_000 },
  'e2e-smoke-api': { budgetMs: 20_000 },
  'e2e-flows-api': { budgetMs: 40_000 },
  'e2e-database': { budgetMs: 15_000 },
  'e2e-smoke-ui': { budgetMs: 40_000 },
  'e2e-flows-ui': { budgetMs: 60_000 },
  // Hostile input from /openapi.json: E2E_FUZZ_RUNS (default 12) cases per operation. A failing
  // case is shrunk, which takes more requests than the test's default 15 s allow.
  'e2e-fuzz-api': { budgetMs: 30_000, testTimeoutMs: 60_000 },
};

/** A phase with no entry (a new one from the `phase` generator) gets these. */
export const DEFAULT_BUDGET_MS = 30_000;
export const DEFAULT_RETRIES = { local: 0, ci: 2 } as const;
/** Longer than the local stack's own 120 s boot deadline, so that one reports first. */
export const DEFAULT_SETUP_TIMEOUT_MS = 150_000;

/**
 * Three times the budget (room for two retries of a slow test, which is what CI runs) plus half a
 * minute, so a phase that is merely slow is reported over budget long before it is stopped.
 */
export function defaultHardTimeout(budgetMs: number): number {
  return budgetMs * 3 + 30_000;
}

/** The policy of `phase` under the environment `env` (CI, E2E_FAIL_ON_FLAKY). */
export function phasePolicy(phase: string, env: NodeJS.ProcessEnv = process.env): PhasePolicy {
  const entry = PHASE_POLICIES[phase] ?? { budgetMs: DEFAULT_BUDGET_MS };
  const retries = entry.retries ?? DEFAULT_RETRIES;
  return {
    phase,
    budgetMs: entry.budgetMs,
    hardTimeoutMs: entry.hardTimeoutMs ?? defaultHardTimeout(entry.budgetMs),
    setupTimeoutMs: DEFAULT_SETUP_TIMEOUT_MS,
    retries: isCi(env) ? retries.ci : retries.local,
    failOnFlaky: failOnFlaky(env),
    ...(entry.testTimeoutMs !== undefined ? { testTimeoutMs: entry.testTimeoutMs } : {}),
  };
}

export function isCi(env: NodeJS.ProcessEnv = process.env): boolean {
  return truthy(env.CI);
}

export function failOnFlaky(env: NodeJS.ProcessEnv = process.env): boolean {
  return truthy(env.E2E_FAIL_ON_FLAKY);
}

/** `1`, `true`, `yes` (any case) are on; unset, empty, `0`, `false`, `no` are off. */
function truthy(value: string | undefined): boolean {
  return value !== undefined && !['', '0', 'false', 'no'].includes(value.trim().toLowerCase());
}
