import { posix } from 'node:path';
import type { Attachment } from '../../contract/phase-result.ts';
import type { CoverageSummary, PhaseSummary, RunReport } from '../../contract/run-report.ts';
import { NO_API_OPERATIONS, NO_UI_PHASE } from '../aggregate.ts';
import { coveragePercent } from '../coverage.ts';
import { formatDuration, plural } from '../format.ts';
import { renderAgentsHtml } from './agents.ts';
import { statusText } from './console.ts';
import { html, trusted, type SafeHtml } from './html-template.ts';
import { quarantineHtml } from './html-quarantine.ts';
import { STYLE } from './html-style.ts';

export interface HtmlOptions {
  /**
   * The folder the page is written to, relative to the workspace root (`dist/e2e`): attachment
   * paths are workspace-relative, and the page links to them relative to itself so the folder can
   * be moved or published as a whole.
   */
  pageDir: string;
}

type Link = (a: Attachment) => string;

/**
 * `dist/e2e/report.html`: one self-contained page (inline CSS, no script, no external asset) with
 * the verdict, a timeline of the phases with the critical path, the failures with links to their
 * screenshots and traces, the flaky tests and the coverage with the tests behind every item.
 * Built only through the auto-escaping {@link html} template.
 */
export function renderHtml(report: RunReport, options: HtmlOptions): string {
  const link: Link = (a) => (posix.isAbsolute(a.path) ? `file://${a.path}` : posix.relative(options.pageDir, a.path));
  const { passed, failed, skipped, flaky, quarantined } = report.totals;
  const quarantine = quarantineHtml(report, (list) => attachments(list, link));
  const runErrors = report.phases.filter((p) => p.errors.length > 0).length;
  const { endpoints, pages, notMeasured } = report.coverage;
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>E2E report: ${report.verdict}</title>
<style>${trusted(STYLE)}</style>
</head>
<body>
<header class="${report.verdict}">
  <h1>E2E report: <span class="verdict">${report.verdict === 'passed' ? 'passed' : 'FAILED'}</span></h1>
  ${report.verdictReasons.length > 0 && html`<ul class="reasons">${report.verdictReasons.map((r) => html`<li>${r}</li>`)}</ul>`}
  <p class="counts"><b>${passed + flaky}</b> passed (${flaky} flaky) · <b>${failed}</b> failed · <b>${skipped}</b> skipped${quarantined > 0 && html` · <b>${quarantined}</b> quarantined`}</p>
  <p class="meta">generated ${report.generatedAt}${report.runId && html` · run ${report.runId}`}${report.failOnFlaky && ' · flaky tests fail the run'}</p>
</header>
<main>
${section('Timeline', timeline(report))}
${section('Phases', phaseTable(report.phases))}
${section(`Failures (${report.failures.length + runErrors})`, failures(report, link))}
${section(`Flaky tests (${report.flaky.length})`, flakyTests(report, link))}
${quarantine && section(`Quarantine (${report.quarantine.entries.length})`, quarantine)}
${renderAgentsHtml(report)}
${section('Coverage', [coverage('Endpoints', 'not called', endpoints, notMeasured?.endpoints ?? NO_API_OPERATIONS), coverage('Pages', 'not visited', pages, notMeasured?.pages ?? NO_UI_PHASE)])}
</main>
</body>
</html>
`.markup;
}

function section(title: string, body: SafeHtml | SafeHtml[]): SafeHtml {
  return html`<section><h2>${title}</h2>\n${body}\n</section>`;
}

function timeline(report: RunReport): SafeHtml {
  const ran = report.phases.filter((p) => p.startedAt && p.endedAt && !p.cached);
  const others = report.phases.filter((p) => !ran.includes(p));
  if (ran.length === 0) return html`<p class="none">No phase ran in this run.</p>`;
  const origin = Math.min(...ran.map((p) => Date.parse(p.startedAt!)));
  const span = Math.max(1, Math.max(...ran.map((p) => Date.parse(p.endedAt!))) - origin);
  const pct = (ms: number) => `${((Math.max(0, ms) / span) * 100).toFixed(2)}%`;
  const critical = new Set(report.criticalPath);

  const rows = ran.map((p) => {
    const start = Date.parse(p.startedAt!) - origin;
    const end = Date.parse(p.endedAt!) - origin;
    const classes = [
      'bar',
      p.timedOut ? 'timedout' : p.status,
      critical.has(p.name) ? 'critical' : '',
      p.overBudget ? 'over' : '',
    ]
      .filter(Boolean)
      .join(' ');
    const setup =
      p.setupMs > 0 &&
      html`<span class="setup" style="width:${((p.setupMs / Math.max(1, end - start)) * 100).toFixed(2)}%" title="before the first test: ${formatDuration(p.setupMs)}"></span>`;
    const budgetAt = start + p.setupMs + p.budgetMs;
    const budget =
      budgetAt <= span &&
      html`<span class="budget" style="left:${pct(budgetAt)}" title="budget ${formatDuration(p.budgetMs)}"></span>`;
    const title = `${p.name}: +${formatDuration(start)} → +${formatDuration(end)} (${formatDuration(end - start)}), ${statusText(p)}`;
    const times = `+${formatDuration(start)} → +${formatDuration(end)}`;
    // A short bar cannot hold its times: they go beside it, on the side with room.
    const wide = (end - start) / span >= 0.25;
    const beside = wide
      ? undefined
      : end / span <= 0.7
        ? html`<span class="times beside" style="left:calc(${pct(end)} + 6px)">${times}</span>`
        : html`<span class="times beside" style="right:calc(${pct(span - start)} + 6px)">${times}</span>`;
    return html`<div class="row"><div class="label">${p.name}${critical.has(p.name) && html` <span class="cp">critical</span>`}</div><div class="track">${budget}<div class="${classes}" style="left:${pct(start)};width:${pct(end - start)}" title="${title}">${setup}${wide && html`<span class="times">${times}</span>`}</div>${beside}</div></div>\n`;
  });
  const ticks = [0, 0.25, 0.5, 0.75, 1].map(
    (f) => html`<span style="left:${(f * 100).toFixed(0)}%">${formatDuration(f * span)}</span>`,
  );
  const path =
    report.criticalPath.length > 0 &&
    html`<p class="legend"><span class="swatch critical"></span>critical path: ${report.criticalPath.join(' → ')} · <span class="swatch setup"></span>waiting before the first test · <span class="swatch budget-end"></span>budget ends</p>`;
  const listed = others.map(
    (p) =>
      html`<li>${p.name}: ${p.cached ? `restored from the Nx cache (ran ${p.startedAt ?? '?'}, ${formatDuration(p.durationMs)})` : statusText(p)}</li>`,
  );
  return html`<div class="timeline">${rows}<div class="row"><div class="label"></div><div class="axis">${ticks}</div></div></div>
${path}
<p class="meta">from ${new Date(origin).toISOString()} to ${new Date(origin + span).toISOString()} (${formatDuration(span)})</p>
${listed.length > 0 && html`<ul class="offline">${listed}</ul>`}`;
}

function phaseTable(phases: PhaseSummary[]): SafeHtml {
  const rows = phases.map((p) => {
    const ran = p.status !== 'not-run';
    const n = (v: number) => (ran ? String(v) : '-');
    const status = `status ${p.timedOut ? 'timedout' : p.status}${p.overBudget ? ' over' : ''}`;
    return html`<tr><td>${p.name}</td><td>${n(p.counts.passed)}</td><td>${n(p.counts.failed)}</td><td>${n(p.counts.flaky)}</td><td>${n(p.counts.skipped)}</td><td>${ran ? formatDuration(p.durationMs - p.setupMs) : '-'}</td><td>${formatDuration(p.budgetMs)}</td><td class="${status}">${statusText(p)}</td></tr>`;
  });
  return html`<table><thead><tr><th>phase</th><th>passed</th><th>failed</th><th>flaky</th><th>skipped</th><th>duration</th><th>budget</th><th>status</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function failures(report: RunReport, link: Link): SafeHtml {
  const runErrors = report.phases
    .filter((p) => p.errors.length > 0)
    .map(
      (p) =>
        html`<article class="failure"><h3>${p.name}: run error</h3>${p.errors.map((e) => html`<pre>${e}</pre>`)}${(p.notStarted ?? []).length > 0 && html`<p>never started: ${p.notStarted!.map((f, i) => html`${i > 0 && ', '}<code>${f}</code>`)}</p>`}</article>\n`,
    );
  const tests = report.failures.map(
    (f) =>
      html`<article class="failure"><h3>${f.name}</h3><p class="where">${f.phase} · <code>${f.file}</code></p><pre>${f.error.message}</pre>${f.error.stack && html`<details><summary>stack</summary><pre>${f.error.stack}</pre></details>`}${attachments(f.attachments, link)}</article>\n`,
  );
  return runErrors.length + tests.length > 0 ? html`${runErrors}${tests}` : html`<p class="none">No failures.</p>`;
}

function flakyTests(report: RunReport, link: Link): SafeHtml {
  if (report.flaky.length === 0) return html`<p class="none">No flaky tests.</p>`;
  return html`${report.flaky.map(
    (t) =>
      html`<article class="flaky"><h3>${t.name}</h3><p class="where">${t.phase} · <code>${t.file}</code> · passed after ${plural(t.retries, 'retry', 'retries')}</p>${t.error && html`<pre>${t.error.message}</pre>`}${attachments(t.attachments, link)}</article>\n`,
  )}`;
}

function attachments(list: Attachment[] | undefined, link: Link): SafeHtml | undefined {
  if (!list?.length) return undefined;
  const items = list.map((a) => {
    const href = encodeURI(link(a));
    const image =
      /\.(png|jpe?g|webp)$/i.test(a.path) && html`<a href="${href}"><img src="${href}" alt="${a.name}"></a>`;
    return html`<li><a href="${href}">${a.name}</a> <code>${a.path}</code>${image}</li>`;
  });
  return html`<ul class="attachments">${items}</ul>`;
}

/** The figure, what nobody reached, what was reached off the list, and per item the tests that reached it. */
function coverage(title: string, missing: string, summary: CoverageSummary | null, unmeasured: string): SafeHtml {
  if (!summary) return html`<h3>${title}</h3><p class="none">Not measured: ${unmeasured}.</p>`;
  const ratio = summary.total === 0 ? 0 : summary.covered / summary.total;
  const list = (items: string[]) => html`<ul class="cols">${items.map((u) => html`<li><code>${u}</code></li>`)}</ul>`;
  const covered = summary.items.filter((i) => i.hits.length > 0);
  const byItem = covered.map(
    (item) =>
      html`<details class="item"><summary><code>${item.key}</code>${item.operationId && html` <span class="meta">${item.operationId}</span>`} · ${plural(new Set(item.hits.map((h) => `${h.phase} ${h.test}`)).size, 'test', 'tests')}</summary><ul class="hits">${item.hits.map(
        (h) => html`<li><code>${h.reached}</code> by ${h.phase} · ${h.test} <span class="meta">${h.file}</span></li>`,
      )}</ul></details>`,
  );
  return html`<h3>${title}: ${summary.covered}/${summary.total} (${coveragePercent(summary)})</h3>
<div class="meter"><span style="width:${(ratio * 100).toFixed(1)}%"></span></div>
<p class="meta">listed by ${summary.listedBy.join(', ')}</p>
${summary.uncovered.length > 0 && html`<details open><summary>${missing} (${summary.uncovered.length})</summary>${list(summary.uncovered)}</details>`}
${covered.length > 0 && html`<details><summary>covered, with the tests that reached each (${covered.length})</summary>${byItem}</details>`}
${summary.unmatched.length > 0 && html`<details><summary>reached but not listed (${summary.unmatched.length})</summary>${list(summary.unmatched)}</details>`}`;
}
