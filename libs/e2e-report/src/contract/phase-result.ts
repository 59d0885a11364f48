import { z } from 'zod';
import { AgentFiles } from './agents.ts';
import { readResultFile } from './read.ts';

/**
 * `dist/e2e/<phase>/results.json`: the normalized result of one phase. Every runner's reporter
 * writes exactly this, and it is the report's only input, so a phase carries everything about
 * itself (its tests, what they reached, and what it could have reached) through the Nx cache.
 *
 * This zod schema is the single source: the TypeScript types are inferred from it, readers
 * validate with it, and `docs/phase-result.schema.json` and the field tables of
 * `docs/report-schema.md` are generated from it (`nx run e2e-report:schemas`).
 *
 * Bump the version on any change a reader could misread; readers reject versions they do not
 * know. A new optional field does not bump it: readers ignore fields they do not know.
 */
export const PHASE_RESULT_SCHEMA_VERSION = 2;

/** Times are ISO 8601 with a zone; durations whole milliseconds; retry counts whole numbers. */
export const isoDate = z.iso.datetime({ offset: true });
export const milliseconds = z.int().nonnegative().describe('whole milliseconds, >= 0');
const path = z.string().min(1);

export const Runner = z.enum(['vitest', 'playwright']);
export const PhaseStatus = z.enum(['passed', 'failed', 'interrupted']);
/** `flaky`: failed at least once, then passed on a retry. */
export const TestStatus = z.enum(['passed', 'failed', 'skipped', 'flaky']);

export const ApiRequest = z
  .object({
    method: z
      .string()
      .regex(/^[A-Z]+$/)
      .describe('upper case'),
    path: z
      .string()
      .startsWith('/')
      .describe(
        'as sent, without query, relative to the API base URL (the web app serves the API under the same `/api` paths)',
      ),
  })
  .meta({ id: 'ApiRequest', description: 'One API request a test made that counts for endpoint coverage.' });

export const ApiOperation = z
  .object({
    method: z
      .string()
      .regex(/^[A-Z]+$/)
      .describe('upper case'),
    path: z.string().startsWith('/').describe('the path template of the OpenAPI document, `{param}` segments included'),
    operationId: z.string().optional().describe("the operation's `operationId`, when the document gives one"),
  })
  .meta({ id: 'ApiOperation', description: 'One operation of the API, as its OpenAPI document lists it.' });

export const TestError = z
  .object({
    message: z.string().describe("every error of the attempt, with an assertion's diff"),
    stack: z.string().optional().describe('the stack of the first'),
  })
  .meta({ id: 'TestError', description: "A test's error, free of colour codes." });

export const Attachment = z
  .object({
    name: z.string().describe('`screenshot`, `trace`, …; `… (attempt N)` when the test was retried'),
    path: path.describe('workspace-relative when inside the workspace'),
  })
  .meta({ id: 'Attachment', description: 'A file a test left: screenshot, trace, video.' });

export const TestResult = z
  .object({
    file: path.describe('the spec file, workspace-relative, forward slashes'),
    name: z.string().describe('suites and test title joined with ` > `'),
    status: TestStatus.describe('`flaky`: failed at least once, then passed on a retry'),
    durationMs: milliseconds.describe('all attempts together'),
    retries: z
      .int()
      .nonnegative()
      .describe('retries used: for a flaky test, how many attempts failed before it passed'),
    error: TestError.optional().describe('for `failed` the failure; for `flaky` the error of the failed attempt'),
    attachments: z.array(Attachment).optional().describe('screenshots, traces, videos'),
    requests: z
      .array(ApiRequest)
      .optional()
      .describe(
        'the API requests the test made (its API client, and for UI tests the browser), unique and sorted; requests fixtures make to set a test up are not among them',
      ),
    visitedRoutes: z
      .array(z.string().startsWith('/'))
      .optional()
      .describe('UI tests: the paths its pages navigated to on the web app, unique and sorted'),
  })
  .superRefine((test, ctx) => {
    // A retry is what makes a test flaky; a test that passed or was skipped at once used none.
    if (test.status === 'flaky' && test.retries < 1)
      ctx.addIssue({ code: 'custom', path: ['retries'], message: 'a flaky test passed on a retry: expected >= 1' });
    if ((test.status === 'passed' || test.status === 'skipped') && test.retries > 0)
      ctx.addIssue({
        code: 'custom',
        path: ['retries'],
        message: `a ${test.status} test used no retry: expected 0 (one that passed on a retry is flaky)`,
      });
  })
  .meta({
    id: 'TestResult',
    description:
      'One test, after its last attempt. `retries` is 0 for a passed or skipped test and at least 1 for a flaky one.',
  });

