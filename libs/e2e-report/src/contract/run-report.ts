import { z } from 'zod';
import { AgentFiles } from './agents.ts';
import { Attachment, isoDate, milliseconds, Runner, TestError } from './phase-result.ts';
import { QuarantineEntry } from './quarantine.ts';
import { readResultFile } from './read.ts';

/**
 * `dist/e2e/report.json`: every phase of one run, aggregated. CI, dashboards and the HTML and
 * Slack renderers read this rather than the per-phase files. Versioned like the phase result,
 * and like it the single source of its types, JSON Schema (`docs/report-schema.json`) and doc
 * tables.
 */
export const RUN_REPORT_SCHEMA_VERSION = 3;

const count = z.int().nonnegative();

export const Counts = z
  .object({
    passed: count.describe('passed at the first attempt'),
    failed: count.describe('failed at the last attempt'),
    skipped: count.describe('not run on purpose'),
    flaky: count.describe('failed, then passed on a retry'),
    quarantined: count.describe(
      'failed or flaky, but listed in the quarantine file and not expired: reported, not failing the run',
    ),
  })
  .meta({
    id: 'Counts',
    description:
      'Disjoint: a flaky test counts only as flaky, a quarantined failure only as quarantined, so the five add up to the number of tests.',
  });

export const PhaseReportStatus = z.enum(['passed', 'failed', 'not-run']);

export const PhaseSummary = z
  .object({
    name: z.string().describe('the Nx project'),
    dependsOn: z.array(z.string()).describe('the phases it waits for in the Nx task graph'),
    status: PhaseReportStatus.describe(
      'an interrupted run or an unreadable results file is `failed`; `errors` says which',
    ),
    notRunReason: z
      .string()
      .optional()
      .describe('only for `not-run`: `"<phase> failed"`, `"<phase> not run"` or `"no results file"`'),
    runner: Runner.optional().describe('absent when the phase did not run'),
    counts: Counts.describe("the phase's tests"),
    durationMs: milliseconds.describe('as in the results'),
    startedAt: isoDate.nullable().describe('null when the phase did not run'),
    endedAt: isoDate.nullable().describe('null when the phase did not run'),
    errors: z
      .array(z.string())
      .describe(
        'run errors: global setup, unhandled errors, an unreadable results file, `stopped at its hard timeout of …`',
      ),
    budgetMs: milliseconds.describe("from the phase policy: what the phase's tests should take"),
    hardTimeoutMs: milliseconds.describe('from the phase policy: when the phase is stopped'),
    setupMs: milliseconds.describe('part of `durationMs` before the first test file (0 when unknown)'),
    overBudget: z.boolean().describe('`durationMs − setupMs > budgetMs`: a warning, the verdict ignores it'),
    timedOut: z
      .boolean()
      .describe(
        "stopped at the hard timeout (a Vitest phase's `timedOut`, or a Playwright phase whose run errors name its global timeout)",
      ),
    notStarted: z.array(z.string()).optional().describe('test files that never started because the phase timed out'),
    cached: z.boolean().describe("the results carry another run's `runId`: restored from the Nx cache"),
    agents: z
      .array(AgentFiles)
      .optional()
      .describe(
        'which agent (machine, shard) ran which of its spec files, as its results say; absent when they do not',
      ),
  })
  .meta({ id: 'PhaseSummary', description: 'One phase of the run, judged against its policy.' });

export const Failure = z
  .object({
    phase: z.string(),
    file: z.string().describe('the spec file'),
    name: z.string().describe('the full name of the test'),
    error: TestError,
    attachments: z.array(Attachment).optional().describe('screenshots, traces'),
  })
  .meta({ id: 'Failure', description: 'A failed test.' });

export const FlakyTest = z
  .object({
    phase: z.string(),
    file: z.string().describe('the spec file'),
    name: z.string().describe('the full name of the test'),
    retries: z.int().nonnegative().describe('how many attempts failed before it passed'),
    error: TestError.optional().describe('the error of the attempt that failed'),
    attachments: z.array(Attachment).optional().describe('of every attempt'),
  })
  .meta({ id: 'FlakyTest', description: 'A test that failed, then passed on a retry.' });

export const CoverageHit = z
  .object({
    phase: z.string(),
    file: z.string().describe('the spec file of the test'),
    test: z.string().describe('the full name of the test'),
    reached: z.string().describe('what it sent or visited: `GET /api/v1/brand-kits/3f2a…`, `/dashboard/brand-kits/7`'),
  })
  .meta({ id: 'CoverageHit', description: 'One test reaching one item: the evidence that the item is covered.' });

export const CoveredItem = z
  .object({
    key: z.string().describe('`METHOD /template` of an operation, or a route pattern'),
    operationId: z
      .string()
      .optional()
      .describe("endpoints: the operation's `operationId`, when the document gives one"),
    hits: z
      .array(CoverageHit)
      .describe('every test that reached it (unique per test and concrete request); empty: not covered'),
  })
  .meta({ id: 'CoveredItem', description: 'One operation or page, with the tests that reached it.' });

