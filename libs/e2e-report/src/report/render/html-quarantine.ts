import type { Attachment } from '../../contract/phase-result.ts';
import type { QuarantinedTest, RunReport } from '../../contract/run-report.ts';
import { expiredAdvice, expiredSince, utcDay } from '../quarantine.ts';
import { html, type SafeHtml } from './html-template.ts';

/**
 * The HTML report's quarantine section body: a malformed file's problems, or every entry (expired
 * first, then quarantined failures, then the rest) with what its test did, then the warnings.
 * Undefined when the file is empty and fine, so a run without quarantine shows no section.
 */
export function quarantineHtml(
  report: RunReport,
  attachments: (list: Attachment[] | undefined) => SafeHtml | undefined,
): SafeHtml | undefined {
  const { file, problems, entries, warnings } = report.quarantine;
  if (problems.length > 0) {
    return html`<article class="failure"><h3><code>${file}</code> is not a valid quarantine file</h3><p>Nothing is quarantined, and the run fails. Fix it: the fields are in docs/report-schema.md ("Quarantine").</p><ul>${problems.map((p) => html`<li><code>${p}</code></li>`)}</ul></article>`;
  }
  if (entries.length === 0 && warnings.length === 0) return undefined;
  const today = utcDay(report.generatedAt);
  const rank = (e: QuarantinedTest) => (e.expired ? 0 : e.outcome === 'failed' || e.outcome === 'flaky' ? 1 : 2);
  const items = [...entries]
    .sort((a, b) => rank(a) - rank(b))
    .map((e) => {
      const kind = e.expired ? 'failure' : rank(e) === 1 ? 'quarantined' : 'held';
      const state = e.expired
        ? `expired ${expiredSince(e.expires, today)}: ${expiredAdvice(file)}`
        : `quarantined until ${e.expires}`;
      const outcome = e.outcome === 'not-found' ? 'not in this run' : `${e.outcome} this run`;
      return html`<article class="${kind}"><h3>${e.test}</h3><p class="where">${e.phase && html`${e.phase} · `}${outcome} · owner ${e.owner} · ${state}</p><p>${e.reason}</p>${e.error && html`<pre>${e.error.message}</pre>`}${attachments(e.attachments)}</article>\n`;
    });
  return html`<p class="meta">from <code>${file}</code>: a quarantined test runs and is reported, but its failure does not fail the run until its entry expires</p>
${items}${warnings.length > 0 && html`<ul class="warnings">${warnings.map((w) => html`<li>${w}</li>`)}</ul>`}`;
}