export const Coverable = z
  .object({
    operations: z
      .array(ApiOperation)
      .optional()
      .describe(
        "the API's operations, from the `/openapi.json` the phase's global setup fetched; absent when it could not",
      ),
    pages: z
      .array(z.string().startsWith('/'))
      .optional()
      .describe("UI phases: the route patterns of the web app's manifest (`:param`, `*`)"),
  })
  .meta({
    id: 'Coverable',
    description: 'What the phase could have covered: the surfaces coverage is measured against.',
  });

export const TimedOut = z
  .object({
    limitMs: milliseconds.describe('the limit that ran out'),
    notStarted: z.array(path).describe('test files none of whose tests started'),
  })
  .meta({
    id: 'TimedOut',
    description: 'The phase was stopped at its hard timeout (or, before any test, its setup timeout).',
  });

export const PhaseResult = z
  .object({
    schemaVersion: z.literal(PHASE_RESULT_SCHEMA_VERSION).describe('bumped on any change a reader could misread'),
    phase: z.string().min(1).describe('the Nx project name; must match the folder'),
    runner: Runner.describe('the test runner that ran the phase'),
    status: PhaseStatus.describe('the phase as a whole; `failed` also for run errors'),
    startedAt: isoDate.describe('when the run started'),
    endedAt: isoDate.describe('when it ended'),
    durationMs: milliseconds.describe('the whole run, setup included'),
    setupMs: milliseconds
      .optional()
      .describe(
        'part of `durationMs` before the first test file started (global setup; for the gate, waiting for the local stack); budgets apply to `durationMs − setupMs`',
      ),
    tests: z.array(TestResult).describe('every test the runner knew of, in its order'),
    errors: z
      .array(z.string())
      .describe('errors that belong to no test: global setup, unhandled errors, files that failed to load'),
    runId: z
      .string()
      .optional()
      .describe(
        '`E2E_RUN_ID` of the run that wrote the file; a report under another run id shows the phase as restored from the Nx cache',
      ),
    timedOut: TimedOut.optional().describe('set when the phase was stopped at its hard timeout'),
    coverable: Coverable.optional().describe('what the phase could have covered; absent when it could not tell'),
    agents: z
      .array(AgentFiles)
      .optional()
      .describe('which agent ran which spec files (one entry per machine; several when parts were merged)'),
  })
  .superRefine((result, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    // Times: the run ends after it starts and lasts no longer than that (the merge of parts that
    // ran side by side lasts as long as its longest part, less than their span).
    const span = Date.parse(result.endedAt) - Date.parse(result.startedAt);
    if (span < 0) issue('endedAt', `ends before it starts (${result.startedAt})`);
    else if (result.durationMs > span) issue('durationMs', `longer than from startedAt to endedAt (${span} ms)`);
    if (result.setupMs !== undefined && result.setupMs > result.durationMs)
      issue('setupMs', `longer than the whole run (durationMs ${result.durationMs})`);
    // The status agrees with what the file holds, so no reader can take a red run for green.
    const why = result.tests.some((t) => t.status === 'failed') || result.errors.length > 0;
    if (result.status === 'passed' && why) issue('status', 'passed, but a test failed or a run error is recorded');
    if (result.status === 'passed' && result.timedOut) issue('status', 'passed, but the phase timed out');
    if (result.status === 'failed' && !why) issue('status', 'failed, but no test failed and no run error says why');
  })
  .meta({
    id: 'PhaseResult',
    title: 'E2E phase result',
    description:
      'dist/e2e/<phase>/results.json: one phase of one run, as its reporter wrote it. `endedAt` is not before `startedAt`, `durationMs` is at most the time between them and `setupMs` at most `durationMs`; `passed` means no failed test, no run error and no timeout, `failed` has a failed test or a run error.',
  });

export type Runner = z.infer<typeof Runner>;
export type PhaseStatus = z.infer<typeof PhaseStatus>;
export type TestStatus = z.infer<typeof TestStatus>;
export type ApiRequest = z.infer<typeof ApiRequest>;
export type ApiOperation = z.infer<typeof ApiOperation>;
export type TestError = z.infer<typeof TestError>;
export type Attachment = z.infer<typeof Attachment>;
export type TestResult = z.infer<typeof TestResult>;
export type Coverable = z.infer<typeof Coverable>;
export type PhaseResult = z.infer<typeof PhaseResult>;

/**
 * Parses the text of a results file. `source` (usually the file path) names it in the error.
 * @throws InvalidResultFileError when the text is not JSON, is another schema version, or does
 * not match the schema; its message names the file and every wrong field by its path.
 */
export function parsePhaseResult(text: string, source: string): PhaseResult {
  return readResultFile(PhaseResult, PHASE_RESULT_SCHEMA_VERSION, text, source, 'phase result');
}
