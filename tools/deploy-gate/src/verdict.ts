import type { RunReport } from '@streamkit/e2e-report';

/** What one run of the suite against the idle colour left behind. */
export interface SuiteRun {
  exitCode: number;
  /** `report.json` of the run; missing when the suite died before the report. */
  report?: RunReport;
  /** Where to look when the report does not say enough. */
  output: string;
}

export interface Verdict {
  green: boolean;
  /** One line: the counts, or why there are none. */
  summary: string;
  /** Why it is not green, most telling first; empty when green. */
  reasons: string[];
}

/**
 * Green only when the suite exited 0 and its report passed: a report the runner could not finish
 * writing, or an exit code the report does not explain, is never taken for a pass.
 */
export function judge(run: SuiteRun, maxFailures = 5): Verdict {
  const { report } = run;
  if (!report) {
    return {
      green: false,
      summary: `no report (the suite exited with ${run.exitCode})`,
      reasons: [`the suite wrote no report; its output is in ${run.output}`],
    };
  }
  const { passed, failed, skipped } = report.totals;
  const summary = `${passed} passed, ${failed} failed, ${skipped} skipped`;
  if (report.verdict === 'passed' && run.exitCode === 0) return { green: true, summary, reasons: [] };

  const reasons = [...report.verdictReasons];
  for (const failure of report.failures.slice(0, maxFailures)) {
    reasons.push(`${failure.phase} › ${failure.name}: ${failure.error.message.split('\n')[0]}`);
  }
  if (report.failures.length > maxFailures)
    reasons.push(`… and ${report.failures.length - maxFailures} more failed tests`);
  if (reasons.length === 0)
    reasons.push(`the suite exited with ${run.exitCode} though its report passed; its output is in ${run.output}`);
  return { green: false, summary, reasons };
}
