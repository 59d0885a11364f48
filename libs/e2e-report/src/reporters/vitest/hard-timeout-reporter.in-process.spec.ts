import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import type { SerializedError } from 'vitest/node';
import { parsePhaseResult, type PhaseResult } from '../../contract/phase-result.ts';
import { fakeModule, fakeSpecification, fakeVitest, type FakeModule } from './fake-vitest.ts';
import { HardTimeoutReporter, type HardTimeoutReporterOptions } from './hard-timeout-reporter.ts';

// hard-timeout-reporter.spec.ts runs the watchdog for real, in a child Vitest it then kills. Here
// the same reporter runs in this process on fake timers, with the step that kills the process
// recorded instead, so its clock, what it writes and when it stays quiet are pinned.

class Watchdog extends HardTimeoutReporter {
  terminated = 0;
  protected override terminate(): void {
    this.terminated += 1;
  }
}

let dir: string;
let stderr: MockInstance;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'watchdog-'));
  vi.useFakeTimers({ now: new Date('2026-11-30T10:00:00.000Z') });
  stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
});
afterEach(() => {
  vi.useRealTimers();
  stderr.mockRestore();
  rmSync(dir, { recursive: true, force: true });
});

const file = () => join(dir, 'dist/e2e/e2e-demo/results.json');
const read = (): PhaseResult => parsePhaseResult(readFileSync(file(), 'utf8'), file());
const printed = () => stderr.mock.calls.map(([text]) => String(text)).join('');

function watch(options: Omit<HardTimeoutReporterOptions, 'phase'>, files = ['tests/a.spec.ts', 'tests/b.spec.ts']) {
  const fake = fakeVitest(dir);
  const watchdog = new Watchdog({ phase: 'e2e-demo', workspaceRoot: dir, ...options });
  watchdog.onInit(fake.vitest);
  watchdog.onTestRunStart(files.map((f) => fakeSpecification(dir, f)));
  const running = (modules: FakeModule[], unhandled: SerializedError[] = []) => {
    fake.state.modules = modules.map((m) => fakeModule(dir, m));
    fake.state.unhandled = unhandled;
  };
  return { watchdog, running };
}

describe('HardTimeoutReporter, in-process', () => {
  it('stops a run past its hard timeout, counted from the first file, naming what never finished', () => {
    const { watchdog, running } = watch({ hardTimeoutMs: 3000, setupTimeoutMs: 60_000 });
    vi.advanceTimersByTime(500); // global setup
    watchdog.onTestModuleQueued();
    running(
      [{ file: 'tests/a.spec.ts', tests: [{ name: 'done' }, { name: 'stuck', state: 'pending' }] }],
      [{ message: 'leaked', VITEST_TEST_PATH: join(dir, 'tests/a.spec.ts') } as SerializedError],
    );
    vi.advanceTimersByTime(2999);
    expect(watchdog.terminated).toBe(0);
    expect(existsSync(file())).toBe(false);
    vi.advanceTimersByTime(1);

    expect(watchdog.terminated).toBe(1);
    const result = read();
    expect(result).toMatchObject({
      status: 'failed',
      startedAt: '2026-11-30T10:00:00.000Z',
      endedAt: '2026-11-30T10:00:03.500Z',
      durationMs: 3500,
      setupMs: 500,
      timedOut: { limitMs: 3000, notStarted: ['tests/b.spec.ts'] },
      errors: [
        'the phase ran past its hard timeout of 3.0 s (phase policy) and was stopped',
        'unhandled error (in tests/a.spec.ts): leaked',
      ],
    });
    const timedOut = 'timed out: still unfinished when the phase hit its hard timeout of 3.0 s';
    expect(result.tests.map((t) => [t.name, t.status, t.error?.message])).toEqual([
      ['done', 'passed', undefined],
      ['stuck', 'failed', timedOut],
    ]);
    expect(printed()).toBe(
      [
        '',
        'e2e-demo: the phase ran past its hard timeout of 3.0 s (phase policy) and was stopped.',
        '  unfinished: tests/a.spec.ts > stuck',
        '  never started: tests/b.spec.ts',
        '  results: dist/e2e/e2e-demo/results.json',
        '',
      ].join('\n'),
    );
  });

  it('counts a file that was queued but has no test yet as never started', () => {
    const { watchdog, running } = watch({ hardTimeoutMs: 1000 });
    watchdog.onTestModuleQueued();
    running([{ file: 'tests/a.spec.ts' }]);
    vi.advanceTimersByTime(1000);
    expect(read().timedOut?.notStarted).toEqual(['tests/a.spec.ts', 'tests/b.spec.ts']);
  });

  it('stops a run whose global setup never finishes, with no test run', () => {
    const { watchdog } = watch({ setupTimeoutMs: 1500, hardTimeoutMs: 60_000 });
    vi.advanceTimersByTime(1500);
    expect(watchdog.terminated).toBe(1);
    expect(read()).toMatchObject({
      status: 'failed',
      tests: [],
      setupMs: 1500,
      timedOut: { limitMs: 1500, notStarted: ['tests/a.spec.ts', 'tests/b.spec.ts'] },
      errors: ['global setup did not finish within 1.5 s (setup timeout of the phase policy); no test ran'],
    });
  });

  it('replaces the setup clock by the run clock when the first file starts, and keeps it for later files', () => {
    const { watchdog } = watch({ setupTimeoutMs: 1000, hardTimeoutMs: 2000 });
    vi.advanceTimersByTime(900);
    watchdog.onTestModuleQueued();
    vi.advanceTimersByTime(1500); // past the setup limit: that clock is gone
    expect(watchdog.terminated).toBe(0);
    watchdog.onTestModuleQueued(); // a later file does not restart the clock
    vi.advanceTimersByTime(500);
    expect(watchdog.terminated).toBe(1);
    expect(read().timedOut?.limitMs).toBe(2000);
  });

  it('leaves a run that ends in time alone, and writes nothing', () => {
    const { watchdog } = watch({ setupTimeoutMs: 1000, hardTimeoutMs: 2000 });
    watchdog.onTestModuleQueued();
    vi.advanceTimersByTime(1999);
    watchdog.onTestRunEnd();
    vi.advanceTimersByTime(60_000);
    expect(watchdog.terminated).toBe(0);
    expect(existsSync(file())).toBe(false);
    expect(stderr).not.toHaveBeenCalled();
  });

  it('has no limit when the policy gives none, or zero', () => {
    const unset = watch({});
    unset.watchdog.onTestModuleQueued();
    const zero = watch({ setupTimeoutMs: 0, hardTimeoutMs: 0 });
    vi.advanceTimersByTime(0);
    zero.watchdog.onTestModuleQueued();
    vi.advanceTimersByTime(24 * 3600_000);
    expect(unset.watchdog.terminated + zero.watchdog.terminated).toBe(0);
    expect(existsSync(file())).toBe(false);
  });

  it('never keeps a finished Vitest alive: its timer is unref’d', () => {
    const unref = vi.spyOn(globalThis, 'setTimeout');
    watch({ setupTimeoutMs: 1000 });
    const timer = unref.mock.results.at(-1)?.value as NodeJS.Timeout;
    expect(timer.hasRef()).toBe(false);
    unref.mockRestore();
  });
});
