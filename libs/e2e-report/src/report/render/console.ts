import type { CoverageSummary, PhaseSummary, RunReport } from '../../contract/run-report.ts';
import { NO_API_OPERATIONS, NO_UI_PHASE } from '../aggregate.ts';
import { coveragePercent } from '../coverage.ts';
import { formatDuration, plural, textTable } from '../format.ts';
import { renderAgentsConsole } from './agents.ts';
import { renderQuarantine } from './console-quarantine.ts';
import { BODY_INDENT, clip, indent, pad } from './text-block.ts';

/** Uncovered operations and pages listed before "… and N more". */
const MAX_UNCOVERED = 15;
/** Setup shorter than this is not worth a line. */
const NOTABLE_SETUP_MS = 1000;

/**
 * The plain-text report: one table row per phase, then every failure, then flaky tests, then
 * the quarantine, then coverage. The last line is always `e2e: N passed, N failed, N skipped`
 * (flaky counted as passed; `, N quarantined` added when some were) because CI greps it.
 */
export function renderConsole(report: RunReport): string {
  const out: string[] = [];
  const why =
    report.verdict === 'failed' && report.verdictReasons.length > 0 ? ` (${report.verdictReasons.join('; ')})` : '';
  out.push(`E2E report: ${report.verdict === 'passed' ? 'passed' : 'FAILED'}${why}`, '');
  if (report.phases.length === 0) {
    out.push('No e2e phases found: no project has the phase target, so nothing was tested.', '');
  } else {
    out.push(...renderTable(report.phases, report.totals.quarantined > 0));
    const setups = report.phases.filter((p) => p.setupMs >= NOTABLE_SETUP_MS && !p.cached);
    if (setups.length > 0) {
      out.push(
        `duration excludes the wait before the first test: ${setups.map((p) => `${p.name} ${formatDuration(p.setupMs)}`).join(', ')}`,
      );
    }
    if (report.criticalPath.length > 1) out.push(`critical path: ${report.criticalPath.join(' → ')}`);
    out.push('');
  }

  const phaseErrors = report.phases.filter((p) => p.errors.length > 0);
  const failureCount = report.failures.length + phaseErrors.length;
  if (failureCount > 0) {
    out.push(`Failures (${failureCount})`, '');
    for (const phase of phaseErrors) {
      out.push(`  FAIL  ${phase.name}: run error`);
      for (const error of phase.errors) out.push(...indent(clip(error), BODY_INDENT));
      for (const file of phase.notStarted ?? []) out.push(`${pad(BODY_INDENT)}never started: ${file}`);
      out.push('');
    }
    for (const failure of report.failures) {
      out.push(`  FAIL  ${failure.phase} · ${failure.file}`, `${pad(BODY_INDENT)}${failure.name}`);
      out.push(...indent(clip(failure.error.message), BODY_INDENT + 2));
      for (const a of failure.attachments ?? []) out.push(`${pad(BODY_INDENT + 2)}${a.name}: ${a.path}`);
      out.push('');
    }
  }

  if (report.flaky.length > 0) {
    const effect = report.failOnFlaky ? 'they fail the run (E2E_FAIL_ON_FLAKY=1)' : 'reported, not failing the run';
    out.push(`Flaky (${report.flaky.length}): failed, then passed on retry; ${effect}`, '');
    for (const test of report.flaky) {
      out.push(
        `  FLAKY ${test.phase} · ${test.file}`,
        `${pad(BODY_INDENT)}${test.name} (${plural(test.retries, 'retry', 'retries')})`,
      );
      if (test.error) out.push(...indent(clip(test.error.message), BODY_INDENT + 2));
      for (const a of test.attachments ?? []) out.push(`${pad(BODY_INDENT + 2)}${a.name}: ${a.path}`);
      out.push('');
    }
  }

  out.push(...renderQuarantine(report));
  out.push(...renderAgentsConsole(report));
  out.push('Coverage');
  const unmeasured = report.coverage.notMeasured ?? {};
  out.push(
    ...renderCoverage('endpoints', report.coverage.endpoints, 'not called', unmeasured.endpoints ?? NO_API_OPERATIONS),
  );
  out.push(...renderCoverage('pages', report.coverage.pages, 'not visited', unmeasured.pages ?? NO_UI_PHASE));
  out.push('');

  const { passed, failed, skipped, flaky, quarantined } = report.totals;
  // Quarantined failures are named only when there are some, so the usual line stays as CI knows it.
  const held = quarantined > 0 ? `, ${quarantined} quarantined` : '';
  out.push(`e2e: ${passed + flaky} passed, ${failed} failed, ${skipped} skipped${held}`);
  return out.join('\n');
}

function renderTable(phases: PhaseSummary[], withQuarantined: boolean): string[] {
  // The quarantined column appears only in runs that have quarantined failures.
  const header = [
    'phase',
    'passed',
    'failed',
    'flaky',
    ...(withQuarantined ? ['quarantined'] : []),
    'skipped',
    'duration',
    'budget',
    'status',
  ];
  const rows = phases.map((p) => {
    const ran = p.status !== 'not-run';
    const n = (value: number) => (ran ? String(value) : '-');
    return [
      p.name,
      n(p.counts.passed),
      n(p.counts.failed),
      n(p.counts.flaky),
      ...(withQuarantined ? [n(p.counts.quarantined)] : []),
      n(p.counts.skipped),
      ran ? formatDuration(p.durationMs - p.setupMs) : '-',
      formatDuration(p.budgetMs),
      statusText(p),
    ];
  });
  // Name left, numbers right, status last so a long "not run: …" does not widen the table.
  const numbers = header.slice(1, -1).map((_, i) => i + 1);
  return textTable(header, rows, numbers);
}

/** `passed`, `passed, over budget`, `TIMED OUT at 1 m 30 s`, `not run: e2e-health failed`, `… (cached)`. */
export function statusText(phase: PhaseSummary): string {
  if (phase.status === 'not-run') return `not run: ${phase.notRunReason}`;
  const base = phase.timedOut
    ? `TIMED OUT at ${formatDuration(phase.hardTimeoutMs)}`
    : phase.overBudget
      ? `${phase.status}, over budget`
      : phase.status;
  return phase.cached ? `${base} (cached)` : base;
}

function renderCoverage(
  label: string,
  coverage: CoverageSummary | null,
  missing: string,
  unmeasured: string,
): string[] {
  const head = `  ${label.padEnd(10)}`;
  if (!coverage) return [`${head}not measured: ${unmeasured}`];
  const lines = [
    `${head}${coverage.covered}/${coverage.total} (${coveragePercent(coverage)}), listed by ${coverage.listedBy.join(', ')}`,
  ];
  if (coverage.uncovered.length > 0) {
    const shown = coverage.uncovered.slice(0, MAX_UNCOVERED);
    const more = coverage.uncovered.length - shown.length;
    lines.push(`${pad(4)}${missing}: ${shown.join(', ')}${more > 0 ? `, … and ${more} more in report.json` : ''}`);
  }
  return lines;
}
