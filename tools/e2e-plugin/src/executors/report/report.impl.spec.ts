import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { logger, type ExecutorContext, type ProjectGraph } from '@nx/devkit';
import { parseRunReport, type PhaseResult, type RunReport } from '@streamkit/e2e-report';
import { phaseResult, testResult } from '@streamkit/e2e-report/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import reportExecutor from './report.impl.ts';

const OPTIONS = {
  resultsDir: 'dist/e2e',
  outputFile: 'dist/e2e/report.json',
  junitFile: 'dist/e2e/junit.xml',
  htmlFile: 'dist/e2e/report.html',
  target: 'e2e',
};

// health gates smoke-api, which gates flows-api; the report project itself is no phase.
function context(root: string): ExecutorContext {
  const project = (name: string, targets: Record<string, object>) => ({
    name,
    type: 'app' as const,
    data: { root: `apps/${name}`, targets },
  });
  const projectGraph: ProjectGraph = {
    nodes: {
      'e2e-health': project('e2e-health', { e2e: { executor: 'nx:noop' } }),
      'e2e-smoke-api': project('e2e-smoke-api', { e2e: { executor: 'nx:noop', dependsOn: ['e2e-health:e2e'] } }),
      'e2e-flows-api': project('e2e-flows-api', {
        e2e: { executor: 'nx:noop', dependsOn: [{ projects: ['e2e-smoke-api'], target: 'e2e' }] },
      }),
      'e2e-report': project('e2e-report', { report: { executor: '@streamkit/e2e-plugin:report' } }),
    },
    dependencies: { 'e2e-health': [], 'e2e-smoke-api': [], 'e2e-flows-api': [], 'e2e-report': [] },
  };
  return {
    root,
    cwd: root,
    isVerbose: false,
    projectName: 'e2e-report',
    targetName: 'report',
    projectGraph,
    projectsConfigurations: {
      version: 2,
      projects: Object.fromEntries(Object.values(projectGraph.nodes).map((n) => [n.name, n.data])),
    },
    nxJsonConfiguration: {},
  };
}

let root: string;
let printed: string[];
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'report-executor-'));
  printed = [];
  vi.spyOn(logger, 'info').mockImplementation((message) => void printed.push(String(message)));
  vi.spyOn(logger, 'error').mockImplementation((message) => void printed.push(String(message)));
  vi.spyOn(logger, 'warn').mockImplementation((message) => void printed.push(String(message)));
});
afterEach(() => {
  vi.restoreAllMocks();
  rmSync(root, { recursive: true, force: true });
});

function writeResults(phase: string, content: PhaseResult | string): void {
  const file = join(root, 'dist/e2e', phase, 'results.json');
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
}

