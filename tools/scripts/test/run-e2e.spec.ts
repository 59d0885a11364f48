import { execFile } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { WORKSPACE } from './support/environment.ts';

/**
 * run-e2e.sh is the one entry for humans and CI; what it asks of Nx and Docker is its behaviour.
 * Nx (`node_modules/.bin/nx`), the report (`node_modules/.bin/e2e-report`) and `docker` are
 * stand-ins that record each call (Nx itself is tested by the phases; Docker is not on this
 * machine), so every mode is checked, compose included. The script runs from a copy in a scratch
 * workspace: it clears its results folder first, and the real dist/e2e may belong to a run in
 * progress.
 */
const run = promisify(execFile);
let dir: string;
let calls: string;
let workspace: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'run-e2e-'));
  calls = join(dir, 'calls.log');
  workspace = join(dir, 'workspace');
  mkdirSync(join(workspace, 'tools/scripts'), { recursive: true });
  copyFileSync(join(WORKSPACE, 'tools/scripts/run-e2e.sh'), join(workspace, 'tools/scripts/run-e2e.sh'));
  const bin = join(workspace, 'node_modules/.bin');
  mkdirSync(bin, { recursive: true });
  mkdirSync(join(dir, 'bin'));
  // nx: records the call, and for a run of the phases what reaches them (the run id and the daemon
  // switch); for `--graph=<file>` writes a task graph (the file FAKE_GRAPH, by default two phases
  // and the stack); fails a run when FAKE_NX_FAILS names its mode, or a call contains FAKE_NX_FAILS_ON.
  writeFileSync(
    join(bin, 'nx'),
    `#!/usr/bin/env bash
echo "nx $*" >> "${calls}"
for arg in "$@"; do
  case "$arg" in
    --graph=*) [ -n "\${FAKE_GRAPH:-}" ] && { cp "\${FAKE_GRAPH}" "\${arg#--graph=}"; exit 0; }; echo '{"tasks":{"tasks":{"a":{"target":{"project":"e2e-flows-api","target":"e2e"}},"b":{"target":{"project":"e2e-health","target":"e2e"}},"c":{"target":{"project":"stack","target":"serve"}}}}}' > "\${arg#--graph=}"; exit 0 ;;
    --targets=e2e) echo "E2E_RUN_ID=\${E2E_RUN_ID:-} run-id file=$(cat .e2e/run-id 2>/dev/null) NX_DAEMON=\${NX_DAEMON:-}" >> "${dir}/phases-saw.log" ;;
  esac
done
[ "$1" = "\${FAKE_NX_FAILS:-}" ] && exit 1
[ -n "\${FAKE_NX_FAILS_ON:-}" ] && [[ "$*" == *"\${FAKE_NX_FAILS_ON:-}"* ]] && exit 1
exit 0
`,
  );
  // e2e-report: records the call and the run id it can read, prints the summary line.
  writeFileSync(
    join(bin, 'e2e-report'),
    `#!/usr/bin/env bash
echo "e2e-report\${*:+ $*}" >> "${calls}"
echo "E2E_RUN_ID=\${E2E_RUN_ID:-} run-id file=$(cat .e2e/run-id 2>/dev/null)" >> "${dir}/report-saw.log"
echo "e2e: 3 passed, 0 failed, 0 skipped"
echo "a warning after the summary"
`,
  );
  writeFileSync(join(dir, 'bin/docker'), `#!/usr/bin/env bash\necho "docker $*" >> "${calls}"\n`);
  for (const file of [join(bin, 'nx'), join(bin, 'e2e-report'), join(dir, 'bin/docker')]) chmodSync(file, 0o755);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function runE2e(args: string[], env: Record<string, string> = {}) {
  const options = {
    cwd: workspace,
    env: {
      PATH: `${join(dir, 'bin')}:${process.env.PATH}`,
      E2E_RESULTS_DIR: join(dir, 'results'),
      E2E_RUN_ID: 'e2etest',
      ...env,
    },
  };
  try {
    const { stdout } = await run('bash', [join(workspace, 'tools/scripts/run-e2e.sh'), ...args], options);
    return { code: 0, stdout, calls: readFileSync(calls, 'utf8').trim().split('\n') };
  } catch (error) {
    const failed = error as { code: number; stdout: string };
    return { code: failed.code, stdout: failed.stdout, calls: readFileSync(calls, 'utf8').trim().split('\n') };
  }
}

