import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isAlive } from './process-tree.ts';
import { parsePhaseResult } from '../../contract/phase-result.ts';

// The hard timeout ends the process it runs in, so each case runs a real Vitest CLI in a child
// process on an inline project, with both reporters as a phase has them, and checks what is
// left: the results file, the output, processes.

const require = createRequire(import.meta.url);
const VITEST_CLI = join(dirname(require.resolve('vitest/package.json')), 'vitest.mjs');
// tsx's ESM entry (require.resolve finds the CommonJS one beside it), as the phases load the preset.
const TSX_API = pathToFileURL(require.resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
const REPORTER = pathToFileURL(fileURLToPath(new URL('./index.ts', import.meta.url))).href;

// Files run biggest first when Vitest has no timings yet: the padding makes this one run first.
const HANGING_SPEC = `
import { writeFileSync } from 'node:fs';
import { it } from 'vitest';
it('passes first', () => {});
it('hangs', async () => {
  writeFileSync(new URL('./worker.pid', import.meta.url), String(process.pid));
  // A worker reports finished tests in batches; give it a moment to send the first one's result.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  for (;;) {} // stuck for good: no timeout or cancellation reaches a busy worker
});
it('is never reached', () => {});
${'// padding\n'.repeat(200)}`;
const LATER_SPEC = `import { it } from 'vitest'; it('later', () => {});`;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'phase-watchdog-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function runStopped(
  files: Record<string, string>,
  options: { hardTimeoutMs?: number; setupTimeoutMs?: number; globalSetup?: string[] },
) {
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  writeFileSync(
    join(dir, 'vitest.config.mjs'),
    // Through a variable: Vite bundles a config's literal imports, and tsx must load as itself.
    `const tsx = ${JSON.stringify(TSX_API)};
const { tsImport } = await import(tsx);
const { PhaseResultsReporter, HardTimeoutReporter } = await tsImport(${JSON.stringify(REPORTER)}, import.meta.url);
export default {
  test: {
    include: ['*.spec.ts'],
    watch: false,
    maxWorkers: 1,
    testTimeout: 600000,
    globalSetup: ${JSON.stringify(options.globalSetup ?? [])},
    reporters: [
      new PhaseResultsReporter({ phase: 'e2e-demo', workspaceRoot: ${JSON.stringify(dir)} }),
      new HardTimeoutReporter({ phase: 'e2e-demo', workspaceRoot: ${JSON.stringify(dir)}, hardTimeoutMs: ${options.hardTimeoutMs}, setupTimeoutMs: ${options.setupTimeoutMs} }),
    ],
  },
};
`,
  );
  const started = Date.now();
  const child = spawn(process.execPath, [VITEST_CLI, 'run', '--config', 'vitest.config.mjs'], {
    cwd: dir,
    env: { ...process.env, CI: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const file = join(dir, 'dist/e2e/e2e-demo/results.json');
  return { code, output, elapsedMs: Date.now() - started, result: parsePhaseResult(readFileSync(file, 'utf8'), file) };
}

// The limits leave a loaded machine (load average 16 on two cores) seconds to start a worker and
// import a file: the clock starts when the first file is queued, not when its first test runs.
describe('HardTimeoutReporter', { timeout: 60_000 }, () => {
  it('stops a phase past its hard timeout, kills its workers and names what never finished', async () => {
    const { code, output, elapsedMs, result } = await runStopped(
      { 'hang.spec.ts': HANGING_SPEC, 'later.spec.ts': LATER_SPEC },
      { hardTimeoutMs: 8000 },
    );

    expect(code).toBe(1);
    expect(elapsedMs).toBeLessThan(40_000);
    expect(result).toMatchObject({
      status: 'failed',
      timedOut: { limitMs: 8000, notStarted: ['later.spec.ts'] },
      errors: ['the phase ran past its hard timeout of 8.0 s (phase policy) and was stopped'],
    });
    const timedOut = 'timed out: still unfinished when the phase hit its hard timeout of 8.0 s';
    expect(result.tests.map((t) => [t.name, t.status, t.error?.message])).toEqual([
      ['passes first', 'passed', undefined],
      ['hangs', 'failed', timedOut],
      ['is never reached', 'failed', timedOut],
    ]);
    expect(output).toContain('e2e-demo: the phase ran past its hard timeout of 8.0 s (phase policy) and was stopped.');
    expect(output).toContain('  unfinished: hang.spec.ts > hangs');
    expect(output).toContain('  never started: later.spec.ts');

    const workerPid = Number(readFileSync(join(dir, 'worker.pid'), 'utf8'));
    expect(isAlive(workerPid)).toBe(false);
  });

  it('stops a phase whose global setup never finishes, with no test run', async () => {
    const { code, result } = await runStopped(
      {
        'later.spec.ts': LATER_SPEC,
        'stuck-setup.ts': `export default () => new Promise(() => setInterval(() => {}, 1000));`,
      },
      { setupTimeoutMs: 1500, hardTimeoutMs: 60_000, globalSetup: ['./stuck-setup.ts'] },
    );
    expect(code).toBe(1);
    expect(result).toMatchObject({
      status: 'failed',
      tests: [],
      timedOut: { limitMs: 1500, notStarted: ['later.spec.ts'] },
      errors: ['global setup did not finish within 1.5 s (setup timeout of the phase policy); no test ran'],
    });
  });

  it('leaves a phase that finishes in time alone', async () => {
    const { code, result } = await runStopped(
      { 'later.spec.ts': LATER_SPEC },
      { hardTimeoutMs: 30_000, setupTimeoutMs: 30_000 },
    );
    expect(code).toBe(0);
    expect(result).toMatchObject({ status: 'passed', tests: [{ name: 'later', status: 'passed' }] });
    expect(result).not.toHaveProperty('timedOut');
    expect(existsSync(join(dir, 'worker.pid'))).toBe(false);
  });
});
