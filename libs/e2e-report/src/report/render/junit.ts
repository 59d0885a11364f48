import type { PhaseResult, TestResult } from '../../contract/phase-result.ts';
import { testId } from '../../contract/quarantine.ts';
import type { PhaseSummary, QuarantinedTest, RunReport } from '../../contract/run-report.ts';
import { formatDuration, plural } from '../format.ts';
import { quarantineCase, quarantineSuite } from './junit-quarantine.ts';
import { serializeXml, type XmlElement } from './xml.ts';

/**
 * `dist/e2e/junit.xml`: one `<testsuite>` per phase, in the report's order, for CI systems.
 * Failed tests carry a `<failure>` (message and stack); flaky tests pass, marked by a `flaky`
 * property and a `<system-out>` note with the error of the failed attempt; skipped tests carry
 * `<skipped/>`. A phase's run errors become an `<error>` test case, and a phase that did not run
 * is one skipped case (or an error when nothing upstream failed to explain it). A quarantined
 * failure is a skipped case saying so, with its error; a `quarantine` suite holds the expired
 * entries and a malformed quarantine file as errors.
 *
 * `results` supplies every test of the phases that ran; the report decides each phase's status,
 * so a stale results file behind a failed phase is not listed.
 */
export function renderJunit(report: RunReport, results: ReadonlyMap<string, PhaseResult | undefined>): string {
  const held = new Map(report.quarantine.entries.filter((e) => !e.expired).map((e) => [e.test, e]));
  const suites = report.phases.map((phase) =>
    suite(phase, phase.status === 'not-run' ? undefined : results.get(phase.name), held),
  );
  const quarantine = quarantineSuite(report.quarantine, report.generatedAt);
  if (quarantine) suites.push(quarantine);
  const total = (key: 'tests' | 'failures' | 'errors' | 'skipped') =>
    suites.reduce((sum, s) => sum + Number(s.attributes![key]), 0);
  return serializeXml({
    name: 'testsuites',
    attributes: {
      name: 'e2e',
      tests: total('tests'),
      failures: total('failures'),
      errors: total('errors'),
      skipped: total('skipped'),
      time: seconds(report.phases.reduce((sum, p) => sum + p.durationMs, 0)),
      timestamp: report.generatedAt,
    },
    children: suites,
  });
}

function suite(
  phase: PhaseSummary,
  result: PhaseResult | undefined,
  held: ReadonlyMap<string, QuarantinedTest>,
): XmlElement {
  const cases = (result?.tests ?? []).map((test) => {
    const entry = held.get(testId(test));
    return entry ? quarantineCase(test, entry, testCase(phase.name, test)) : testCase(phase.name, test);
  });
  const phaseCase = phaseLevelCase(phase);
  if (phaseCase) cases.push(phaseCase);
  const has = (child: string) => cases.filter((c) => c.children?.some((e) => e.name === child)).length;
  const properties: [string, string][] = [
    ['status', phase.status],
    ['budget', formatDuration(phase.budgetMs)],
    ['over budget', String(phase.overBudget)],
    ['timed out', String(phase.timedOut)],
    ['cached', String(phase.cached)],
    ...(phase.runner ? [['runner', phase.runner] as [string, string]] : []),
  ];
  return {
    name: 'testsuite',
    attributes: {
      name: phase.name,
      tests: cases.length,
      failures: has('failure'),
      errors: has('error'),
      skipped: has('skipped'),
      time: seconds(phase.durationMs),
      timestamp: phase.startedAt ?? undefined,
    },
    children: [{ name: 'properties', children: properties.map(([name, value]) => property(name, value)) }, ...cases],
  };
}

/** A phase that did not run, or ran with errors outside its tests, is one case of its own. */
function phaseLevelCase(phase: PhaseSummary): XmlElement | undefined {
  const at = (name: string, child: XmlElement): XmlElement => ({
    name: 'testcase',
    attributes: { classname: phase.name, name, time: 0 },
    children: [child],
  });
  if (phase.status === 'not-run') {
    const message = `not run: ${phase.notRunReason}`;
    // Behind a failed phase, "not run" is a consequence; with no failure upstream it is the problem.
    const blocked = /failed$/.test(phase.notRunReason ?? '');
    return at(
      '(phase not run)',
      blocked
        ? { name: 'skipped', attributes: { message } }
        : { name: 'error', attributes: { message, type: 'NotRun' } },
    );
  }
  if (phase.errors.length === 0) return undefined;
  const body = [...phase.errors, ...(phase.notStarted ?? []).map((f) => `never started: ${f}`)].join('\n\n');
  return at('(phase run errors)', {
    name: 'error',
    attributes: { message: firstLine(phase.errors[0]!), type: phase.timedOut ? 'TimedOut' : 'RunError' },
    text: body,
  });
}

function testCase(phase: string, test: TestResult): XmlElement {
  const attributes = { classname: test.file, name: test.name, file: test.file, time: seconds(test.durationMs) };
  // The `[[ATTACHMENT|path]]` lines are how Jenkins and GitLab find screenshots and traces.
  const attachments = (test.attachments ?? []).map((a) => `[[ATTACHMENT|${a.path}]]`);
  const children: XmlElement[] = [];
  switch (test.status) {
    case 'passed':
      break;
    case 'skipped':
      children.push({ name: 'skipped' });
      break;
    case 'failed': {
      const error = test.error ?? { message: '(the runner recorded no error message)' };
      const type = /timed out|hard timeout/i.test(error.message) ? 'TimedOut' : 'AssertionError';
      const body = [error.message, error.stack && !error.message.includes(error.stack) ? error.stack : '']
        .filter(Boolean)
        .join('\n\n');
      children.push({ name: 'failure', attributes: { message: firstLine(error.message), type }, text: body });
      if (attachments.length > 0) children.push({ name: 'system-out', text: attachments.join('\n') });
      break;
    }
    case 'flaky': {
      const note = [
        `flaky in ${phase}: failed ${plural(test.retries, 'time', 'times')}, then passed on retry`,
        ...(test.error ? ['', 'error of the failed attempt:', test.error.message] : []),
        ...attachments,
      ];
      children.push({
        name: 'properties',
        children: [property('flaky', 'true'), property('retries', String(test.retries))],
      });
      children.push({ name: 'system-out', text: note.join('\n') });
      break;
    }
  }
  return { name: 'testcase', attributes, children };
}

export function property(name: string, value: string): XmlElement {
  return { name: 'property', attributes: { name, value } };
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

export function firstLine(text: string): string {
  return text.split('\n', 1)[0]!.slice(0, 500);
}
