import { formatDuration, plural } from './format.ts';
import type { PhaseSummary, RunReport } from './run-report.ts';
import type { PhaseResult, TestResult } from './schema.ts';

/**
 * `dist/e2e/junit.xml`: one `<testsuite>` per phase, in the report's order, for CI systems.
 * Failed tests carry a `<failure>` (message and stack); flaky tests pass, marked by a `flaky`
 * property and a `<system-out>` note with the error of the failed attempt; skipped tests carry
 * `<skipped/>`. A phase's run errors become an `<error>` test case, and a phase that did not run
 * is one skipped case (or an error when nothing upstream failed to explain it).
 *
 * `results` supplies every test of the phases that ran; the report decides each phase's status,
 * so a stale results file behind a failed phase is not listed.
 */
export function renderJunit(report: RunReport, results: ReadonlyMap<string, PhaseResult | undefined>): string {
  const suites = report.phases.map((phase) => renderSuite(phase, phase.status === 'not-run' ? undefined : results.get(phase.name)));
  const all = suites.reduce((sum, s) => ({ tests: sum.tests + s.tests, failures: sum.failures + s.failures, errors: sum.errors + s.errors, skipped: sum.skipped + s.skipped, time: sum.time + s.time }), { tests: 0, failures: 0, errors: 0, skipped: 0, time: 0 });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="e2e" tests="${all.tests}" failures="${all.failures}" errors="${all.errors}" skipped="${all.skipped}" time="${seconds(all.time)}" timestamp="${attr(report.generatedAt)}">`,
    ...suites.flatMap((s) => s.xml),
    '</testsuites>',
    '',
  ].join('\n');
}

interface Suite {
  xml: string[];
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
  time: number;
}

function renderSuite(phase: PhaseSummary, result: PhaseResult | undefined): Suite {
  const cases: string[] = [];
  let failures = 0;
  let errors = 0;
  let skipped = 0;
  let tests = result?.tests.length ?? 0;
  for (const test of result?.tests ?? []) {
    cases.push(...renderCase(phase.name, test));
    if (test.status === 'failed') failures += 1;
    if (test.status === 'skipped') skipped += 1;
  }
  if (phase.status === 'not-run') {
    const reason = `not run: ${phase.notRunReason}`;
    // Behind a failed phase, "not run" is a consequence; with no failure upstream it is the problem.
    const blocked = /failed$/.test(phase.notRunReason ?? '');
    cases.push(`    <testcase classname="${attr(phase.name)}" name="(phase not run)" time="0">`, blocked ? `      <skipped message="${attr(reason)}"/>` : `      <error message="${attr(reason)}" type="NotRun"/>`, '    </testcase>');
    if (blocked) skipped += 1;
    else errors += 1;
    tests += 1;
  } else if (phase.errors.length > 0) {
    const body = [...phase.errors, ...(phase.notStarted ?? []).map((f) => `never started: ${f}`)].join('\n\n');
    const type = phase.timedOut ? 'TimedOut' : 'RunError';
    cases.push(`    <testcase classname="${attr(phase.name)}" name="(phase run errors)" time="0">`, `      <error message="${attr(firstLine(phase.errors[0]!))}" type="${type}">${text(body)}</error>`, '    </testcase>');
    errors += 1;
    tests += 1;
  }
  const time = phase.durationMs;
  const properties = [
    ['status', phase.status],
    ['budget', formatDuration(phase.budgetMs)],
    ['over budget', String(phase.overBudget)],
    ['timed out', String(phase.timedOut)],
    ['cached', String(phase.cached)],
    ...(phase.runner ? [['runner', phase.runner]] : []),
  ];
  return {
    xml: [
      `  <testsuite name="${attr(phase.name)}" tests="${tests}" failures="${failures}" errors="${errors}" skipped="${skipped}" time="${seconds(time)}"${phase.startedAt ? ` timestamp="${attr(phase.startedAt)}"` : ''}>`,
      '    <properties>',
      ...properties.map(([name, value]) => `      <property name="${attr(name!)}" value="${attr(value!)}"/>`),
      '    </properties>',
      ...cases,
      '  </testsuite>',
    ],
    tests,
    failures,
    errors,
    skipped,
    time,
  };
}

function renderCase(phase: string, test: TestResult): string[] {
  const open = `    <testcase classname="${attr(test.file)}" name="${attr(test.name)}" file="${attr(test.file)}" time="${seconds(test.durationMs)}">`;
  const attachments = (test.attachments ?? []).map((a) => `[[ATTACHMENT|${a.path}]]`);
  switch (test.status) {
    case 'passed':
      return [`${open}</testcase>`];
    case 'skipped':
      return [open, '      <skipped/>', '    </testcase>'];
    case 'failed': {
      const error = test.error ?? { message: '(the runner recorded no error message)' };
      const body = [error.message, error.stack && !error.message.includes(error.stack) ? error.stack : ''].filter(Boolean).join('\n\n');
      return [
        open,
        `      <failure message="${attr(firstLine(error.message))}" type="${/timed out|hard timeout/i.test(error.message) ? 'TimedOut' : 'AssertionError'}">${text(body)}</failure>`,
        // The `[[ATTACHMENT|path]]` lines are how Jenkins and GitLab find screenshots and traces.
        ...(attachments.length > 0 ? [`      <system-out>${text(attachments.join('\n'))}</system-out>`] : []),
        '    </testcase>',
      ];
    }
    case 'flaky': {
      const note = [
        `flaky in ${phase}: failed ${plural(test.retries, 'time', 'times')}, then passed on retry`,
        ...(test.error ? ['', 'error of the failed attempt:', test.error.message] : []),
        ...attachments,
      ].join('\n');
      return [
        open,
        '      <properties>',
        '        <property name="flaky" value="true"/>',
        `        <property name="retries" value="${test.retries}"/>`,
        '      </properties>',
        `      <system-out>${text(note)}</system-out>`,
        '    </testcase>',
      ];
    }
  }
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0]!.slice(0, 500);
}

/** XML 1.0 allows no control characters but tab, newline and carriage return, even escaped. */
function clean(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');
}

function attr(text: string): string {
  return clean(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/\n/g, '&#10;');
}

function text(value: string): string {
  return clean(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
