import { describe, expect, it } from 'vitest';
import { aggregate, type PhaseNode } from '../aggregate.ts';
import { renderJunit } from './junit.ts';
import type { PhaseResult, TestResult } from '../../contract/phase-result.ts';
import type { QuarantineInput } from '../quarantine.ts';
import { passingRun, phaseResult, sampleRun, testResult } from '../../testing.ts';

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

// Rendered inside each test, not at import: Stryker credits a mutant only to the tests that ran it.
const sample = () => renderJunit(aggregate(GRAPH, results, { generatedAt: '2026-11-25T10:05:00.000Z' }), results);

describe('renderJunit', () => {
  it('is one well-formed document with a testsuite per phase, in report order, and totals', () => {
    const xml = sample();
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
    const xml = sample();
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
    const xml = sample();
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
    const xml = sample();
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
  const render = () => {
    const { report, results } = passingRun();
    return renderJunit(report, results);
  };
  const attributes = (xml: string, tag: string) =>
    [...xml.matchAll(new RegExp(`<${tag} ([^>]*)>`, 'g'))].map((m) =>
      Object.fromEntries([...m[1]!.matchAll(/(\w+)="([^"]*)"/g)].map(([, k, v]) => [k, v])),
    );

  it('has no failure and no error, every test counted once, the flaky one passed', () => {
    const green = render();
    expect(wellFormed(green)).toEqual([]);
    expect(attributes(green, 'testsuites')).toEqual([
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
      attributes(green, 'testsuite').map(({ name, tests, failures, errors, skipped, time }) => [
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

describe('renderJunit, each kind of test and phase', () => {
  /** One phase, `e2e-health`, with these tests, aggregated and rendered as CI would get it. */
  const junit = (tests: TestResult[], phase: Partial<PhaseResult> = {}, quarantine?: QuarantineInput) => {
    const results = new Map([['e2e-health', phaseResult({ phase: 'e2e-health', tests, ...phase })]]);
    const report = aggregate([{ name: 'e2e-health', dependsOn: [] }], results, {
      generatedAt: '2026-12-01T09:00:00.000Z',
      quarantine,
    });
    return renderJunit(report, results);
  };
  /** The `<testcase>` named `name`, up to its end. */
  const testcase = (xml: string, name: string) =>
    new RegExp(`<testcase [^>]*name="${name}"[^>]*?(?:/>|>[^]*?</testcase>)`).exec(xml)?.[0] ?? '';
  const counts = (xml: string, tag: 'testsuites' | 'testsuite') =>
    [
      ...xml.matchAll(
        new RegExp(`<${tag} name="([^"]+)" tests="(\\d+)" failures="(\\d+)" errors="(\\d+)" skipped="(\\d+)"`, 'g'),
      ),
    ].map(([, name, ...n]) => [name, ...n.map(Number)]);

  it('writes a passing test as an empty case with its time, and a passing run with nothing red', () => {
    const xml = junit(
      [testResult({ name: 'ok', durationMs: 2345 }), testResult({ name: 'later', status: 'skipped' })],
      {
        durationMs: 3500,
      },
    );
    expect(wellFormed(xml)).toEqual([]);
    expect(testcase(xml, 'ok')).toBe(
      '<testcase classname="apps/e2e-demo/tests/demo.spec.ts" name="ok" file="apps/e2e-demo/tests/demo.spec.ts" time="2.345"/>',
    );
    expect(testcase(xml, 'later')).toMatch(/time="0.012">\n {6}<skipped\/>\n {4}<\/testcase>$/);
    expect(counts(xml, 'testsuites')).toEqual([['e2e', 2, 0, 0, 1]]);
    expect(counts(xml, 'testsuite')).toEqual([['e2e-health', 2, 0, 0, 1]]);
    expect(xml).toContain(
      '<testsuites name="e2e" tests="2" failures="0" errors="0" skipped="1" time="3.500" timestamp="2026-12-01T09:00:00.000Z">',
    );
    expect(xml).toContain(
      [
        '    <properties>',
        '      <property name="status" value="passed"/>',
        '      <property name="budget" value="10.0 s"/>',
        '      <property name="over budget" value="false"/>',
        '      <property name="timed out" value="false"/>',
        '      <property name="cached" value="false"/>',
        '      <property name="runner" value="vitest"/>',
        '    </properties>',
      ].join('\n'),
    );
    expect(xml).not.toMatch(/<failure|<error|TimedOut|NotRun/);
  });

  it('gives a failure with no recorded error a message saying so, and does not repeat a stack its message holds', () => {
    const xml = junit([
      testResult({ name: 'no error', status: 'failed' }),
      testResult({ name: 'stack inside', status: 'failed', error: { message: 'boom\nat x.ts:1', stack: 'at x.ts:1' } }),
      testResult({ name: 'hard', status: 'failed', error: { message: 'Test timed out in 5000ms.' } }),
    ]);
    expect(testcase(xml, 'no error')).toContain(
      '<failure message="(the runner recorded no error message)" type="AssertionError">(the runner recorded no error message)</failure>',
    );
    expect(testcase(xml, 'no error')).not.toContain('system-out');
    expect(testcase(xml, 'stack inside')).toContain(
      '<failure message="boom" type="AssertionError">boom\nat x.ts:1</failure>',
    );
    expect(testcase(xml, 'hard')).toContain('type="TimedOut"');
    expect(counts(xml, 'testsuite')).toEqual([['e2e-health', 3, 3, 0, 0]]);
  });

  it('notes a flaky test without a recorded error, and its attachments, in one system-out', () => {
    const xml = junit([
      testResult({
        name: 'flaky',
        status: 'flaky',
        retries: 1,
        attachments: [{ name: 'trace', path: 'dist/e2e/e2e-health/trace.zip' }],
      }),
    ]);
    expect(testcase(xml, 'flaky')).toContain(
      '<system-out>flaky in e2e-health: failed 1 time, then passed on retry\n[[ATTACHMENT|dist/e2e/e2e-health/trace.zip]]</system-out>',
    );
    expect(counts(xml, 'testsuite')).toEqual([['e2e-health', 1, 0, 0, 0]]);
  });

  it('makes run errors one error case (the first line as message), typed RunError unless the phase timed out', () => {
    const xml = junit([testResult({ name: 'ok' })], { errors: ['globalSetup failed\nECONNREFUSED', 'second'] });
    expect(xml).toContain(
      '<testcase classname="e2e-health" name="(phase run errors)" time="0">\n      <error message="globalSetup failed" type="RunError">globalSetup failed\nECONNREFUSED\n\nsecond</error>',
    );
    expect(xml).toContain('<property name="status" value="failed"/>');
    expect(counts(xml, 'testsuites')).toEqual([['e2e', 2, 0, 1, 0]]);
  });

  it('lists a not-run phase as one case without the tests of a stale results file, and no timestamp', () => {
    const results = new Map([
      ['e2e-health', phaseResult({ phase: 'e2e-health', errors: ['down'] })],
      ['e2e-smoke-api', phaseResult({ phase: 'e2e-smoke-api', tests: [testResult({ name: 'stale' })] })],
      ['e2e-flows-api', phaseResult({ phase: 'e2e-flows-api', tests: [testResult({ name: 'stale too' })] })],
    ]);
    const report = aggregate(
      [
        { name: 'e2e-health', dependsOn: [] },
        { name: 'e2e-smoke-api', dependsOn: ['e2e-health'] },
        { name: 'e2e-flows-api', dependsOn: ['e2e-smoke-api'] },
        { name: 'e2e-database', dependsOn: ['e2e-ghost'] },
      ],
      results,
      { generatedAt: 'x' },
    );
    const xml = renderJunit(report, results);
    expect(xml).not.toContain('stale');
    expect(xml).toContain(
      '<testsuite name="e2e-smoke-api" tests="1" failures="0" errors="0" skipped="1" time="0.000">',
    );
    expect(xml).toContain('<skipped message="not run: e2e-health failed"/>');
    // Two hops down the cause is still the failed phase, so still a consequence, not a problem.
    expect(xml).toMatch(/<testsuite name="e2e-flows-api"[^]*?<skipped message="not run: e2e-health failed"\/>/);
    expect(xml).toMatch(
      /<testsuite name="e2e-database"[^]*?<error message="not run: no results file" type="NotRun"\/>/,
    );
    expect(xml).toContain(
      [
        '<testsuite name="e2e-smoke-api" tests="1" failures="0" errors="0" skipped="1" time="0.000">',
        '    <properties>',
        '      <property name="status" value="not-run"/>',
        '      <property name="budget" value="20.0 s"/>',
        '      <property name="over budget" value="false"/>',
        '      <property name="timed out" value="false"/>',
        '      <property name="cached" value="false"/>',
        '    </properties>',
      ].join('\n'),
    );
    expect(xml).not.toMatch(
      /<property name="runner" value="[^"]*"\/>\n(?: {4}<\/properties>\n {4}<testcase classname="e2e-smoke-api")/,
    );
  });

  it('counts a quarantined test that passed as passed, marked, and a held failure as skipped with its stack and files', () => {
    const file = 'apps/e2e-demo/tests/demo.spec.ts';
    const entry = (name: string) => ({
      test: `${file} > ${name}`,
      owner: '@qa',
      reason: 'flaky, #9',
      expires: '2026-12-31',
    });
    const xml = junit(
      [
        testResult({ name: 'held pass', durationMs: 1000 }),
        testResult({
          name: 'held fail',
          status: 'failed',
          error: { message: 'boom', stack: 'at a.ts:1' },
          attachments: [{ name: 'screenshot', path: 'dist/e2e/e2e-health/a.png' }],
        }),
      ],
      {},
      { file: 'e2e-quarantine.json', quarantine: { tests: [entry('held pass'), entry('held fail')] } },
    );
    expect(wellFormed(xml)).toEqual([]);
    expect(testcase(xml, 'held pass')).toBe(
      [
        `<testcase classname="${file}" name="held pass" file="${file}" time="1.000">`,
        '      <properties>',
        '        <property name="quarantined" value="true"/>',
        '        <property name="quarantine owner" value="@qa"/>',
        '        <property name="quarantine expires" value="2026-12-31"/>',
        '      </properties>',
        '    </testcase>',
      ].join('\n'),
    );
    expect(testcase(xml, 'held fail')).toContain(
      '<system-out>failed in this run; quarantined, so it does not fail the run\n\nboom\n\nat a.ts:1\n[[ATTACHMENT|dist/e2e/e2e-health/a.png]]</system-out>',
    );
    expect(testcase(xml, 'held fail')).not.toContain('<failure');
    expect(counts(xml, 'testsuites')).toEqual([['e2e', 2, 0, 0, 1]]);
    expect(xml).not.toContain('name="quarantine"');
  });

  it('lists each expired entry, and every problem of a malformed file, as errors of a quarantine suite', () => {
    const expired = junit(
      [testResult({ name: 'a' })],
      {},
      {
        file: 'q.json',
        quarantine: { tests: [{ test: 'x > y', owner: '@o', reason: 'r', expires: '2026-11-30' }] },
      },
    );
    expect(expired).toContain(
      '<testsuite name="quarantine" tests="1" failures="0" errors="1" skipped="0" time="0.000">\n    <testcase classname="q.json" name="x &gt; y" time="0.000">\n      <error message="quarantine expired yesterday (2026-11-30) (owner @o)" type="Quarantine">r\n\nfix the test',
    );
    const malformed = junit([testResult({ name: 'a' })], {}, { file: 'q.json', problems: ['one', 'two'] });
    expect(malformed).toContain(
      '<testcase classname="q.json" name="(quarantine file)" time="0.000">\n      <error message="q.json is not a valid quarantine file" type="Quarantine">- one\n- two</error>',
    );
    expect(counts(malformed, 'testsuites')).toEqual([['e2e', 2, 0, 1, 0]]);
  });

  it('shows a failure under an expired entry as a failure, with every attachment and a first line of at most 500 characters', () => {
    const file = 'apps/e2e-demo/tests/demo.spec.ts';
    const xml = junit(
      [
        testResult({
          name: 'expired',
          status: 'failed',
          error: { message: `${'z'.repeat(600)}\nsecond` },
          attachments: [
            { name: 'screenshot', path: 'a.png' },
            { name: 'trace', path: 'trace.zip' },
          ],
        }),
      ],
      {},
      {
        file: 'q.json',
        quarantine: { tests: [{ test: `${file} > expired`, owner: '@o', reason: 'r', expires: '2026-12-01' }] },
      },
    );
    const expired = testcase(xml, 'expired');
    expect(expired).toContain(`<failure message="${'z'.repeat(500)}" type="AssertionError">`);
    expect(expired).toContain('<system-out>[[ATTACHMENT|a.png]]\n[[ATTACHMENT|trace.zip]]</system-out>');
    expect(expired).not.toContain('quarantined');
    expect(counts(xml, 'testsuite')).toEqual([
      ['e2e-health', 1, 1, 0, 0],
      ['quarantine', 1, 0, 1, 0],
    ]);
  });

  it('never counts below zero nor more failures, errors and skips than cases, whatever the mix', () => {
    const { report, results } = sampleRun();
    for (const xml of [renderJunit(report, results), render(passingRun())]) {
      const [[, tests, failures, errors, skipped]] = counts(xml, 'testsuites') as [
        [string, number, number, number, number],
      ];
      for (const n of [tests, failures, errors, skipped]) expect(n).toBeGreaterThanOrEqual(0);
      expect(failures + errors + skipped).toBeLessThanOrEqual(tests);
      expect(tests).toBe([...xml.matchAll(/<testcase /g)].length);
    }
  });
});

const render = ({ report, results }: ReturnType<typeof passingRun>) => renderJunit(report, results);

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
