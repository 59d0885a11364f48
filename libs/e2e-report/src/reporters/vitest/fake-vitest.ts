import { join } from 'node:path';
import type { SerializedError, TestCase, TestModule, TestSpecification, Vitest } from 'vitest/node';

// The few fields of Vitest's objects the phase reporters read, for specs that drive a reporter
// in-process through a whole run (the watchdog's timers, outcomes no real inline project can
// produce on demand). results-reporter.spec.ts checks the same reporters against a real Vitest.

export interface FakeTest {
  name: string;
  state?: ReturnType<TestCase['result']>['state'];
  errors?: { message: string; stack?: string }[];
  flaky?: boolean;
  retryCount?: number;
  durationMs?: number;
  meta?: Record<string, unknown>;
  attachments?: { message: string; path?: string }[];
}

export interface FakeModule {
  file: string;
  tests?: FakeTest[];
  errors?: { message: string }[];
  suites?: { fullName: string; errors: { message: string }[] }[];
}

export function fakeModule(root: string, spec: FakeModule): TestModule {
  const moduleId = join(root, spec.file);
  const tests = (spec.tests ?? []).map(
    (t) =>
      ({
        module: { moduleId },
        fullName: t.name,
        result: () => ({ state: t.state ?? 'passed', errors: t.errors ?? [] }),
        diagnostic: () =>
          t.state === 'pending'
            ? undefined
            : { duration: t.durationMs ?? 10, retryCount: t.retryCount ?? 0, flaky: t.flaky ?? false },
        annotations: () =>
          (t.attachments ?? []).map((a) => ({ message: a.message, attachment: a.path ? { path: a.path } : undefined })),
        meta: () => t.meta ?? {},
      }) as unknown as TestCase,
  );
  const suites = (spec.suites ?? []).map((s) => ({ fullName: s.fullName, errors: () => s.errors }));
  return {
    moduleId,
    children: { allTests: () => tests, allSuites: () => suites, size: tests.length },
    errors: () => spec.errors ?? [],
  } as unknown as TestModule;
}

export function fakeSpecification(root: string, file: string): TestSpecification {
  return { moduleId: join(root, file) } as unknown as TestSpecification;
}

export interface FakeVitest {
  vitest: Vitest;
  /** What the reporters passed on to Vitest's own printError. */
  printed: unknown[];
  /** Runs what the reporters registered with `onClose`, as Vitest does when it closes. */
  close(): void;
  /** The run state the watchdog reads when it fires. */
  state: { modules: TestModule[]; unhandled: SerializedError[] };
}

export function fakeVitest(root: string, provided: Record<string, unknown> = {}): FakeVitest {
  const printed: unknown[] = [];
  const closers: (() => void)[] = [];
  const state = { modules: [] as TestModule[], unhandled: [] as SerializedError[] };
  const vitest = {
    config: { root, include: ['tests/**/*.spec.ts'] },
    logger: { printError: (error: unknown) => printed.push(error) },
    onClose: (fn: () => void) => closers.push(fn),
    projects: [{ getProvidedContext: () => ({}) }, { getProvidedContext: () => provided }],
    state: { getTestModules: () => state.modules, getUnhandledErrors: () => state.unhandled },
  } as unknown as Vitest;
  return { vitest, printed, close: () => closers.forEach((fn) => fn()), state };
}
