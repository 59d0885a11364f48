import { describe, expect, it } from 'vitest';
import { renderHtml } from './html.ts';
import { passingRun, sampleRun } from '../../testing.ts';

const { report } = sampleRun();
const html = renderHtml(report, { pageDir: 'dist/e2e' });

describe('renderHtml', () => {
  it('is one self-contained page: inline style, no script, nothing loaded from elsewhere', () => {
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<style>');
    expect(html).not.toMatch(/<script|<link|@import|url\(|src="(https?:)?\/\//);
    expect(html).toContain('<title>E2E report: failed</title>');
    expect(html).toContain('<header class="failed">');
    expect(html).toContain('<li>e2e-smoke-ui failed</li>');
  });

  it('draws a timeline with each phase placed by start and end, the critical path marked', () => {
    // 62 s from the first start to the last end: health 0–30 s, database 30–50 s, smoke-ui 30–62 s.
    expect(html).toContain('class="bar passed critical" style="left:0.00%;width:48.39%"');
    expect(html).toContain('class="bar passed over" style="left:48.39%;width:32.26%"');
    expect(html).toContain('class="bar failed critical" style="left:48.39%;width:51.61%"');
    // Health spent 22 of its 30 s waiting for the stack.
    expect(html).toContain('<span class="setup" style="width:73.33%"');
    expect(html).toContain('critical path: e2e-health → e2e-smoke-ui');
    expect(html).toContain('<li>e2e-flows-ui: not run: e2e-smoke-ui failed</li>');
  });

  it('writes the times of a short bar beside it, on the side with room', () => {
    const short = {
      ...report,
      phases: report.phases.map((p) => (p.name === 'e2e-database' ? { ...p, endedAt: '2026-11-25T10:00:33.000Z' } : p)),
    };
    expect(renderHtml(short, { pageDir: 'dist/e2e' })).toContain(
      '<span class="times beside" style="left:calc(53.23% + 6px)">+30.0 s → +33.0 s</span>',
    );
  });

  it('shows each failure with its error, escaped, and links its screenshot and trace relative to the page', () => {
    expect(html).toContain('<h3>public pages &gt; the landing page &lt;loads&gt;</h3>');
    expect(html).toContain('<pre>expect(page).toHaveTitle(expected) failed\nExpected: &quot;StreamKit&quot;</pre>');
    expect(html).toContain(
      '<a href="e2e-smoke-ui/test-results/public-pages-landing/test-failed-1.png"><img src="e2e-smoke-ui/test-results/public-pages-landing/test-failed-1.png" alt="screenshot"></a>',
    );
    expect(html).toContain('<a href="e2e-smoke-ui/test-results/public-pages-landing/trace.zip">trace</a>');
    expect(renderHtml(report, { pageDir: 'out/site' })).toContain(
      'href="../../dist/e2e/e2e-smoke-ui/test-results/public-pages-landing/trace.zip"',
    );
  });

  it('lists flaky tests and both coverages with what was missed', () => {
    expect(html).toContain('<h2>Flaky tests (1)</h2>');
    expect(html).toContain('<h3>redis &gt; PING</h3>');
    expect(html).toContain('passed after 1 retry');
    expect(html).toContain('<h3>Endpoints: 2/3 (66%)</h3>');
    expect(html).toContain('<p class="meta">listed by e2e-health</p>');
    expect(html).toContain(
      '<details open><summary>not called (1)</summary><ul class="cols"><li><code>GET /api/v1/auth/oauth/{provider}</code></li></ul></details>',
    );
    expect(html).toContain('<h3>Pages: 2/3 (66%)</h3>');
    expect(html).toContain(
      '<details><summary>reached but not listed (1)</summary><ul class="cols"><li><code>/nowhere</code></li></ul></details>',
    );
  });

  it('shows per endpoint and page the tests whose requests and visits counted, escaped', () => {
    expect(html).toContain(
      '<details class="item"><summary><code>POST /api/v1/auth/login</code> <span class="meta">login</span> · 1 test</summary><ul class="hits"><li><code>POST /api/v1/auth/login</code> by e2e-smoke-ui · auth pages &gt; login &lt;form&gt; <span class="meta">apps/e2e-smoke-ui/tests/auth-pages.spec.ts</span></li></ul></details>',
    );
    expect(html).toContain(
      '<details class="item"><summary><code>/</code> · 1 test</summary><ul class="hits"><li><code>/</code> by e2e-smoke-ui · public pages &gt; the landing page &lt;loads&gt;',
    );
  });

  it('escapes every value from the results, in text and attributes alike', () => {
    const hostile = '"><script>alert(1)</script>';
    const page = renderHtml(
      {
        ...report,
        runId: hostile,
        verdictReasons: [hostile],
        phases: report.phases.map((p) => ({ ...p, name: `${p.name}${hostile}` })),
      },
      { pageDir: 'dist/e2e' },
    );
    expect(page).not.toContain('<script>');
    expect(page).toContain('run &quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).toContain('title="e2e-health&quot;&gt;&lt;script&gt;');
  });

  it('says what is missing instead of drawing nothing', () => {
    const empty = renderHtml(
      { ...report, phases: [], failures: [], flaky: [], criticalPath: [], coverage: { endpoints: null, pages: null } },
      { pageDir: 'dist/e2e' },
    );
    expect(empty).toContain('No phase ran in this run.');
    expect(empty).toContain('No failures.');
    expect(empty).toContain('No flaky tests.');
    expect(empty).toContain('Not measured: no UI phase ran.');
  });

  it('says passed for a green run: its header, title and counts, no reasons, no failures', () => {
    const page = renderHtml(passingRun().report, { pageDir: 'dist/e2e' });
    expect(page).toContain('<title>E2E report: passed</title>');
    expect(page).toContain('<header class="passed">');
    expect(page).toContain('<h1>E2E report: <span class="verdict">passed</span></h1>');
    expect(page).not.toContain('FAILED');
    expect(page).not.toContain('class="reasons"');
    expect(page).toContain('<p class="counts"><b>3</b> passed (1 flaky) · <b>0</b> failed · <b>1</b> skipped</p>');
    expect(page).toContain('<p class="meta">generated 2026-11-25T10:00:09.000Z · run run-2</p>');
    expect(page).toContain('<h2>Failures (0)</h2>\n<p class="none">No failures.</p>');
    expect(page).toContain('<h2>Flaky tests (1)</h2>');
    expect(page).toContain('passed after 2 retries');
    expect(page).toContain('class="bar passed critical" style="left:0.00%;width:37.50%"');
    expect(page).toContain('class="bar passed critical" style="left:37.50%;width:62.50%"');
    expect(page).toContain(
      '<tr><td>e2e-health</td><td>1</td><td>0</td><td>1</td><td>0</td><td>3.0 s</td><td>10.0 s</td><td class="status passed">passed</td></tr>',
    );
  });

  it('says FAILED, with the reason, for a green run whose flaky tests fail it', () => {
    const page = renderHtml(passingRun({ failOnFlaky: true }).report, { pageDir: 'dist/e2e' });
    expect(page).toContain('<header class="failed">');
    expect(page).toContain('<span class="verdict">FAILED</span>');
    expect(page).toContain('<ul class="reasons"><li>1 flaky test and E2E_FAIL_ON_FLAKY=1</li></ul>');
    expect(page).toContain(' · flaky tests fail the run</p>');
  });

  it('marks a timed-out phase, lists its files that never started and its run errors as failures', () => {
    const timedOut = {
      ...report,
      phases: report.phases.map((p) =>
        p.name === 'e2e-smoke-ui'
          ? {
              ...p,
              timedOut: true,
              errors: ['stopped at its hard timeout of 2 m 00 s'],
              notStarted: ['a.spec.ts', 'b.spec.ts'],
            }
          : p,
      ),
    };
    const page = renderHtml(timedOut, { pageDir: 'dist/e2e' });
    expect(page).toContain('class="bar timedout critical"');
    expect(page).toContain('<td class="status timedout">TIMED OUT at 2 m 30 s</td>');
    expect(page).toContain(`<h2>Failures (${report.failures.length + 1})</h2>`);
    expect(page).toContain(
      '<article class="failure"><h3>e2e-smoke-ui: run error</h3><pre>stopped at its hard timeout of 2 m 00 s</pre><p>never started: <code>a.spec.ts</code>, <code>b.spec.ts</code></p></article>',
    );
  });

  it('lists a phase restored from the cache beside the timeline, not on it', () => {
    const cached = {
      ...report,
      phases: report.phases.map((p) => (p.name === 'e2e-database' ? { ...p, cached: true } : p)),
    };
    const page = renderHtml(cached, { pageDir: 'dist/e2e' });
    expect(page).toContain('<li>e2e-database: restored from the Nx cache (ran 2026-11-25T10:00:30.000Z, 20.0 s)</li>');
    expect(page).not.toContain('class="bar passed over"');
  });
});