export const CoverageSummary = z
  .object({
    covered: count.describe('items at least one test reached'),
    total: count.describe('items listed'),
    uncovered: z.array(z.string()).describe('keys of the items no test reached'),
    unmatched: z
      .array(z.string())
      .describe('what tests reached that the surface does not list: an undocumented route, the 404 page'),
    listedBy: z.array(z.string()).describe('the phases whose results listed the surface (their `coverable`)'),
    items: z.array(CoveredItem).describe('every item listed, in the order listed'),
  })
  .meta({
    id: 'CoverageSummary',
    description: 'How much of a surface (API operations, web app pages) the run exercised, and by which tests.',
  });

export const Coverage = z
  .object({
    endpoints: CoverageSummary.nullable().describe(
      "the API's operations against the requests tests made; null when no phase that ran listed the operations",
    ),
    pages: CoverageSummary.nullable().describe(
      "the web app's route patterns against the paths UI tests visited; null when no UI phase ran",
    ),
    notMeasured: z
      .object({ endpoints: z.string().optional(), pages: z.string().optional() })
      .optional()
      .describe('why a coverage is null, when one is'),
  })
  .meta({ id: 'Coverage' });

export const QuarantinedTest = QuarantineEntry.extend({
  phase: z.string().optional().describe('the phase that ran it; absent when no phase of this run did'),
  outcome: z
    .enum(['passed', 'failed', 'flaky', 'skipped', 'not-found'])
    .describe(
      'this run: `not-found` when no phase of this run has a test with that id (not selected, renamed, removed)',
    ),
  expired: z.boolean().describe('the run is on or after `expires`: the entry no longer holds and fails the run'),
  error: TestError.optional().describe('for `failed` and `flaky`: the error'),
  attachments: z.array(Attachment).optional().describe('screenshots, traces'),
}).meta({ id: 'QuarantinedTest', description: 'A quarantine entry, with what its test did in this run.' });

export const QuarantineSummary = z
  .object({
    file: z.string().describe('the quarantine file the report read, workspace-relative'),
    problems: z
      .array(z.string())
      .describe('why the file could not be used (not JSON, a wrong field): the run fails; empty when it was read'),
    entries: z.array(QuarantinedTest).describe('every entry of the file, in its order'),
    warnings: z
      .array(z.string())
      .describe('what does not fail the run but needs a look: an entry no test of this run matches'),
  })
  .meta({ id: 'QuarantineSummary', description: 'The quarantine file as this run honoured it.' });

export const RunReport = z
  .object({
    schemaVersion: z.literal(RUN_REPORT_SCHEMA_VERSION).describe('bumped on any change a reader could misread'),
    generatedAt: isoDate.describe('when the report was made'),
    runId: z.string().optional().describe('`E2E_RUN_ID` of the reported run, when set'),
    verdict: z
      .enum(['passed', 'failed'])
      .describe(
        '`failed` when a phase failed or did not run, when there was no phase, when a test was flaky and `failOnFlaky` is set, or when the quarantine file is malformed or has an expired entry',
      ),
    verdictReasons: z
      .array(z.string())
      .describe('why the verdict is `failed`, one short line each; empty when it passed'),
    failOnFlaky: z.boolean().describe('`E2E_FAIL_ON_FLAKY=1` was set: flaky tests fail the run'),
    totals: Counts.describe('over every phase'),
    phases: z.array(PhaseSummary).describe('dependencies before dependents, then by name'),
    criticalPath: z
      .array(z.string())
      .describe(
        'phase names, gate first: from the phase that ended last, back through the dependency that ended last each time; cached phases are not on it',
      ),
    failures: z.array(Failure).describe('every failed test, except quarantined ones (`quarantine.entries`)'),
    flaky: z.array(FlakyTest).describe('every flaky test, except quarantined ones (`quarantine.entries`)'),
    coverage: Coverage.describe('endpoints and pages, with the tests behind every covered item'),
    quarantine: QuarantineSummary.describe('the quarantine file and what its tests did; no file reads as no entry'),
  })
  .meta({
    id: 'RunReport',
    title: 'E2E run report',
    description: 'dist/e2e/report.json: every phase of one run, aggregated.',
  });

export type Counts = z.infer<typeof Counts>;
export type PhaseReportStatus = z.infer<typeof PhaseReportStatus>;
export type PhaseSummary = z.infer<typeof PhaseSummary>;
export type Failure = z.infer<typeof Failure>;
export type FlakyTest = z.infer<typeof FlakyTest>;
export type CoverageHit = z.infer<typeof CoverageHit>;
export type CoveredItem = z.infer<typeof CoveredItem>;
export type CoverageSummary = z.infer<typeof CoverageSummary>;
export type Coverage = z.infer<typeof Coverage>;
export type QuarantinedTest = z.infer<typeof QuarantinedTest>;
export type QuarantineSummary = z.infer<typeof QuarantineSummary>;
export type RunReport = z.infer<typeof RunReport>;

/**
 * Parses the text of a `report.json`, as a dashboard would.
 * @throws InvalidResultFileError naming the file and every wrong field.
 */
export function parseRunReport(text: string, source: string): RunReport {
  return readResultFile(RunReport, RUN_REPORT_SCHEMA_VERSION, text, source, 'run report');
}
