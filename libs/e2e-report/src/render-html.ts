import { posix } from 'node:path';
import { coveragePercent, type CoverageSummary } from './coverage.ts';
import { formatDuration, plural } from './format.ts';
import { NO_API_DOCUMENT, NO_UI_PHASE, statusText } from './render-console.ts';
import type { PhaseSummary, RunReport } from './run-report.ts';
import type { Attachment } from './schema.ts';

export interface HtmlOptions {
  /**
   * The folder the page is written to, relative to the workspace root (`dist/e2e`): attachment
   * paths are workspace-relative, and the page links to them relative to itself so the folder can
   * be moved or published as a whole.
   */
  pageDir: string;
}

/**
 * `dist/e2e/report.html`: one self-contained page (inline CSS, no script, no external asset) with
 * the verdict, a timeline of the phases with the critical path, the failures with links to their
 * screenshots and traces, the flaky tests and the coverage.
 */
export function renderHtml(report: RunReport, options: HtmlOptions): string {
  const link = (a: Attachment) => (posix.isAbsolute(a.path) ? `file://${a.path}` : posix.relative(options.pageDir, a.path));
  const { passed, failed, skipped, flaky } = report.totals;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>E2E report: ${report.verdict}</title>
<style>${STYLE}</style>
</head>
<body>
<header class="${report.verdict}">
  <h1>E2E report: <span class="verdict">${report.verdict === 'passed' ? 'passed' : 'FAILED'}</span></h1>
  ${report.verdictReasons.length > 0 ? `<ul class="reasons">${report.verdictReasons.map((r) => `<li>${esc(r)}</li>`).join('')}</ul>` : ''}
  <p class="counts"><b>${passed + flaky}</b> passed (${flaky} flaky) · <b>${failed}</b> failed · <b>${skipped}</b> skipped</p>
  <p class="meta">generated ${esc(report.generatedAt)}${report.runId ? ` · run ${esc(report.runId)}` : ''}${report.failOnFlaky ? ' · flaky tests fail the run' : ''}</p>
</header>
<main>
${section('Timeline', renderTimeline(report))}
${section('Phases', renderPhases(report.phases))}
${section(`Failures (${report.failures.length + report.phases.filter((p) => p.errors.length > 0).length})`, renderFailures(report, link))}
${section(`Flaky tests (${report.flaky.length})`, renderFlaky(report, link))}
${section('Coverage', renderCoverage('Endpoints', 'not called', report.coverage.endpoints, report.coverage.notMeasured?.endpoints ?? NO_API_DOCUMENT) + renderCoverage('Pages', 'not visited', report.coverage.pages, report.coverage.notMeasured?.pages ?? NO_UI_PHASE))}
</main>
</body>
</html>
`;
}

function section(title: string, body: string): string {
  return `<section><h2>${esc(title)}</h2>\n${body}\n</section>`;
}

function renderTimeline(report: RunReport): string {
  const ran = report.phases.filter((p) => p.startedAt && p.endedAt && !p.cached);
  const others = report.phases.filter((p) => !ran.includes(p));
  if (ran.length === 0) return '<p class="none">No phase ran in this run.</p>';
  const origin = Math.min(...ran.map((p) => Date.parse(p.startedAt!)));
  const span = Math.max(1, Math.max(...ran.map((p) => Date.parse(p.endedAt!))) - origin);
  const pct = (ms: number) => `${((Math.max(0, ms) / span) * 100).toFixed(2)}%`;
  const critical = new Set(report.criticalPath);

  const rows = ran.map((p) => {
    const start = Date.parse(p.startedAt!) - origin;
    const end = Date.parse(p.endedAt!) - origin;
    const classes = ['bar', p.timedOut ? 'timedout' : p.status, critical.has(p.name) ? 'critical' : '', p.overBudget ? 'over' : ''].filter(Boolean).join(' ');
    const setup = p.setupMs > 0 ? `<span class="setup" style="width:${((p.setupMs / Math.max(1, end - start)) * 100).toFixed(2)}%" title="before the first test: ${formatDuration(p.setupMs)}"></span>` : '';
    const budgetAt = start + p.setupMs + p.budgetMs;
    const budget = budgetAt <= span ? `<span class="budget" style="left:${pct(budgetAt)}" title="budget ${formatDuration(p.budgetMs)}"></span>` : '';
    const title = `${p.name}: +${formatDuration(start)} → +${formatDuration(end)} (${formatDuration(end - start)}), ${statusText(p)}`;
    const times = `+${esc(formatDuration(start))} → +${esc(formatDuration(end))}`;
    // A short bar cannot hold its times: they go beside it, on the side with room.
    const wide = (end - start) / span >= 0.25;
    const beside = wide ? '' : end / span <= 0.7 ? `<span class="times beside" style="left:calc(${pct(end)} + 6px)">${times}</span>` : `<span class="times beside" style="right:calc(${pct(span - start)} + 6px)">${times}</span>`;
    return `<div class="row"><div class="label">${esc(p.name)}${critical.has(p.name) ? ' <span class="cp">critical</span>' : ''}</div><div class="track">${budget}<div class="${classes}" style="left:${pct(start)};width:${pct(end - start)}" title="${esc(title)}">${setup}${wide ? `<span class="times">${times}</span>` : ''}</div>${beside}</div></div>`;
  });
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => `<span style="left:${(f * 100).toFixed(0)}%">${esc(formatDuration(f * span))}</span>`).join('');
  const path = report.criticalPath.length > 0 ? `<p class="legend"><span class="swatch critical"></span>critical path: ${report.criticalPath.map(esc).join(' → ')} · <span class="swatch setup"></span>waiting before the first test · <span class="swatch budget-end"></span>budget ends</p>` : '';
  const listed = others.map((p) => `<li>${esc(p.name)}: ${esc(p.cached ? `restored from the Nx cache (ran ${p.startedAt ?? '?'}, ${formatDuration(p.durationMs)})` : statusText(p))}</li>`).join('');
  return `<div class="timeline">${rows.join('\n')}<div class="row"><div class="label"></div><div class="axis">${ticks}</div></div></div>
${path}
<p class="meta">from ${esc(new Date(origin).toISOString())} to ${esc(new Date(origin + span).toISOString())} (${esc(formatDuration(span))})</p>
${listed ? `<ul class="offline">${listed}</ul>` : ''}`;
}

function renderPhases(phases: PhaseSummary[]): string {
  const rows = phases.map((p) => {
    const ran = p.status !== 'not-run';
    const n = (v: number) => (ran ? String(v) : '-');
    const status = p.timedOut ? 'timedout' : p.status;
    return `<tr><td>${esc(p.name)}</td><td>${n(p.counts.passed)}</td><td>${n(p.counts.failed)}</td><td>${n(p.counts.flaky)}</td><td>${n(p.counts.skipped)}</td><td>${ran ? esc(formatDuration(p.durationMs - p.setupMs)) : '-'}</td><td>${esc(formatDuration(p.budgetMs))}</td><td class="status ${status}${p.overBudget ? ' over' : ''}">${esc(statusText(p))}</td></tr>`;
  });
  return `<table><thead><tr><th>phase</th><th>passed</th><th>failed</th><th>flaky</th><th>skipped</th><th>duration</th><th>budget</th><th>status</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function renderFailures(report: RunReport, link: (a: Attachment) => string): string {
  const runErrors = report.phases
    .filter((p) => p.errors.length > 0)
    .map((p) => `<article class="failure"><h3>${esc(p.name)}: run error</h3>${p.errors.map((e) => `<pre>${esc(e)}</pre>`).join('')}${(p.notStarted ?? []).length > 0 ? `<p>never started: ${p.notStarted!.map((f) => `<code>${esc(f)}</code>`).join(', ')}</p>` : ''}</article>`);
  const failures = report.failures.map(
    (f) => `<article class="failure"><h3>${esc(f.name)}</h3><p class="where">${esc(f.phase)} · <code>${esc(f.file)}</code></p><pre>${esc(f.error.message)}</pre>${f.error.stack ? `<details><summary>stack</summary><pre>${esc(f.error.stack)}</pre></details>` : ''}${renderAttachments(f.attachments, link)}</article>`,
  );
  const all = [...runErrors, ...failures];
  return all.length > 0 ? all.join('\n') : '<p class="none">No failures.</p>';
}

function renderFlaky(report: RunReport, link: (a: Attachment) => string): string {
  if (report.flaky.length === 0) return '<p class="none">No flaky tests.</p>';
  return report.flaky
    .map((t) => `<article class="flaky"><h3>${esc(t.name)}</h3><p class="where">${esc(t.phase)} · <code>${esc(t.file)}</code> · passed after ${esc(plural(t.retries, 'retry', 'retries'))}</p>${t.error ? `<pre>${esc(t.error.message)}</pre>` : ''}${renderAttachments(t.attachments, link)}</article>`)
    .join('\n');
}

function renderAttachments(attachments: Attachment[] | undefined, link: (a: Attachment) => string): string {
  if (!attachments?.length) return '';
  const items = attachments.map((a) => {
    const href = esc(encodeURI(link(a)));
    const image = /\.(png|jpe?g|webp)$/i.test(a.path) ? `<a href="${href}"><img src="${href}" alt="${esc(a.name)}"></a>` : '';
    return `<li><a href="${href}">${esc(a.name)}</a> <code>${esc(a.path)}</code>${image}</li>`;
  });
  return `<ul class="attachments">${items.join('')}</ul>`;
}

function renderCoverage(title: string, missing: string, coverage: CoverageSummary | null, unmeasured: string): string {
  if (!coverage) return `<h3>${esc(title)}</h3><p class="none">Not measured: ${esc(unmeasured)}.</p>`;
  const ratio = coverage.total === 0 ? 0 : coverage.covered / coverage.total;
  const list = (items: string[]) => `<ul class="cols">${items.map((u) => `<li><code>${esc(u)}</code></li>`).join('')}</ul>`;
  return `<h3>${esc(title)}: ${coverage.covered}/${coverage.total} (${coveragePercent(coverage)})</h3>
<div class="meter"><span style="width:${(ratio * 100).toFixed(1)}%"></span></div>
<p class="meta">of <code>${esc(coverage.source)}</code></p>
${coverage.uncovered.length > 0 ? `<details open><summary>${esc(missing)} (${coverage.uncovered.length})</summary>${list(coverage.uncovered)}</details>` : ''}
${coverage.unmatched.length > 0 ? `<details><summary>reached but not listed (${coverage.unmatched.length})</summary>${list(coverage.unmatched)}</details>` : ''}`;
}

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const STYLE = `
:root{--ok:#1a7f37;--bad:#cf222e;--warn:#9a6700;--crit:#8250df;--muted:#57606a;--line:#d0d7de;font-family:system-ui,-apple-system,"Segoe UI",sans-serif;color:#1f2328}
body{margin:0;background:#f6f8fa}
header{padding:16px 24px;color:#fff;background:var(--ok)}
header.failed{background:var(--bad)}
header h1{margin:0 0 4px;font-size:22px}
header .reasons{margin:4px 0;padding-left:20px}
header .meta,header .counts{margin:2px 0}
header .meta{color:rgba(255,255,255,.85)}
main{padding:8px 24px 32px;max-width:1200px}
section{background:#fff;border:1px solid var(--line);border-radius:6px;padding:12px 16px;margin:16px 0}
h2{margin:0 0 8px;font-size:18px}
h3{margin:8px 0 4px;font-size:15px}
.meta,.none,.where{color:var(--muted);font-size:13px}
.timeline .row{display:flex;align-items:center;margin:4px 0}
.timeline .label{width:190px;flex:none;font-size:13px;font-family:ui-monospace,monospace}
.timeline .track,.timeline .axis{position:relative;flex:1;height:24px}
.timeline .track{background:repeating-linear-gradient(90deg,#f6f8fa 0 24.9%,var(--line) 25% 25.1%)}
.bar{position:absolute;top:3px;height:18px;border-radius:3px;background:var(--ok);overflow:hidden;min-width:3px}
.bar.failed{background:var(--bad)}
.bar.timedout{background:repeating-linear-gradient(45deg,var(--bad) 0 6px,#8c1d24 6px 12px)}
.bar.critical{outline:3px solid var(--crit);outline-offset:1px}
.bar .setup{position:absolute;left:0;top:0;bottom:0;background:rgba(255,255,255,.45)}
.bar .times{position:relative;padding:0 4px;font-size:11px;line-height:18px;color:#fff;white-space:nowrap}
.track .budget{position:absolute;top:0;bottom:0;width:2px;background:var(--warn);z-index:1}
.times.beside{position:absolute;top:3px;line-height:18px;font-size:11px;color:var(--muted);white-space:nowrap}
.axis span{position:absolute;transform:translateX(-50%);font-size:11px;color:var(--muted);white-space:nowrap}
.axis span:first-child{transform:none}.axis span:last-child{transform:translateX(-100%)}
.cp{font-size:10px;color:#fff;background:var(--crit);border-radius:3px;padding:0 3px}
.legend{font-size:13px}
.swatch{display:inline-block;width:12px;height:12px;vertical-align:middle;margin:0 4px 0 8px;border-radius:2px}
.swatch.critical{outline:3px solid var(--crit);background:var(--ok)}
.swatch.setup{background:#9fd3ac}
.swatch.budget-end{width:3px;background:var(--warn)}
table{border-collapse:collapse;font-size:13px}
td,th{border-bottom:1px solid var(--line);padding:4px 10px;text-align:right}
td:first-child,th:first-child,td.status,th:last-child{text-align:left}
td.status.passed{color:var(--ok)}td.status.failed,td.status.timedout{color:var(--bad);font-weight:600}
td.status.over{color:var(--warn)}td.status.not-run{color:var(--muted)}
article{border-left:4px solid var(--bad);padding:2px 12px;margin:10px 0;background:#fff8f8}
article.flaky{border-color:var(--warn);background:#fffbeb}
pre{white-space:pre-wrap;word-break:break-word;background:#f6f8fa;border:1px solid var(--line);padding:8px;font-size:12px;max-height:420px;overflow:auto}
.attachments img{display:block;max-width:360px;max-height:220px;border:1px solid var(--line);margin:4px 0}
.meter{height:10px;background:#eaeef2;border-radius:5px;max-width:420px;overflow:hidden}
.meter span{display:block;height:100%;background:var(--ok)}
ul.cols{columns:2;font-size:13px}
`;
