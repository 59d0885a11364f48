import { describe, expect, it } from 'vitest';
import { renderHtml } from './html.ts';
import type { RunReport } from '../../contract/run-report.ts';
import { passingRun, sampleRun } from '../../testing.ts';

const { report } = sampleRun();
// Rendered inside each test, not at import: Stryker credits a mutant only to the tests that ran it.
const sample = () => renderHtml(report, { pageDir: 'dist/e2e' });

describe('renderHtml', () => {
  it('is one self-contained page: inline style, no script, nothing loaded from elsewhere', () => {
    const html = sample();
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<style>');
    expect(html).not.toMatch(/<script|<link|@import|url\(|src="(https?:)?\/\//);
    expect(html).toContain('<title>E2E report: failed</title>');
    expect(html).toContain('<header class="failed">');
    expect(html).toContain('<li>e2e-smoke-ui failed</li>');
  });

  it('draws a timeline with each phase placed by start and end, the critical path marked', () => {
    const html = sample();
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
    const html = sample();
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
    const html = sample();
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
    const html = sample();
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

describe('renderHtml, the parts of the page one by one', () => {
  const phase = (name: string, change: Partial<RunReport['phases'][number]>) => ({
    ...report,
    phases: report.phases.map((p) => (p.name === name ? { ...p, ...change } : p)),
  });

  it('draws a bar with its budget mark, its setup share and its times inside, then an axis of five ticks', () => {
    const page = sample();
    // Health: 0–30 s of a 62 s timeline, 22 s of setup, budget 10 s after setup (32 s: 51.61 %).
    expect(page).toContain(
      '<div class="row"><div class="label">e2e-health <span class="cp">critical</span></div><div class="track"><span class="budget" style="left:51.61%" title="budget 10.0 s"></span><div class="bar passed critical" style="left:0.00%;width:48.39%" title="e2e-health: +0 ms → +30.0 s (30.0 s), passed"><span class="setup" style="width:73.33%" title="before the first test: 22.0 s"></span><span class="times">+0 ms → +30.0 s</span></div></div></div>',
    );
    // Smoke-ui's budget would end at 70 s, past the timeline: no mark; not critical database: no tag.
    expect(page).toContain('<div class="track"><div class="bar failed critical"');
    expect(page).toContain('<div class="label">e2e-database</div>');
    expect(page).toContain(
      '<div class="axis"><span style="left:0%">0 ms</span><span style="left:25%">15.5 s</span><span style="left:50%">31.0 s</span><span style="left:75%">46.5 s</span><span style="left:100%">1 m 02 s</span></div>',
    );
    expect(page).toContain(
      '<p class="legend"><span class="swatch critical"></span>critical path: e2e-health → e2e-smoke-ui · ',
    );
    expect(page).toContain('<p class="meta">from 2026-11-25T10:00:00.000Z to 2026-11-25T10:01:02.000Z (1 m 02 s)</p>');
    expect(page).toContain('<ul class="offline"><li>e2e-flows-ui: not run: e2e-smoke-ui failed</li></ul>');
  });

  it('draws a green run without setup, budget marks past its end or an offline list', () => {
    const page = renderHtml(passingRun().report, { pageDir: 'dist/e2e' });
    expect(page).not.toContain('class="setup"');
    expect(page).not.toContain('class="budget"');
    expect(page).not.toContain('class="offline"');
    expect(page).not.toContain('class="times beside"');
    expect(page).toContain('<span class="times">+3.0 s → +8.0 s</span>');
  });

  it('writes the times of a short bar at the end of the timeline on its left', () => {
    // Smoke-ui 55–62 s: it ends the timeline, so its times go left of its start (7 s of 62 from the end).
    const page = renderHtml(phase('e2e-smoke-ui', { startedAt: '2026-11-25T10:00:55.000Z' }), { pageDir: 'dist/e2e' });
    expect(page).toContain('<span class="times beside" style="right:calc(11.29% + 6px)">+55.0 s → +1 m 02 s</span>');
    // A bar ending at exactly 70 % still has room on its right.
    const at70 = renderHtml(
      phase('e2e-database', { startedAt: '2026-11-25T10:00:40.000Z', endedAt: '2026-11-25T10:00:43.400Z' }),
      { pageDir: 'dist/e2e' },
    );
    expect(at70).toContain('<span class="times beside" style="left:calc(70.00% + 6px)">');
  });

  it('has no legend without a critical path and a row per phase in the table, dashes for one that did not run', () => {
    const page = renderHtml({ ...report, criticalPath: [] }, { pageDir: 'dist/e2e' });
    expect(page).not.toContain('class="legend"');
    expect(page).not.toContain('class="cp"');
    expect(page).toContain(
      '<tr><td>e2e-database</td><td>1</td><td>0</td><td>0</td><td>0</td><td>20.0 s</td><td>15.0 s</td><td class="status passed over">passed, over budget</td></tr>',
    );
    expect(page).toContain(
      '<tr><td>e2e-flows-ui</td><td>-</td><td>-</td><td>-</td><td>-</td><td>-</td><td>1 m 00 s</td><td class="status not-run">not run: e2e-smoke-ui failed</td></tr>',
    );
    // Duration in the table is the tests' time: health's 30 s less its 22 s of setup.
    expect(page).toContain('<tr><td>e2e-health</td><td>1</td><td>0</td><td>1</td><td>0</td><td>8.0 s</td>');
  });

  it('shows a stack only when there is one, an image only for a picture, and an absolute path as a file link', () => {
    const page = renderHtml(
      {
        ...report,
        phases: report.phases.map((p) => (p.name === 'e2e-database' ? { ...p, errors: ['boom'] } : p)),
        failures: [
          {
            phase: 'e2e-smoke-ui',
            file: 'a.spec.ts',
            name: 'no stack',
            error: { message: 'failed' },
            attachments: [
              { name: 'shot', path: '/tmp/e2e/shot.JPG' },
              { name: 'video', path: 'dist/e2e/v.webm' },
            ],
          },
        ],
        flaky: [{ phase: 'e2e-health', file: 'h.spec.ts', name: 'flaky without error', retries: 2 }],
      },
      { pageDir: 'dist/e2e' },
    );
    expect(page).toContain('<article class="failure"><h3>e2e-database: run error</h3><pre>boom</pre></article>');
    expect(page).toContain(
      '<article class="failure"><h3>no stack</h3><p class="where">e2e-smoke-ui · <code>a.spec.ts</code></p><pre>failed</pre><ul class="attachments">',
    );
    expect(page).not.toContain('<summary>stack</summary>');
    expect(page).toContain(
      '<li><a href="file:///tmp/e2e/shot.JPG">shot</a> <code>/tmp/e2e/shot.JPG</code><a href="file:///tmp/e2e/shot.JPG"><img src="file:///tmp/e2e/shot.JPG" alt="shot"></a></li>',
    );
    expect(page).toContain('<li><a href="v.webm">video</a> <code>dist/e2e/v.webm</code></li>');
    expect(page).toContain(
      '<article class="flaky"><h3>flaky without error</h3><p class="where">e2e-health · <code>h.spec.ts</code> · passed after 2 retries</p></article>',
    );
  });

  it("titles its sections, shows a failure's stack, a flaky test's error, and images only for picture files", () => {
    const page = sample();
    for (const title of ['Timeline', 'Phases', 'Failures (1)', 'Flaky tests (1)', 'Coverage'])
      expect(page).toContain(`<section><h2>${title}</h2>`);
    expect(page).toContain('<details><summary>stack</summary><pre>Error: at public-pages.spec.ts:7</pre></details>');
    expect(page).toContain('passed after 1 retry</p><pre>ECONNRESET</pre></article>');
    expect(page).toContain('<details open><summary>not visited (1)</summary>');
    const zipped = renderHtml(
      {
        ...report,
        failures: [{ ...report.failures[0]!, attachments: [{ name: 'png archive', path: 'dist/e2e/a.png.zip' }] }],
      },
      { pageDir: 'dist/e2e' },
    );
    expect(zipped).toContain('<li><a href="a.png.zip">png archive</a> <code>dist/e2e/a.png.zip</code></li>');
  });

  it('sizes setup and titles a bar by its own span, marks a budget ending exactly at the end, and keeps a quarter-wide bar wide', () => {
    // Database 30–50 s with 5 s of setup: a quarter of its bar; its budget (15 s) ends at 50 s, the
    // timeline's end once smoke-ui ends there too; 20 s of a 80 s timeline is exactly a quarter.
    const page = renderHtml(
      {
        ...report,
        phases: report.phases.map((p) =>
          p.name === 'e2e-database'
            ? { ...p, setupMs: 5000 }
            : p.name === 'e2e-smoke-ui'
              ? { ...p, endedAt: '2026-11-25T10:01:20.000Z' }
              : p,
        ),
      },
      { pageDir: 'dist/e2e' },
    );
    expect(page).toContain('<span class="setup" style="width:25.00%" title="before the first test: 5.0 s"></span>');
    expect(page).toContain('title="e2e-database: +30.0 s → +50.0 s (20.0 s), passed, over budget"');
    expect(page).toContain('<span class="times">+30.0 s → +50.0 s</span>');
    const atEnd = renderHtml(
      {
        ...report,
        phases: report.phases
          .filter((p) => p.name !== 'e2e-smoke-ui')
          .map((p) => (p.name === 'e2e-database' ? { ...p, setupMs: 5000 } : p)),
      },
      { pageDir: 'dist/e2e' },
    );
    // Without smoke-ui the timeline ends at 50 s, where database's budget ends (30 + 5 + 15 s): drawn at 100 %.
    expect(atEnd).toContain('<span class="budget" style="left:100.00%" title="budget 15.0 s"></span>');
  });

  it('counts the distinct tests behind a covered item and names every phase that listed the surface', () => {
    const hit = (test: string, phase: string) => ({ phase, file: 'f.ts', test, reached: 'GET /x' });
    const endpoints = {
      covered: 1,
      total: 1,
      uncovered: [],
      unmatched: [],
      listedBy: ['e2e-health', 'e2e-smoke-api'],
      items: [{ key: 'GET /x', hits: [hit('a', 'p'), hit('a', 'p'), hit('b', 'p')] }],
    };
    const page = renderHtml({ ...report, coverage: { endpoints, pages: null } }, { pageDir: 'dist/e2e' });
    expect(page).toContain('<p class="meta">listed by e2e-health, e2e-smoke-api</p>');
    expect(page).toContain('<summary><code>GET /x</code> · 2 tests</summary>');
  });

  it('shows a coverage with the tests behind each covered item, and an empty one as zero without lists', () => {
    const page = sample();
    expect(page).toContain(
      '<h3>Endpoints: 2/3 (66%)</h3>\n<div class="meter"><span style="width:66.7%"></span></div>\n<p class="meta">listed by e2e-health</p>',
    );
    expect(page).toContain(
      '<details><summary>covered, with the tests that reached each (2)</summary><details class="item"><summary><code>GET /health</code> <span class="meta">getHealth</span> · 1 test</summary><ul class="hits"><li><code>GET /health</code> by e2e-health · api &gt; 200 <span class="meta">apps/e2e-demo/tests/demo.spec.ts</span></li></ul></details>',
    );
    const none = { covered: 0, total: 0, uncovered: [], unmatched: [], listedBy: ['e2e-health'], items: [] };
    const empty = renderHtml({ ...report, coverage: { endpoints: none, pages: null } }, { pageDir: 'dist/e2e' });
    const endpoints = empty.slice(empty.indexOf('<h3>Endpoints'), empty.indexOf('<h3>Pages'));
    expect(endpoints).toContain('<div class="meter"><span style="width:0.0%"></span></div>');
    expect(endpoints).not.toContain('<details');
    expect(empty).toContain('<h3>Pages</h3><p class="none">Not measured: no UI phase ran.</p>');
    const why = renderHtml(
      { ...report, coverage: { endpoints: null, pages: null, notMeasured: { endpoints: 'E', pages: 'P' } } },
      { pageDir: 'dist/e2e' },
    );
    expect(why).toContain('<h3>Endpoints</h3><p class="none">Not measured: E.</p>');
    expect(why).toContain('<h3>Pages</h3><p class="none">Not measured: P.</p>');
  });
});
