import type { TestResult } from '../../contract/phase-result.ts';
import type { QuarantinedTest, QuarantineSummary } from '../../contract/run-report.ts';
import { expiredAdvice, expiredSince, isQuarantinable, utcDay } from '../quarantine.ts';
import { firstLine, property } from './junit.ts';
import type { XmlElement } from './xml.ts';

/**
 * A test under a holding quarantine entry. Failed or flaky: a `<skipped>` case (CI panels must not
 * show red for what does not fail the run) whose message says it is quarantined, with the error in
 * `<system-out>`. Passed or skipped: the case as it is. Either way marked by `quarantined`
 * properties.
 */
export function quarantineCase(test: TestResult, entry: QuarantinedTest, plain: XmlElement): XmlElement {
  const properties: XmlElement = {
    name: 'properties',
    children: [
      property('quarantined', 'true'),
      property('quarantine owner', entry.owner),
      property('quarantine expires', entry.expires),
    ],
  };
  if (!isQuarantinable(test)) {
    const rest = (plain.children ?? []).filter((c) => c.name !== 'properties');
    return { ...plain, children: [properties, ...rest] };
  }
  const message = `quarantined until ${entry.expires} (owner ${entry.owner}): ${entry.reason}`;
  const note = [
    `${test.status} in this run; quarantined, so it does not fail the run`,
    ...(test.error ? ['', test.error.message, ...(test.error.stack ? ['', test.error.stack] : [])] : []),
    ...(test.attachments ?? []).map((a) => `[[ATTACHMENT|${a.path}]]`),
  ];
  return {
    ...plain,
    children: [
      properties,
      { name: 'skipped', attributes: { message: firstLine(message) } },
      { name: 'system-out', text: note.join('\n') },
    ],
  };
}

/** A `quarantine` suite when the file fails the run (malformed, or expired entries); otherwise none. */
export function quarantineSuite(summary: QuarantineSummary, generatedAt: string): XmlElement | undefined {
  const today = utcDay(generatedAt);
  const errorCase = (name: string, message: string, text: string): XmlElement => ({
    name: 'testcase',
    attributes: { classname: summary.file, name, time: '0.000' },
    children: [{ name: 'error', attributes: { message: firstLine(message), type: 'Quarantine' }, text }],
  });
  const cases =
    summary.problems.length > 0
      ? [
          errorCase(
            '(quarantine file)',
            `${summary.file} is not a valid quarantine file`,
            summary.problems.map((p) => `- ${p}`).join('\n'),
          ),
        ]
      : summary.entries
          .filter((e) => e.expired)
          .map((e) =>
            errorCase(
              e.test,
              `quarantine expired ${expiredSince(e.expires, today)} (owner ${e.owner})`,
              `${e.reason}\n\n${expiredAdvice(summary.file)}`,
            ),
          );
  if (cases.length === 0) return undefined;
  return {
    name: 'testsuite',
    attributes: {
      name: 'quarantine',
      tests: cases.length,
      failures: 0,
      errors: cases.length,
      skipped: 0,
      time: '0.000',
    },
    children: cases,
  };
}
