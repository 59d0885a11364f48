import { describe, expect, it } from 'vitest';
import { aggregate, type PhaseNode } from '../aggregate.ts';
import { renderJunit } from './junit.ts';
import type { PhaseResult } from '../../contract/phase-result.ts';
import { passingRun, phaseResult, testResult } from '../../testing.ts';

const GRAPH: PhaseNode[] = [
  { name: 'e2e-health', dependsOn: [] },
  { name: 'e2e-smoke-ui', dependsOn: ['e2e-health'] },
  { name: 'e2e-flows-ui', dependsOn: ['e2e-smoke-ui'] },
  { name: 'e2e-database', dependsOn: ['e2e-health'] },
];
const UI = 'apps/e2e-smoke-ui/tests/public-pages.spec.ts';

const results = new Map<string, PhaseResult | undefined>([
  [
    'e2e-health',
    phaseResult({
      phase: 'e2e-health',
      tests: [
        testResult({ name: 'api > 200', durationMs: 1234 }),
        testResult({
          name: 'redis > PING',
          status: 'flaky',
          retries: 1,
          error: { message: 'ECONNRESET <socket> & co' },
        }),
        testResult({ name: 'storage > later', status: 'skipped' }),
      ],
    }),
  ],
  [
    'e2e-smoke-ui',
    phaseResult({
      phase: 'e2e-smoke-ui',
      runner: 'playwright',
      tests: [
        testResult({
          file: UI,
          name: 'public pages > the "landing" page loads',
          status: 'failed',
          error: {
            message: 'expect(page).toHaveTitle(expected)\nExpected: "StreamKit"\nReceived: "Vite \u001b"',
            stack: 'Error: at public-pages.spec.ts:7:5',
          },
          attachments: [{ name: 'screenshot', path: 'dist/e2e/e2e-smoke-ui/test-results/landing/test-failed-1.png' }],
        }),
      ],
    }),
  ],
  // Left from an earlier run: its phase is behind a failure, so it must not appear.
  ['e2e-flows-ui', phaseResult({ phase: 'e2e-flows-ui', tests: [testResult({ name: 'stale' })] })],
]);

const xml = renderJunit(aggregate(GRAPH, results, { generatedAt: '2026-11-25T10:05:00.000Z' }), results);

describe('renderJunit', () => {
  it('is one well-formed document with a testsuite per phase, in report order, and totals', () => {
    expect(wellFormed(xml)).toEqual([]);
    expect([...xml.matchAll(/<testsuite name="([^"]+)"/g)].map((m) => m[1])).toEqual([
      'e2e-health',
      'e2e-database',
      'e2e-smoke-ui',
      'e2e-flows-ui',
    ]);
    expect(xml).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="e2e" tests="6" failures="1" errors="1" skipped="2" /,
    );
    expect(xml).toContain(
      '<testsuite name="e2e-health" tests="3" failures="0" errors="0" skipped="1" time="4.200" timestamp="2026-11-25T10:00:00.000Z">',
    );
    expect(xml).toContain(
      '<testcase classname="apps/e2e-demo/tests/demo.spec.ts" name="api &gt; 200" file="apps/e2e-demo/tests/demo.spec.ts" time="1.234"/>',
    );
  });

  it('gives a failed test its message, stack and screenshot path, escaped and free of control characters', () => {
    const failure = xml.slice(
      xml.indexOf('name="public pages'),
      xml.indexOf('</testcase>', xml.indexOf('name="public pages')),
    );
    expect(failure).toContain('name="public pages &gt; the &quot;landing&quot; page loads"');
    expect(failure).toContain(
      '<failure message="expect(page).toHaveTitle(expected)" type="AssertionError">expect(page).toHaveTitle(expected)\nExpected: "StreamKit"\nReceived: "Vite "\n\nError: at public-pages.spec.ts:7:5</failure>',
    );
    expect(failure).toContain(
      '<system-out>[[ATTACHMENT|dist/e2e/e2e-smoke-ui/test-results/landing/test-failed-1.png]]</system-out>',
    );
  });

  it('passes a flaky test, marking it with a property and a note carrying the failed attempt', () => {
    const flaky = xml.slice(
      xml.indexOf('name="redis &gt; PING"'),
      xml.indexOf('</testcase>', xml.indexOf('name="redis &gt; PING"')),
    );
    expect(flaky).not.toContain('<failure');
    expect(flaky).toContain('<property name="flaky" value="true"/>');
    expect(flaky).toContain('<property name="retries" value="1"/>');
    expect(flaky).toContain(
      '<system-out>flaky in e2e-health: failed 1 time, then passed on retry\n\nerror of the failed attempt:\nECONNRESET &lt;socket&gt; &amp; co</system-out>',
    );
    expect(xml).toMatch(/name="storage &gt; later"[^>]*>\n {6}<skipped\/>/);
  });

  it('reports a phase behind a failure as skipped and one with no results as an error, never stale tests', () => {
    expect(xml).not.toContain('stale');
    expect(xml).toContain(
      '<testcase classname="e2e-flows-ui" name="(phase not run)" time="0">\n      <skipped message="not run: e2e-smoke-ui failed"/>',
    );
    expect(xml).toContain(
      '<testcase classname="e2e-database" name="(phase not run)" time="0">\n      <error message="not run: no results file" type="NotRun"/>',
    );
  });

  it('turns run errors and a hard timeout into an error case naming the files that never started', () => {
    const timedOut = new Map([
      [
        'e2e-health',
        phaseResult({
          phase: 'e2e-health',
          status: 'failed',
          errors: ['the phase ran past its hard timeout of 1 m 00 s (phase policy) and was stopped'],
          timedOut: { limitMs: 60_000, notStarted: ['apps/e2e-health/tests/storage.spec.ts'] },
          tests: [
            testResult({
              name: 'hangs',
              status: 'failed',
              error: { message: 'timed out: still unfinished when the phase hit its hard timeout of 1 m 00 s' },
            }),
          ],
        }),
      ],
    ]);
    const out = renderJunit(
      aggregate([{ name: 'e2e-health', dependsOn: [] }], timedOut, { generatedAt: 'x' }),
      timedOut,
    );
    expect(wellFormed(out)).toEqual([]);
    expect(out).toContain('<property name="timed out" value="true"/>');
    expect(out).toContain(
      '<failure message="timed out: still unfinished when the phase hit its hard timeout of 1 m 00 s" type="TimedOut">',
    );
    expect(out).toMatch(
      /<error message="stopped at its hard timeout of 1 m 00 s" type="TimedOut">[^<]*never started: apps\/e2e-health\/tests\/storage.spec.ts<\/error>/,
    );
  });
});

