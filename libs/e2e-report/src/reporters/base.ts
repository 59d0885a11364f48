import { mkdirSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { currentRunId, findWorkspaceRoot, phaseResultsFile } from '@streamkit/e2e-contract';
import {
  PHASE_RESULT_SCHEMA_VERSION,
  type PhaseResult,
  type Runner,
  type TestError,
  type TestResult,
} from '../contract/phase-result.ts';
import { AGENT_ENV } from '../contract/agents.ts';

/** What every phase reporter is told. */
export interface PhaseReporterOptions {
  /** The phase's Nx project name; the report matches results to the graph by it. */
  phase: string;
  /** Absolute, or relative to the workspace root. Default `dist/e2e/<phase>/results.json`. */
  outputFile?: string;
  /** Default: the nearest folder above the runner's root that holds `nx.json`. */
  workspaceRoot?: string;
}

/** The fields a reporter knows; the base adds the version, the phase, the runner, the run id and the status. */
export type PhaseFields = Omit<PhaseResult, 'schemaVersion' | 'phase' | 'runner' | 'status' | 'runId'> & {
  /** The runner's own verdict on the run. */
  outcome: 'passed' | 'failed' | 'interrupted';
};

const RUNNER_NAMES: Record<Runner, string> = { vitest: 'Vitest', playwright: 'Playwright' };

/**
 * What both runners' reporters share (after Playwright's `reporters/base.ts`): where the file
 * goes, workspace-relative paths, error text, the envelope, and the guard against a run the
 * runner calls failed while nothing in the file says why.
 */
export abstract class PhaseReporterBase<O extends PhaseReporterOptions = PhaseReporterOptions> {
  protected readonly options: O;
  protected workspaceRoot = '';
  protected abstract readonly runner: Runner;

  constructor(options: O) {
    this.options = options;
  }

  /** Called once the runner says where it runs; the option, when given, wins. */
  protected useRoot(runnerRoot: string): void {
    // Outside a workspace (a reporter run on a scratch project) the runner's root stands in.
    this.workspaceRoot = resolve(this.options.workspaceRoot ?? findWorkspaceRoot(runnerRoot, resolve(runnerRoot)));
  }

  /**
   * The results file: the variable `envVariable` when set (a runner integration names the file
   * there), else the `outputFile` option, else the phase's default place.
   */
  protected resolveOutputFile(envVariable?: string): string {
    const fromEnv = envVariable ? process.env[envVariable] : undefined;
    return resolve(this.workspaceRoot, fromEnv || this.options.outputFile || phaseResultsFile(this.options.phase));
  }

  /** Workspace-relative with forward slashes; absolute when outside the workspace. */
  protected relativePath(path: string): string {
    const rel = relative(this.workspaceRoot, path);
    return (isAbsolute(rel) || rel.startsWith('..') ? path : rel).split(sep).join('/');
  }

  /** Builds the envelope around what the reporter knows and writes it to `file`. */
  protected writeResult(file: string, fields: PhaseFields): PhaseResult {
    const { outcome, ...known } = fields;
    const errors = [...known.errors];
    const anyFailed = known.tests.some((t) => t.status === 'failed');
    // A run the runner calls failed must not read as passed, nor as failed for no reason.
    if (outcome === 'failed' && !anyFailed && errors.length === 0) {
      errors.push(
        `${RUNNER_NAMES[this.runner]} reported the run as failed without a failing test; see the phase output`,
      );
    }
    const runId = currentRunId(process.env, this.workspaceRoot);
    const result: PhaseResult = {
      schemaVersion: PHASE_RESULT_SCHEMA_VERSION,
      phase: this.options.phase,
      runner: this.runner,
      status: outcome === 'interrupted' ? 'interrupted' : anyFailed || errors.length > 0 ? 'failed' : 'passed',
      ...known,
      errors,
      // Tells the report which run made the file, so a cache hit is shown as one.
      ...(runId ? { runId } : {}),
      // Who ran these files: the report lists it when a phase was split over machines.
      agents: [
        { agent: process.env[AGENT_ENV] || hostname(), files: [...new Set(known.tests.map((t) => t.file))].sort() },
      ],
    };
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
    return result;
  }
}

/** What a runner reports as an error: Vitest's serialized errors and Playwright's `TestError` both fit. */
export interface RunnerError {
  name?: string;
  message?: string;
  /** Playwright: the thrown value when it was not an Error. */
  value?: string;
  stack?: string;
  /** Vitest: the expected/received diff of an assertion. */
  diff?: string;
}

/**
 * One line (or block) per error, the same from both runners: no colour codes, no bare `Error: `
 * prefix, a custom error's name kept (`TimeoutError: …`), an assertion's diff appended.
 */
export function errorText(error: RunnerError | unknown): string {
  if (typeof error !== 'object' || error === null) return String(error);
  const { name, message, value, diff } = error as RunnerError;
  const text = stripAnsi(message ?? value ?? 'unknown error').replace(/^Error: /, '');
  const head =
    name && name !== 'Error' && name !== 'AssertionError' && !text.startsWith(`${name}:`) ? `${name}: ${text}` : text;
  return typeof diff === 'string' && diff ? `${head}\n${stripAnsi(diff)}` : head;
}

/** All of a test's errors (a test and its afterEach can both fail); the stack of the first. */
export function testError(errors: readonly RunnerError[], fallback: string): TestError {
  const [first] = errors;
  const message = errors.map(errorText).join('\n\n') || fallback;
  return first?.stack ? { message, stack: stripAnsi(first.stack) } : { message };
}

export function stripAnsi(text: string): string {
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}

/** Drops empty optional lists so results files stay small and diff cleanly. */
export function withoutEmpty<T extends Partial<TestResult>>(test: T): T {
  const out = { ...test };
  for (const key of ['attachments', 'requests', 'visitedRoutes'] as const) {
    if (Array.isArray(out[key]) && out[key]!.length === 0) delete out[key];
  }
  return out;
}