/** A task graph file with these `[project, target]` tasks, for FAKE_GRAPH. */
function graphFile(tasks: [string, string][]): string {
  const file = join(dir, `graph-${tasks.length}.json`);
  const entries = tasks.map(([project, target]) => [`${project}:${target}`, { target: { project, target } }]);
  writeFileSync(file, JSON.stringify({ tasks: { tasks: Object.fromEntries(entries) } }));
  return file;
}

const reportFlags = (results: string) =>
  `--resultsDir=${results} --outputFile=${results}/report.json --junitFile=${results}/junit.xml --htmlFile=${results}/report.html`;

describe('run-e2e.sh', () => {
  test('runs every phase, then the report over all of them, and ends with its summary line', async () => {
    mkdirSync(join(workspace, 'dist/e2e/e2e-old'), { recursive: true });
    const { code, stdout, calls } = await runE2e(['e2e'], { E2E_RESULTS_DIR: '' });
    expect(code).toBe(0);
    expect(existsSync(join(workspace, 'dist/e2e/e2e-old')), 'an earlier run’s results are cleared').toBe(false);
    expect(calls).toEqual(['nx run-many --targets=e2e --outputStyle=static', 'e2e-report']);
    expect(stdout.trim().split('\n').at(-1)).toBe('e2e: 3 passed, 0 failed, 0 skipped');
  });

  test('hands the run its id in .e2e/run-id while it lasts, not in Nx’s environment, unless the caller set one', async () => {
    const saw = (who: string) =>
      readFileSync(join(dir, `${who}-saw.log`), 'utf8')
        .trim()
        .split('\n');
    const mine = await runE2e(['e2e'], { E2E_RESULTS_DIR: '', E2E_RUN_ID: '' });
    expect(mine.code).toBe(0);
    // The id and the pid of the run-e2e.sh that wrote it (a file left by a killed run is ignored).
    const id = /run-id file=(e2e\d+ [1-9]\d*) /.exec(saw('phases')[0]!)?.[1];
    // A new E2E_RUN_ID each run would make Nx's daemon compute the project graph again.
    expect(saw('phases')).toEqual([`E2E_RUN_ID= run-id file=${id} NX_DAEMON=true`]);
    expect(saw('report')).toEqual([`E2E_RUN_ID= run-id file=${id}`]);
    expect(existsSync(join(workspace, '.e2e/run-id')), 'the run file outlived its run').toBe(false);

    const given = await runE2e(['e2e'], { E2E_RESULTS_DIR: '', E2E_RUN_ID: 'e2egiven', CI: 'true' });
    expect(given.code).toBe(0);
    // CI decides about the daemon itself (Nx's default there: none).
    expect(saw('phases')[1]).toBe('E2E_RUN_ID=e2egiven run-id file= NX_DAEMON=');
    expect(saw('report')[1]).toBe('E2E_RUN_ID=e2egiven run-id file=');
    await runE2e(['e2e'], { E2E_RESULTS_DIR: '', NX_DAEMON: 'false' });
    expect(saw('phases')[2]).toBe('E2E_RUN_ID=e2etest run-id file= NX_DAEMON=false');
  });

  test('E2E_SHARD=i/N hands --shard to the selected phases, health left to run whole as their dependency', async () => {
    const { code, calls } = await runE2e(['e2e'], { E2E_RESULTS_DIR: '', E2E_SHARD: '2/3' });
    expect(code).toBe(0);
    const shardArgs = '--exclude=e2e-health --shard=2/3 --pass-with-no-tests';
    expect(calls).toEqual([
      `nx run-many -t e2e --graph=${calls[0]!.split('--graph=')[1]}`,
      `nx run-many --targets=e2e --outputStyle=static ${shardArgs}`,
      'e2e-report --phases=e2e-flows-api,e2e-health',
    ]);
    const bad = await runE2e(['e2e'], { E2E_SHARD: '3' });
    expect(bad.code).toBe(2);
    expect(bad.stdout).toContain("E2E_SHARD must be i/N, got '3'");
  });

  test('E2E_SHARD with e2e-health alone selected runs it whole: excluding it would leave nothing', async () => {
    const { code, stdout, calls } = await runE2e(['e2e', 'affected', '--base=main'], {
      E2E_RESULTS_DIR: '',
      E2E_SHARD: '1/2',
      FAKE_GRAPH: graphFile([
        ['e2e-health', 'e2e'],
        ['stack', 'serve'],
      ]),
    });
    expect(code).toBe(0);
    expect(stdout).toContain('only e2e-health is selected; every shard runs it whole');
    expect(calls.slice(1)).toEqual([
      'nx affected --targets=e2e --outputStyle=static --base=main',
      'e2e-report --phases=e2e-health',
    ]);
  });

  test('e2e-ci runs every selected phase per file, each file target named (no group target Nx Cloud would need)', async () => {
    const { code, calls } = await runE2e(['e2e-ci', '--projects=e2e-smoke-api'], {
      E2E_RESULTS_DIR: '',
      FAKE_GRAPH: graphFile([
        ['e2e-smoke-api', 'e2e-ci'],
        ['e2e-smoke-api', 'e2e-ci--tests/auth.spec.ts'],
        ['e2e-smoke-api', 'e2e-ci--tests/logos.spec.ts'],
        ['e2e-health', 'e2e-ci--tests/api.spec.ts'],
        ['e2e-health', 'e2e-ci--tests/auth.spec.ts'],
        ['stack', 'serve'],
      ]),
    });
    expect(code).toBe(0);
    expect(calls[0]).toMatch(/^nx run-many -t e2e-ci --projects=e2e-smoke-api --graph=\S+\.json$/);
    expect(calls.slice(1)).toEqual([
      'nx run-many --targets=e2e-ci--tests/auth.spec.ts,e2e-ci--tests/logos.spec.ts,e2e-ci--tests/api.spec.ts --outputStyle=static --projects=e2e-smoke-api',
      'e2e-report --phases=e2e-smoke-api,e2e-health',
    ]);
    const sharded = await runE2e(['e2e-ci'], { E2E_SHARD: '1/2' });
    expect(sharded.code).toBe(2);
  });

  test('passes Nx arguments through, and the report covers the phases they name', async () => {
    const results = join(dir, 'results');
    const { calls } = await runE2e(['e2e', '--projects=e2e-health']);
    expect(calls).toEqual([
      'nx run-many --targets=e2e --outputStyle=static --skip-nx-cache --projects=e2e-health',
      `e2e-report ${reportFlags(results)} --phases=e2e-health`,
    ]);
  });

  test('with `affected`, asks Nx which phases are selected, then reports on exactly those', async () => {
    const results = join(dir, 'results');
    const { calls } = await runE2e(['test', 'e2e', 'affected', '--base=origin/main']);
    expect(calls[0]).toBe('nx affected --targets=test --outputStyle=static --base=origin/main');
    expect(calls[1]).toMatch(/^nx affected -t e2e --base=origin\/main --graph=\S+\.json$/);
    expect(calls.slice(2)).toEqual([
      'nx affected --targets=e2e --outputStyle=static --skip-nx-cache --base=origin/main',
      `e2e-report ${reportFlags(results)} --phases=e2e-flows-api,e2e-health`,
    ]);
  });

  test('runs lint, typecheck and unit tests in an Nx run before the phases, and fails when they failed', async () => {
    const { code, calls } = await runE2e(['lint', 'typecheck', 'test', 'e2e'], {
      E2E_RESULTS_DIR: '',
      FAKE_NX_FAILS_ON: '--targets=lint,typecheck,test',
    });
    expect(calls).toEqual([
      'nx run-many --targets=lint,typecheck,test --outputStyle=static',
      'nx run-many --targets=e2e --outputStyle=static',
      'e2e-report',
    ]);
    expect(code).toBe(1);
  });

  test('skips the cache for an external target, and fails when the phases failed even if the report ran', async () => {
    const { code, calls } = await runE2e(['e2e'], {
      E2E_TARGET: 'external',
      E2E_RESULTS_DIR: '',
      FAKE_NX_FAILS: 'run-many',
    });
    expect(calls[0]).toBe('nx run-many --targets=e2e --outputStyle=static --skip-nx-cache');
    expect(calls[1]).toBe('e2e-report');
    expect(code).toBe(1);
  });

  test('in compose mode, builds, runs the e2e-runner with the same arguments, copies its results and tears down', async () => {
    const results = join(dir, 'results');
    const { code, calls } = await runE2e(['e2e', '--projects=e2e-health'], { E2E_TARGET: 'compose' });
    const compose = 'docker compose -f docker-compose.test.yml --env-file docker/test.env -p streamkit-e2e-e2etest';
    expect(calls).toEqual([
      `${compose} build`,
      `${compose} run --name streamkit-e2e-runner-e2etest -e E2E_RUN_ID=e2etest e2e-runner e2e --projects=e2e-health`,
      `docker cp streamkit-e2e-runner-e2etest:/results/. ${results}/`,
      `${compose} down --volumes --remove-orphans`,
      'docker rm -f streamkit-e2e-runner-e2etest',
    ]);
    expect(code).toBe(0);
  });
});