describe('renderJunit, a green run', () => {
  const { report, results } = passingRun();
  const green = renderJunit(report, results);
  const attributes = (tag: string) =>
    [...green.matchAll(new RegExp(`<${tag} ([^>]*)>`, 'g'))].map((m) =>
      Object.fromEntries([...m[1]!.matchAll(/(\w+)="([^"]*)"/g)].map(([, k, v]) => [k, v])),
    );

  it('has no failure and no error, every test counted once, the flaky one passed', () => {
    expect(wellFormed(green)).toEqual([]);
    expect(attributes('testsuites')).toEqual([
      {
        name: 'e2e',
        tests: '4',
        failures: '0',
        errors: '0',
        skipped: '1',
        time: '8.000',
        timestamp: '2026-11-25T10:00:09.000Z',
      },
    ]);
    expect(
      attributes('testsuite').map(({ name, tests, failures, errors, skipped, time }) => [
        name,
        tests,
        failures,
        errors,
        skipped,
        time,
      ]),
    ).toEqual([
      ['e2e-health', '2', '0', '0', '0', '3.000'],
      ['e2e-smoke-api', '2', '0', '0', '1', '5.000'],
    ]);
    expect(green).not.toContain('<failure');
    expect(green).not.toContain('<error');
    expect(green).toContain('<property name="status" value="passed"/>');
    expect(green).toContain('<system-out>flaky in e2e-health: failed 2 times, then passed on retry');
  });

  it('adds the suites up into the totals, whatever the mix', () => {
    const mixed = renderJunit(aggregate(GRAPH, results, { generatedAt: 'x' }), results);
    const suites = [
      ...mixed.matchAll(/<testsuite name="[^"]+" tests="(\d+)" failures="(\d+)" errors="(\d+)" skipped="(\d+)"/g),
    ];
    const sum = (i: number) => suites.reduce((total, m) => total + Number(m[i]), 0);
    expect(mixed).toContain(
      `<testsuites name="e2e" tests="${sum(1)}" failures="${sum(2)}" errors="${sum(3)}" skipped="${sum(4)}"`,
    );
    expect(suites.length).toBe(4);
    for (const m of suites) for (const n of m.slice(1)) expect(Number(n)).toBeGreaterThanOrEqual(0);
  });
});

/** Problems that would make an XML parser reject the text: unbalanced tags, bare `&` or `<`. */
function wellFormed(text: string): string[] {
  const problems: string[] = [];
  const stack: string[] = [];
  const body = text.replace(/^<\?xml[^>]*\?>/, '');
  for (const token of body.split(/(<[^>]*>)/)) {
    if (token.startsWith('<')) {
      const [, close, name, self] = /^<(\/?)([A-Za-z][\w:-]*)(?:\s[^>]*?)?(\/?)>$/.exec(token) ?? [];
      if (!name) problems.push(`bad tag ${token}`);
      else if (self) continue;
      else if (close) {
        if (stack.pop() !== name) problems.push(`unbalanced </${name}>`);
      } else stack.push(name);
      if (/&(?!amp;|lt;|gt;|quot;|#\d+;)/.test(token)) problems.push(`bare & in ${token}`);
    } else {
      if (/&(?!amp;|lt;|gt;|quot;|#\d+;)/.test(token)) problems.push(`bare & in text ${token.slice(0, 40)}`);
      if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(token))
        problems.push(`control character in ${token.slice(0, 40)}`);
    }
  }
  if (stack.length > 0) problems.push(`unclosed ${stack.join(', ')}`);
  return problems;
}
