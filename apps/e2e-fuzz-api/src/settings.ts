/**
 * How much to fuzz: `E2E_FUZZ_RUNS` cases per operation and caller mix, from `E2E_FUZZ_SEED`.
 * The default seed is fixed, so a run is reproducible and cacheable like every other phase; set
 * another seed to explore (the failure message says which one to replay with).
 */
export const DEFAULT_FUZZ_SEED = 20261130;
/** ~40 ms a case on 2 busy cores: 12 cases keep ~50 operations inside the phase's 30 s budget. */
export const DEFAULT_FUZZ_RUNS = 12;

export interface FuzzSettings {
  seed: number;
  runs: number;
  /** fast-check's replay path of one failure (`E2E_FUZZ_PATH`), with the seed it came from. */
  path?: string;
}

export function fuzzSettings(env: NodeJS.ProcessEnv = process.env): FuzzSettings {
  const seed = integer(env.E2E_FUZZ_SEED, 'E2E_FUZZ_SEED', DEFAULT_FUZZ_SEED);
  const runs = integer(env.E2E_FUZZ_RUNS, 'E2E_FUZZ_RUNS', DEFAULT_FUZZ_RUNS);
  if (runs < 1) throw new Error(`E2E_FUZZ_RUNS=${env.E2E_FUZZ_RUNS}: must be at least 1`);
  return { seed, runs, ...(env.E2E_FUZZ_PATH ? { path: env.E2E_FUZZ_PATH } : {}) };
}

/** The seed of one operation: the run's seed mixed with its id, so adding an operation leaves the others' cases alone. */
export function operationSeed(seed: number, operationId: string): number {
  let hash = seed | 0;
  for (const char of operationId) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193);
  return hash | 0;
}

function integer(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined || value.trim() === '') return fallback;
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed)) throw new Error(`${name}=${value}: must be an integer`);
  return parsed;
}
