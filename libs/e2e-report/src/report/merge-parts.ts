import { mergeAgents } from '../contract/agents.ts';
import type { ApiOperation, PhaseResult, PhaseStatus, TestResult, TestStatus } from '../contract/phase-result.ts';

// Worst first: when parts disagree about a phase or a test, the report shows the worst.
const PHASE_SEVERITY: PhaseStatus[] = ['interrupted', 'failed', 'passed'];
// `skipped` last: a test another part actually ran wins over a part that only listed it.
const TEST_SEVERITY: TestStatus[] = ['failed', 'flaky', 'passed', 'skipped'];

/**
 * One phase's result from the parts it was split into: shards of the same phase (CI's matrix,
 * `--shard=i/N`), or per-file runs (`e2e-ci--<file>`). The merge is what a whole-phase run would
 * have written: every test once, the worst status, the union of what could be covered. A test
 * that ran in several parts (e2e-health runs whole on every shard) keeps its worst record.
 * Parts ran side by side on separate machines, so the duration is the longest part's.
 */
export function mergePhaseParts(parts: PhaseResult[]): PhaseResult {
  const [first] = parts;
  if (!first) throw new Error('mergePhaseParts: no parts to merge');
  const foreign = parts.find((p) => p.phase !== first.phase || p.runner !== first.runner);
  if (foreign)
    throw new Error(
      `mergePhaseParts: parts of ${first.phase} (${first.runner}) and ${foreign.phase} (${foreign.runner}) cannot be merged`,
    );
  if (parts.length === 1) return first;

  const merged: PhaseResult = {
    schemaVersion: first.schemaVersion,
    phase: first.phase,
    runner: first.runner,
    status: worst(
      parts.map((p) => p.status),
      PHASE_SEVERITY,
    ),
    startedAt: earliest(parts.map((p) => p.startedAt)),
    endedAt: latest(parts.map((p) => p.endedAt)),
    durationMs: Math.max(...parts.map((p) => p.durationMs)),
    tests: mergeTests(parts.flatMap((p) => p.tests)),
    errors: [...new Set(parts.flatMap((p) => p.errors))],
  };
  const setups = parts.flatMap((p) => (p.setupMs === undefined ? [] : [p.setupMs]));
  if (setups.length > 0) merged.setupMs = Math.max(...setups);
  const runId = parts.find((p) => p.runId)?.runId;
  if (runId) merged.runId = runId;
  const timedOut = parts.flatMap((p) => (p.timedOut ? [p.timedOut] : []));
  const [firstTimeout] = timedOut;
  if (firstTimeout) {
    merged.timedOut = {
      limitMs: firstTimeout.limitMs,
      notStarted: [...new Set(timedOut.flatMap((t) => t.notStarted))].sort(),
    };
  }
  const coverable = mergeCoverable(parts);
  if (coverable) merged.coverable = coverable;
  const agents = mergeAgents(parts.map((p) => p.agents));
  if (agents) merged.agents = agents;
  return merged;
}

function mergeTests(tests: TestResult[]): TestResult[] {
  const byId = new Map<string, TestResult>();
  for (const test of tests) {
    const id = `${test.file}\u0000${test.name}`;
    const seen = byId.get(id);
    if (!seen || TEST_SEVERITY.indexOf(test.status) < TEST_SEVERITY.indexOf(seen.status)) byId.set(id, test);
  }
  return [...byId.values()];
}

function mergeCoverable(parts: PhaseResult[]): PhaseResult['coverable'] {
  const known = parts.flatMap((p) => (p.coverable ? [p.coverable] : []));
  if (known.length === 0) return undefined;
  const coverable: NonNullable<PhaseResult['coverable']> = {};
  if (known.some((c) => c.operations)) {
    const operations = new Map<string, ApiOperation>();
    for (const op of known.flatMap((c) => c.operations ?? []))
      operations.set(`${op.method} ${op.path}`, operations.get(`${op.method} ${op.path}`) ?? op);
    coverable.operations = [...operations.values()];
  }
  if (known.some((c) => c.pages)) coverable.pages = [...new Set(known.flatMap((c) => c.pages ?? []))];
  return coverable;
}

function worst<T>(values: T[], severity: T[]): T {
  return values.reduce((a, b) => (severity.indexOf(b) < severity.indexOf(a) ? b : a));
}

function earliest(dates: string[]): string {
  return dates.reduce((a, b) => (Date.parse(b) < Date.parse(a) ? b : a));
}

function latest(dates: string[]): string {
  return dates.reduce((a, b) => (Date.parse(b) > Date.parse(a) ? b : a));
}
