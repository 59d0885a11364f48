import type { CoverageSummary, RunReport } from '../../contract/run-report.ts';
import { coveragePercent } from '../coverage.ts';
import { formatDuration, plural } from '../format.ts';
import { statusText } from './console.ts';

export interface SlackOptions {
  /** Where the full report is: `E2E_REPORT_URL` when set (a link), else the HTML file's path. */
  reportLocation: string;
  /** Failures and flaky tests listed before "… and N more". */
  maxListed?: number;
}

/** A Slack incoming-webhook message: `text` is the notification fallback, `blocks` the message. */
export interface SlackMessage {
  text: string;
  blocks: Record<string, unknown>[];
}

/** Slack rejects a section text over 3000 characters. */
const MAX_SECTION_TEXT = 2900;

/**
 * One Block Kit message: the verdict, counts and phases, the failures and flaky tests (first few,
 * first line of each error), coverage, and where the full report is.
 */
export function renderSlack(report: RunReport, options: SlackOptions): SlackMessage {
  const max = options.maxListed ?? 5;
  const { passed, failed, skipped, flaky, quarantined } = report.totals;
  const icon = report.verdict === 'passed' ? ':white_check_mark:' : ':x:';
  const counts = `${passed + flaky} passed · ${failed} failed · ${flaky} flaky · ${skipped} skipped${quarantined > 0 ? ` · ${quarantined} quarantined` : ''}`;
  const blocks: Record<string, unknown>[] = [
    {
      type: 'header',
      text: { type: 'plain_text', text: `E2E ${report.verdict === 'passed' ? 'passed' : 'FAILED'}`, emoji: true },
    },
    section(
      `${icon} *${counts}*${report.verdictReasons.length > 0 ? `\n${report.verdictReasons.map((r) => `• ${esc(r)}`).join('\n')}` : ''}`,
    ),
    section(
      report.phases
        .map(
          (p) =>
            `\`${esc(p.name)}\` ${esc(statusText(p))}${p.status !== 'not-run' ? ` · ${formatDuration(p.durationMs - p.setupMs)} of ${formatDuration(p.budgetMs)}` : ''}`,
        )
        .join('\n') || 'No e2e phase found.',
    ),
  ];

  const runErrors = report.phases
    .filter((p) => p.errors.length > 0)
    .map((p) => `*${esc(p.name)}*: run error\n> ${esc(firstLine(p.errors[0]!))}`);
  const failures = report.failures.map(
    (f) => `*${esc(f.phase)}* · \`${esc(f.file)}\`\n${esc(f.name)}\n> ${esc(firstLine(f.error.message))}`,
  );
  const problems = [...runErrors, ...failures];
  if (problems.length > 0) {
    blocks.push({ type: 'divider' }, section(listed(`:red_circle: *Failures (${problems.length})*`, problems, max)));
  }
  if (report.flaky.length > 0) {
    const effect = report.failOnFlaky ? 'failing the run (E2E_FAIL_ON_FLAKY=1)' : 'not failing the run';
    const items = report.flaky.map(
      (t) =>
        `*${esc(t.phase)}* · ${esc(t.name)} (${plural(t.retries, 'retry', 'retries')})${t.error ? `\n> ${esc(firstLine(t.error.message))}` : ''}`,
    );
    blocks.push(
      section(
        listed(
          `:large_yellow_circle: *Flaky (${report.flaky.length}): failed, then passed on retry; ${effect}*`,
          items,
          max,
        ),
      ),
    );
  }
  const quarantine = quarantineItems(report);
  if (quarantine.length > 0) {
    blocks.push(
      section(
        listed(
          `:lock: *Quarantine (${report.quarantine.file}): failures held until their entry expires*`,
          quarantine,
          max,
        ),
      ),
    );
  }
  blocks.push({
    type: 'context',
    elements: [
      {
        type: 'mrkdwn',
        text: `Coverage: endpoints ${coverage(report.coverage.endpoints)} · pages ${coverage(report.coverage.pages)}`,
      },
    ],
  });
  const isUrl = /^https?:\/\//.test(options.reportLocation);
  blocks.push(
    section(
      isUrl
        ? `Full report: <${options.reportLocation}|report.html>`
        : `Full report: \`${esc(options.reportLocation)}\``,
    ),
  );

  return { text: `E2E ${report.verdict}: ${counts}`, blocks };
}

/** A malformed file, expired entries, then quarantined failures; entries whose test passed are not news. */
function quarantineItems(report: RunReport): string[] {
  const { file, problems, entries } = report.quarantine;
  if (problems.length > 0) return [`:x: \`${esc(file)}\` is not a valid quarantine file\n> ${esc(problems[0]!)}`];
  const expired = entries
    .filter((e) => e.expired)
    .map(
      (e) => `:x: *expired ${esc(e.expires)}* · ${esc(e.test)} (owner ${esc(e.owner)}): fix it and remove the entry`,
    );
  const held = entries
    .filter((e) => !e.expired && (e.outcome === 'failed' || e.outcome === 'flaky'))
    .map(
      (e) =>
        `*${esc(e.phase ?? '')}* · ${esc(e.test)} ${e.outcome}, quarantined until ${esc(e.expires)} (owner ${esc(e.owner)})${e.error ? `\n> ${esc(firstLine(e.error.message))}` : ''}`,
    );
  return [...expired, ...held];
}

function listed(title: string, items: string[], max: number): string {
  const shown = items.slice(0, max);
  const more = items.length - shown.length;
  return [title, ...shown, ...(more > 0 ? [`… and ${more} more in the report`] : [])].join('\n\n');
}

function coverage(summary: CoverageSummary | null): string {
  return summary ? `${summary.covered}/${summary.total} (${coveragePercent(summary)})` : 'not measured';
}

function section(text: string): Record<string, unknown> {
  const clipped = text.length > MAX_SECTION_TEXT ? `${text.slice(0, MAX_SECTION_TEXT)}…` : text;
  return { type: 'section', text: { type: 'mrkdwn', text: clipped } };
}

function firstLine(text: string): string {
  const line = text.split('\n', 1)[0]!;
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}

/** Slack's mrkdwn needs only these three escaped. */
function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