/** Every file below `dir`, workspace-relative, sorted. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

function readReport(): RunReport {
  return JSON.parse(readFileSync(join(root, 'dist/e2e/report.json'), 'utf8')) as RunReport;
}

const healthPassed = phaseResult({
  phase: 'e2e-health',
  tests: [testResult({ name: 'api > 200' }), testResult({ name: 'redis > PING' })],
});

describe('report executor', () => {
  it('fails the run when a phase failed, and names the phase it kept from running', async () => {
    writeResults('e2e-health', healthPassed);
    writeResults(
      'e2e-smoke-api',
      phaseResult({
        phase: 'e2e-smoke-api',
        tests: [
          testResult({ name: 'auth > signup' }),
          testResult({
            file: 'apps/e2e-smoke-api/tests/auth.spec.ts',
            name: 'auth > login',
            status: 'failed',
            error: { message: 'expected 401, got 200' },
          }),
          testResult({ name: 'auth > reset', status: 'skipped' }),
        ],
      }),
    );

    await expect(reportExecutor(OPTIONS, context(root), {})).resolves.toEqual({ success: false });

    const output = printed.join('\n');
    expect(output).toMatch(/^e2e-health +2 +0 +0 +0 +4\.2 s +10\.0 s {2}passed$/m);
    expect(output).toMatch(/^e2e-smoke-api +1 +1 +0 +1 +4\.2 s +20\.0 s {2}failed$/m);
    expect(output).toMatch(/^e2e-flows-api +- +- +- +- +- +40\.0 s {2}not run: e2e-smoke-api failed$/m);
    expect(output).toContain(
      '  FAIL  e2e-smoke-api · apps/e2e-smoke-api/tests/auth.spec.ts\n        auth > login\n          expected 401, got 200',
    );
    expect(output.split('\n').at(-1)).toBe('e2e: 3 passed, 1 failed, 1 skipped');

    const report = readReport();
    expect(report).toMatchObject({
      schemaVersion: 3,
      verdict: 'failed',
      totals: { passed: 3, failed: 1, skipped: 1, flaky: 0, quarantined: 0 },
    });
    expect(report.phases.map((p) => [p.name, p.status, p.dependsOn])).toEqual([
      ['e2e-health', 'passed', []],
      ['e2e-smoke-api', 'failed', ['e2e-health']],
      ['e2e-flows-api', 'not-run', ['e2e-smoke-api']],
    ]);
    expect(report.failures).toEqual([
      {
        phase: 'e2e-smoke-api',
        file: 'apps/e2e-smoke-api/tests/auth.spec.ts',
        name: 'auth > login',
        error: { message: 'expected 401, got 200' },
      },
    ]);
  });

  it('succeeds when every phase passed, counting a flaky test as passed', async () => {
    writeResults('e2e-health', healthPassed);
    writeResults(
      'e2e-smoke-api',
      phaseResult({ phase: 'e2e-smoke-api', tests: [testResult({ name: 'a', status: 'flaky', retries: 1 })] }),
    );
    writeResults('e2e-flows-api', phaseResult({ phase: 'e2e-flows-api', tests: [testResult({ name: 'b' })] }));

    await expect(reportExecutor(OPTIONS, context(root), {})).resolves.toEqual({ success: true });
    expect(printed.join('\n').split('\n').at(-1)).toBe('e2e: 4 passed, 0 failed, 0 skipped');
    expect(readReport()).toMatchObject({
      verdict: 'passed',
      flaky: [{ phase: 'e2e-smoke-api', name: 'a', retries: 1 }],
    });
  });

  it('reports a malformed results file (phase, file, what is wrong) instead of throwing', async () => {
    writeResults('e2e-health', healthPassed);
    writeResults(
      'e2e-smoke-api',
      JSON.stringify({ ...healthPassed, phase: 'e2e-smoke-api', tests: [{ name: 'x', status: 'ok' }] }),
    );
    writeResults('e2e-flows-api', '{"schemaVersion": 2, "pha');

    await expect(reportExecutor(OPTIONS, context(root), {})).resolves.toEqual({ success: false });

    const output = printed.join('\n');
    expect(output).toContain(
      '  FAIL  e2e-smoke-api: run error\n        dist/e2e/e2e-smoke-api/results.json is not a valid phase result:',
    );
    expect(output).toContain('- tests[0].file: Invalid input: expected string, received undefined');
    expect(output).toContain('- tests[0].status: Invalid option: expected one of "passed"|"failed"|"skipped"|"flaky"');
    // flows-api's own file is broken too, but it sits behind smoke-api, so Nx would not have run it.
    expect(output).toMatch(/^e2e-flows-api .* not run: e2e-smoke-api failed$/m);
    expect(readReport().phases[1]).toMatchObject({ name: 'e2e-smoke-api', status: 'failed' });
  });

  it('says every phase did not run when there are no results at all, under custom paths', async () => {
    const options = { ...OPTIONS, resultsDir: 'out/results', outputFile: 'out/summary.json' };
    await expect(reportExecutor(options, context(root), {})).resolves.toEqual({ success: false });

    const output = printed.join('\n');
    expect(output).toMatch(/^e2e-health .* not run: no results file$/m);
    expect(output).toMatch(/^e2e-smoke-api .* not run: e2e-health not run$/m);
    const report = JSON.parse(readFileSync(join(root, 'out/summary.json'), 'utf8')) as RunReport;
    expect(report.phases.every((p) => p.status === 'not-run')).toBe(true);
  });

  it('reports only the phases a run selected and the ones they wait for', async () => {
    writeResults('e2e-health', healthPassed);
    await expect(reportExecutor({ ...OPTIONS, phases: ['e2e-health'] }, context(root), {})).resolves.toEqual({
      success: true,
    });
    expect(readReport().phases.map((p) => p.name)).toEqual(['e2e-health']);

    await expect(reportExecutor({ ...OPTIONS, phases: ['e2e-flows-api'] }, context(root), {})).resolves.toEqual({
      success: false,
    });
    expect(readReport().phases.map((p) => [p.name, p.status])).toEqual([
      ['e2e-health', 'passed'],
      ['e2e-smoke-api', 'not-run'],
      ['e2e-flows-api', 'not-run'],
    ]);

    await expect(reportExecutor({ ...OPTIONS, phases: ['e2e-helth'] }, context(root), {})).resolves.toEqual({
      success: false,
    });
    expect(printed.at(-1)).toBe(
      [
        '',
        'Could not work out the e2e phases from the Nx graph (target "e2e")',
        '  not phases of this workspace: e2e-helth',
        'Run `npx nx graph` to see the dependsOn entries Nx rejects, fix them, and run the report again.',
        '',
      ].join('\n'),
    );
    await expect(reportExecutor({ ...OPTIONS, phases: ['e2e-helth', 'e2e-x'] }, context(root), {})).resolves.toEqual({
      success: false,
    });
    expect(printed.at(-1)).toContain('  not phases of this workspace: e2e-helth, e2e-x\n');
  });

  it('reports, not throws, when the report file cannot be written', async () => {
    writeResults('e2e-health', healthPassed);
    writeFileSync(join(root, 'blocker'), 'a file where a folder should be');
    const result = await reportExecutor({ ...OPTIONS, outputFile: 'blocker/report.json' }, context(root), {});
    expect(result).toEqual({ success: false });
    expect(printed.at(-1)).toMatch(
      /^\nCould not write blocker\/report.json\n {2}\S.*\nCheck that the folder is writable, or set the executor options outputFile, junitFile and htmlFile.\n$/,
    );
  });

  it('links attachments in report.html relative to the folder the page is written to', async () => {
    writeResults(
      'e2e-health',
      phaseResult({
        phase: 'e2e-health',
        tests: [
          testResult({
            name: 'shot',
            status: 'failed',
            error: { message: 'no' },
            attachments: [{ name: 'screenshot', path: 'dist/e2e/e2e-health/shot.png' }],
          }),
        ],
      }),
    );
    await reportExecutor({ ...OPTIONS, htmlFile: 'dist/site/report.html' }, context(root), {});
    expect(readFileSync(join(root, 'dist/site/report.html'), 'utf8')).toContain(
      '<a href="../e2e/e2e-health/shot.png">screenshot</a>',
    );
  });

  it('writes junit.xml and report.html beside report.json, with the failure and the flaky test in each', async () => {
    writeResults(
      'e2e-health',
      phaseResult({
        phase: 'e2e-health',
        tests: [testResult({ name: 'redis > PING', status: 'flaky', retries: 1, error: { message: 'ECONNRESET' } })],
      }),
    );
    writeResults(
      'e2e-smoke-api',
      phaseResult({
        phase: 'e2e-smoke-api',
        tests: [testResult({ name: 'auth > login', status: 'failed', error: { message: 'expected 401, got 200' } })],
      }),
    );

    await expect(reportExecutor(OPTIONS, context(root), {})).resolves.toEqual({ success: false });

    const junit = readFileSync(join(root, 'dist/e2e/junit.xml'), 'utf8');
    expect(junit).toContain('<failure message="expected 401, got 200" type="AssertionError">');
    expect(junit).toContain('<property name="flaky" value="true"/>');
    expect(junit).toContain('<skipped message="not run: e2e-smoke-api failed"/>');
    const html = readFileSync(join(root, 'dist/e2e/report.html'), 'utf8');
    expect(html).toContain('<h3>auth &gt; login</h3>');
    expect(html).toContain('<h3>redis &gt; PING</h3>');
  });

  it('fails on a flaky test only when E2E_FAIL_ON_FLAKY is set, and tells cached phases by E2E_RUN_ID', async () => {
    writeResults(
      'e2e-health',
      phaseResult({
        phase: 'e2e-health',
        runId: 'run-1',
        tests: [testResult({ name: 'a', status: 'flaky', retries: 1 })],
      }),
    );
    writeResults('e2e-smoke-api', phaseResult({ phase: 'e2e-smoke-api', runId: 'run-2' }));
    writeResults('e2e-flows-api', phaseResult({ phase: 'e2e-flows-api', runId: 'run-2' }));

    await expect(reportExecutor(OPTIONS, context(root), { E2E_RUN_ID: 'run-2' })).resolves.toEqual({ success: true });
    expect(readReport().phases.map((p) => [p.name, p.cached])).toEqual([
      ['e2e-health', true],
      ['e2e-smoke-api', false],
      ['e2e-flows-api', false],
    ]);
    await expect(reportExecutor(OPTIONS, context(root), { E2E_FAIL_ON_FLAKY: '1' })).resolves.toEqual({
      success: false,
    });
    expect(readReport()).toMatchObject({
      verdict: 'failed',
      failOnFlaky: true,
      verdictReasons: ['1 flaky test and E2E_FAIL_ON_FLAKY=1'],
    });
  });

  // Phase n ran in the n-th 4.2 s slot: each one right after the one it waits for.
  const after = (n: number) => ({
    startedAt: new Date(Date.UTC(2026, 10, 25, 10, 0, 0, n * 4200)).toISOString(),
    endedAt: new Date(Date.UTC(2026, 10, 25, 10, 0, 0, (n + 1) * 4200)).toISOString(),
    durationMs: 4200,
  });

  it('is a pure function of the results files (and the quarantine file, absent here): a folder holding nothing else gives the whole report', async () => {
    writeResults(
      'e2e-health',
      phaseResult({
        phase: 'e2e-health',
        coverable: {
          operations: [
            { method: 'GET', path: '/health', operationId: 'getHealth' },
            { method: 'POST', path: '/api/v1/kits' },
            { method: 'GET', path: '/api/v1/kits/{id}' },
          ],
        },
        tests: [testResult({ name: 'api > 200', requests: [{ method: 'GET', path: '/health' }] })],
      }),
    );
    writeResults(
      'e2e-smoke-api',
      phaseResult({
        phase: 'e2e-smoke-api',
        runner: 'playwright',
        ...after(1),
        coverable: { pages: ['/', '/login', '/dashboard/kits/:id'] },
        tests: [
          testResult({
            file: 'apps/e2e-smoke-ui/tests/kits.spec.ts',
            name: 'kits > opens one',
            visitedRoutes: ['/', '/dashboard/kits/7'],
            requests: [
              { method: 'GET', path: '/api/v1/kits/3f2a' },
              { method: 'GET', path: '/api/v1/nope' },
            ],
          }),
        ],
      }),
    );
    writeResults('e2e-flows-api', phaseResult({ phase: 'e2e-flows-api', ...after(2) }));
    expect(filesUnder(root)).toEqual([
      'dist/e2e/e2e-flows-api/results.json',
      'dist/e2e/e2e-health/results.json',
      'dist/e2e/e2e-smoke-api/results.json',
    ]);

    await expect(reportExecutor(OPTIONS, context(root), { E2E_RUN_ID: 'run-1' })).resolves.toEqual({ success: true });

    expect(printed.join('\n')).toBe(
      [
        'E2E report: passed',
        '',
        'phase          passed  failed  flaky  skipped  duration  budget  status',
        'e2e-health          1       0      0        0     4.2 s  10.0 s  passed',
        'e2e-smoke-api       1       0      0        0     4.2 s  20.0 s  passed',
        'e2e-flows-api       0       0      0        0     4.2 s  40.0 s  passed',
        'critical path: e2e-health → e2e-smoke-api → e2e-flows-api',
        '',
        'Coverage',
        '  endpoints 2/3 (66%), listed by e2e-health',
        '    not called: POST /api/v1/kits',
        '  pages     2/3 (66%), listed by e2e-smoke-api',
        '    not visited: /login',
        '',
        'e2e: 2 passed, 0 failed, 0 skipped',
      ].join('\n'),
    );
    const hit = { phase: 'e2e-smoke-api', file: 'apps/e2e-smoke-ui/tests/kits.spec.ts', test: 'kits > opens one' };
    const written = readFileSync(join(root, 'dist/e2e/report.json'), 'utf8');
    expect(parseRunReport(written, 'dist/e2e/report.json')).toEqual({
      schemaVersion: 3,
      generatedAt: expect.any(String),
      runId: 'run-1',
      verdict: 'passed',
      verdictReasons: [],
      failOnFlaky: false,
      totals: { passed: 2, failed: 0, skipped: 0, flaky: 0, quarantined: 0 },
      phases: ['e2e-health', 'e2e-smoke-api', 'e2e-flows-api'].map((name, i) => ({
        name,
        dependsOn: i === 0 ? [] : [i === 1 ? 'e2e-health' : 'e2e-smoke-api'],
        status: 'passed',
        runner: name === 'e2e-smoke-api' ? 'playwright' : 'vitest',
        counts: { passed: i < 2 ? 1 : 0, failed: 0, skipped: 0, flaky: 0, quarantined: 0 },
        ...after(i),
        errors: [],
        budgetMs: [10_000, 20_000, 40_000][i],
        hardTimeoutMs: [60_000, 90_000, 150_000][i],
        setupMs: 0,
        overBudget: false,
        timedOut: false,
        cached: false,
      })),
      criticalPath: ['e2e-health', 'e2e-smoke-api', 'e2e-flows-api'],
      failures: [],
      flaky: [],
      coverage: {
        endpoints: {
          covered: 2,
          total: 3,
          uncovered: ['POST /api/v1/kits'],
          unmatched: ['GET /api/v1/nope'],
          listedBy: ['e2e-health'],
          items: [
            {
              key: 'GET /health',
              operationId: 'getHealth',
              hits: [
                {
                  phase: 'e2e-health',
                  file: 'apps/e2e-demo/tests/demo.spec.ts',
                  test: 'api > 200',
                  reached: 'GET /health',
                },
              ],
            },
            { key: 'POST /api/v1/kits', hits: [] },
            { key: 'GET /api/v1/kits/{id}', hits: [{ ...hit, reached: 'GET /api/v1/kits/3f2a' }] },
          ],
        },
        pages: {
          covered: 2,
          total: 3,
          uncovered: ['/login'],
          unmatched: [],
          listedBy: ['e2e-smoke-api'],
          items: [
            { key: '/', hits: [{ ...hit, reached: '/' }] },
            { key: '/login', hits: [] },
            { key: '/dashboard/kits/:id', hits: [{ ...hit, reached: '/dashboard/kits/7' }] },
          ],
        },
      },
      // No quarantine file in the workspace: nothing is quarantined.
      quarantine: { file: 'e2e-quarantine.json', problems: [], entries: [], warnings: [] },
    });
    expect(filesUnder(root)).toEqual([
      'dist/e2e/e2e-flows-api/results.json',
      'dist/e2e/e2e-health/results.json',
      'dist/e2e/e2e-smoke-api/results.json',
      'dist/e2e/junit.xml',
      'dist/e2e/report.html',
      'dist/e2e/report.json',
    ]);
    const html = readFileSync(join(root, 'dist/e2e/report.html'), 'utf8');
    expect(html).toContain(
      '<li><code>GET /api/v1/kits/3f2a</code> by e2e-smoke-api · kits &gt; opens one <span class="meta">apps/e2e-smoke-ui/tests/kits.spec.ts</span></li>',
    );
  });

  it('says why coverage was not measured when no phase listed what it could cover', async () => {
    writeResults(
      'e2e-health',
      phaseResult({
        phase: 'e2e-health',
        runner: 'playwright',
        tests: [testResult({ name: 'a', visitedRoutes: ['/'] })],
      }),
    );
    await reportExecutor(OPTIONS, context(root), {});
    expect(readReport().coverage).toEqual({
      endpoints: null,
      pages: null,
      notMeasured: {
        endpoints: "no phase that ran listed the API's operations (its global setup could not fetch /openapi.json)",
        pages: "no UI phase that ran listed the web app's pages (the `pages` option of its reporter)",
      },
    });
    expect(printed.join('\n')).toContain(
      "  pages     not measured: no UI phase that ran listed the web app's pages (the `pages` option of its reporter)",
    );
  });

  describe('Slack', () => {
    let server: Server;
    let received: { method?: string; contentType?: string; body: string }[];
    let answer: { status: number; body: string };
    beforeEach(async () => {
      received = [];
      answer = { status: 200, body: 'ok' };
      server = createServer((request, response) => {
        let body = '';
        request.on('data', (chunk) => (body += chunk));
        request.on('end', () => {
          received.push({ method: request.method, contentType: request.headers['content-type'], body });
          response.writeHead(answer.status).end(answer.body);
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    });
    afterEach(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const webhook = () => `http://127.0.0.1:${(server.address() as AddressInfo).port}/services/T000/B000/secret`;

    it('posts one Block Kit message with the verdict, the failure and the report link when SLACK_WEBHOOK_URL is set', async () => {
      writeResults('e2e-health', healthPassed);
      writeResults(
        'e2e-smoke-api',
        phaseResult({
          phase: 'e2e-smoke-api',
          tests: [testResult({ name: 'auth > login', status: 'failed', error: { message: 'expected 401, got 200' } })],
        }),
      );

      await expect(
        reportExecutor(OPTIONS, context(root), {
          SLACK_WEBHOOK_URL: webhook(),
          E2E_REPORT_URL: 'https://ci.example.com/7/report.html',
        }),
      ).resolves.toEqual({ success: false });

      expect(received).toHaveLength(1);
      expect(received[0]).toMatchObject({ method: 'POST', contentType: 'application/json' });
      const message = JSON.parse(received[0]!.body) as { text: string; blocks: unknown[] };
      expect(message.text).toBe('E2E failed: 2 passed · 1 failed · 0 flaky · 0 skipped');
      const blocks = JSON.stringify(message.blocks);
      expect(blocks).toContain('auth &gt; login');
      expect(blocks).toContain('expected 401, got 200');
      expect(blocks).toContain('<https://ci.example.com/7/report.html|report.html>');
      expect(printed.filter((line) => line.startsWith('Slack'))).toEqual([]);
    });

    it('reports a refused or failed post without changing the verdict, and never prints the secret', async () => {
      writeResults('e2e-health', healthPassed);
      writeResults('e2e-smoke-api', phaseResult({ phase: 'e2e-smoke-api' }));
      writeResults('e2e-flows-api', phaseResult({ phase: 'e2e-flows-api' }));
      answer = { status: 400, body: 'invalid_blocks' };

      await expect(reportExecutor(OPTIONS, context(root), { SLACK_WEBHOOK_URL: webhook() })).resolves.toEqual({
        success: true,
      });
      expect(printed.at(-1)).toBe(
        `Slack: could not post the report to http://127.0.0.1:${(server.address() as AddressInfo).port}/services/…: HTTP 400: invalid_blocks`,
      );
      expect(JSON.parse(received[0]!.body).blocks.at(-1).text.text).toBe('Full report: `dist/e2e/report.html`');

      const closed = webhook();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server = createServer().listen(0);
      await expect(reportExecutor(OPTIONS, context(root), { SLACK_WEBHOOK_URL: closed })).resolves.toEqual({
        success: true,
      });
      expect(printed.at(-1)).toMatch(
        /^Slack: could not post the report to http:\/\/127\.0\.0\.1:\d+\/services\/…: fetch failed \(.*ECONNREFUSED.*\)$/,
      );
      expect(printed.join('\n')).not.toContain('secret');
    });
  });
});
