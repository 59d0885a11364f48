import { describe, expect, it } from 'vitest';
import type { PhaseResult } from '../../contract/phase-result.ts';
import { phaseResult, testResult } from '../../testing.ts';
import { aggregate } from '../aggregate.ts';
import type { QuarantineInput } from '../quarantine.ts';
import { renderConsole } from './console.ts';
import { renderHtml } from './html.ts';
import { renderJunit } from './junit.ts';
import { renderSlack } from './slack.ts';

// One run seen by every renderer: a quarantined failure (with a screenshot), a quarantined test
// that passed, an expired entry and an entry no test matches.
const FILE = 'apps/e2e-flows-ui/tests/auth.spec.ts';
const HELD = `${FILE} > auth > signs up`;
const PASSED = `${FILE} > auth > logs out`;
const EXPIRED = `${FILE} > auth > resets the password`;
const GONE = `${FILE} > auth > old name`;
const results = new Map<string, PhaseResult | undefined>([
  [
    'e2e-flows-ui',
    phaseResult({
      phase: 'e2e-flows-ui',
      runner: 'playwright',
      tests: [
        testResult({
          file: FILE,
          name: 'auth > signs up',
          status: 'failed',
          error: { message: 'Timed out 5000ms waiting for <dashboard>\nline 2' },
          attachments: [{ name: 'screenshot', path: 'dist/e2e/e2e-flows-ui/test-results/signup/test-failed-1.png' }],
        }),
        testResult({ file: FILE, name: 'auth > logs out' }),
        testResult({ file: FILE, name: 'auth > resets the password' }),
      ],
    }),
  ],
]);
const entry = (test: string, expires = '2026-12-14') => ({
  test,
  owner: '@web-team',
  reason: 'races the toast, #51',
  expires,
});
const quarantine: QuarantineInput = {
  file: 'e2e-quarantine.json',
  quarantine: { tests: [entry(HELD), entry(PASSED), entry(EXPIRED, '2026-11-28'), entry(GONE)] },
};
const report = aggregate([{ name: 'e2e-flows-ui', dependsOn: [] }], results, {
  generatedAt: '2026-12-01T09:00:00.000Z',
  quarantine,
});
const malformed = aggregate([{ name: 'e2e-flows-ui', dependsOn: [] }], results, {
  generatedAt: '2026-12-01T09:00:00.000Z',
  quarantine: { file: 'e2e-quarantine.json', problems: ['tests[0].expires: Invalid ISO date'] },
});

describe('quarantine in the renderers', () => {
  it('the run fails only for the expired entry; the quarantined failure is counted apart', () => {
    expect(report.verdictReasons).toEqual([
      `quarantine of "${EXPIRED}" expired on 2026-11-28, 3 days ago (owner @web-team)`,
    ]);
    expect(report.totals).toEqual({ passed: 2, failed: 0, skipped: 0, flaky: 0, quarantined: 1 });
  });

  it('console: a quarantined column, every entry with its outcome, what to do about the expired one, the warning, and the count on the last line', () => {
    const text = renderConsole(report);
    expect(text).toContain('phase         passed  failed  flaky  quarantined  skipped');
    expect(text).toMatch(/^e2e-flows-ui {7}2 {7}0 {6}0 {12}1 {8}0 /m);
    expect(text).toContain(
      'Quarantine (4 entries in e2e-quarantine.json): their failures do not fail the run until the entry expires',
    );
    expect(text).toContain(
      [
        `  QUARANTINED e2e-flows-ui · ${HELD}`,
        '        failed this run, not failing the run · until 2026-12-14 · owner @web-team · races the toast, #51',
        '          Timed out 5000ms waiting for <dashboard>',
        '          line 2',
        '          screenshot: dist/e2e/e2e-flows-ui/test-results/signup/test-failed-1.png',
      ].join('\n'),
    );
    expect(text).toContain(
      `  HELD e2e-flows-ui · ${PASSED}\n        passed this run · until 2026-12-14 · owner @web-team · races the toast, #51\n\n  EXPIRED`,
    );
    expect(text).toContain(`  ABSENT ${GONE}\n        not in this run · until 2026-12-14`);
    expect(text).toContain(
      [
        `  EXPIRED e2e-flows-ui · ${EXPIRED}`,
        '        expired on 2026-11-28, 3 days ago; passed this run · owner @web-team · races the toast, #51',
        '        fix the test and remove its entry from e2e-quarantine.json, or move `expires` with a new reason if the fix is under way',
      ].join('\n'),
    );
    expect(text).toContain(`  WARN  no test of this run is "${GONE}"`);
    expect(text.split('\n').at(-1)).toBe('e2e: 2 passed, 0 failed, 0 skipped, 1 quarantined');
  });

  it('console: a malformed file is a FAIL block listing its problems; a run without quarantine shows nothing of it', () => {
    const text = renderConsole(malformed);
    expect(text).toContain(
      '  FAIL  e2e-quarantine.json is not a valid quarantine file: nothing is quarantined, and the run fails\n        - tests[0].expires: Invalid ISO date',
    );
    expect(text.split('\n').at(-1)).toBe('e2e: 2 passed, 1 failed, 0 skipped');
    const plain = renderConsole(aggregate([{ name: 'e2e-flows-ui', dependsOn: [] }], new Map(), {}));
    expect(plain).not.toMatch(/quarantin/i);
  });

  it('JUnit: the quarantined failure is a skipped case with its error; the expired entry an error in a quarantine suite', () => {
    const xml = renderJunit(report, results);
    const held = xml.slice(
      xml.indexOf('name="auth &gt; signs up"'),
      xml.indexOf('</testcase>', xml.indexOf('name="auth &gt; signs up"')),
    );
    expect(held).not.toContain('<failure');
    expect(held).toContain('<property name="quarantined" value="true"/>');
    expect(held).toContain('<skipped message="quarantined until 2026-12-14 (owner @web-team): races the toast, #51"/>');
    expect(held).toContain(
      'failed in this run; quarantined, so it does not fail the run\n\nTimed out 5000ms waiting for &lt;dashboard&gt;',
    );
    expect(held).toContain('[[ATTACHMENT|dist/e2e/e2e-flows-ui/test-results/signup/test-failed-1.png]]');
    expect(xml).toMatch(/<testsuites name="e2e" tests="4" failures="0" errors="1" skipped="1" /);
    expect(xml).toContain('<testsuite name="quarantine" tests="1" failures="0" errors="1" skipped="0"');
    expect(xml).toContain(
      `<error message="quarantine expired on 2026-11-28, 3 days ago (owner @web-team)" type="Quarantine">races the toast, #51`,
    );
    expect(renderJunit(malformed, results)).toContain(
      '<error message="e2e-quarantine.json is not a valid quarantine file" type="Quarantine">- tests[0].expires: Invalid ISO date</error>',
    );
  });

  it('HTML: the count in the header and a quarantine section, expired entry first, escaped', () => {
    const page = renderHtml(report, { pageDir: 'dist/e2e' });
    expect(page).toContain('<b>1</b> quarantined</p>');
    expect(page).toContain('<section><h2>Quarantine (4)</h2>');
    const section = page.slice(page.indexOf('<h2>Quarantine'));
    expect(section.indexOf('class="failure"')).toBeLessThan(section.indexOf('class="quarantined"'));
    expect(section).toContain('<pre>Timed out 5000ms waiting for &lt;dashboard&gt;\nline 2</pre>');
    expect(section).toContain('href="e2e-flows-ui/test-results/signup/test-failed-1.png"');
    expect(section).toContain('expired on 2026-11-28, 3 days ago: fix the test and remove its entry');
    expect(renderHtml(malformed, { pageDir: 'dist/e2e' })).toContain(
      '<h3><code>e2e-quarantine.json</code> is not a valid quarantine file</h3>',
    );
  });

  it('Slack: the count, then the expired entry and the quarantined failure; the passing one is not news', () => {
    const message = renderSlack(report, { reportLocation: 'dist/e2e/report.html' });
    expect(message.text).toBe('E2E failed: 2 passed · 0 failed · 0 flaky · 0 skipped · 1 quarantined');
    const block = JSON.stringify(message.blocks.find((b) => JSON.stringify(b).includes(':lock:')));
    const esc = (id: string) => id.replaceAll('>', '&gt;');
    expect(block).toContain(
      `:x: *expired 2026-11-28* · ${esc(EXPIRED)} (owner @web-team): fix it and remove the entry`,
    );
    expect(block).toContain(
      `*e2e-flows-ui* · ${esc(HELD)} failed, quarantined until 2026-12-14 (owner @web-team)\\n> Timed out 5000ms waiting for &lt;dashboard&gt;`,
    );
    expect(block).not.toContain(esc(PASSED));
  });
});

describe('quarantine in the renderers, entry by entry', () => {
  // The same run, with the held failure flaky instead: a flaky test is held like a failed one.
  const flakyResults = new Map<string, PhaseResult | undefined>([
    [
      'e2e-flows-ui',
      phaseResult({
        phase: 'e2e-flows-ui',
        runner: 'playwright',
        tests: [
          testResult({ file: FILE, name: 'auth > signs up', status: 'flaky', retries: 1, error: { message: 'once' } }),
          testResult({ file: FILE, name: 'auth > logs out' }),
        ],
      }),
    ],
  ]);
  const judged = (entries: ReturnType<typeof entry>[], generatedAt = '2026-12-01T09:00:00.000Z') =>
    aggregate([{ name: 'e2e-flows-ui', dependsOn: [] }], flakyResults, {
      generatedAt,
      quarantine: { file: 'q.json', quarantine: { tests: entries } },
    });

  it('HTML: every entry in order (expired, held failures, the rest), with its outcome, phase and state', () => {
    const page = renderHtml(report, { pageDir: 'dist/e2e' });
    const section = page.slice(
      page.indexOf('<h2>Quarantine'),
      page.indexOf('</section>', page.indexOf('<h2>Quarantine')),
    );
    expect(section).toContain(
      '<p class="meta">from <code>e2e-quarantine.json</code>: a quarantined test runs and is reported, but its failure does not fail the run until its entry expires</p>',
    );
    expect(
      [...section.matchAll(/<article class="(\w+)"><h3>([^<]*)<\/h3><p class="where">([^<]*)<\/p>/g)].map((m) =>
        m.slice(1),
      ),
    ).toEqual([
      [
        'failure',
        `${FILE} &gt; auth &gt; resets the password`,
        'e2e-flows-ui · passed this run · owner @web-team · expired on 2026-11-28, 3 days ago: fix the test and remove its entry from e2e-quarantine.json, or move `expires` with a new reason if the fix is under way',
      ],
      [
        'quarantined',
        `${FILE} &gt; auth &gt; signs up`,
        'e2e-flows-ui · failed this run · owner @web-team · quarantined until 2026-12-14',
      ],
      [
        'held',
        `${FILE} &gt; auth &gt; logs out`,
        'e2e-flows-ui · passed this run · owner @web-team · quarantined until 2026-12-14',
      ],
      ['held', `${FILE} &gt; auth &gt; old name`, 'not in this run · owner @web-team · quarantined until 2026-12-14'],
    ]);
    expect(section).toContain('<p>races the toast, #51</p></article>');
    expect(section).toContain(
      `<ul class="warnings"><li>no test of this run is &quot;${FILE} &gt; auth &gt; old name&quot; (its phase was not selected, or the test was renamed or removed)</li></ul>`,
    );
    expect(renderHtml(malformed, { pageDir: 'dist/e2e' })).toContain(
      '<ul><li><code>tests[0].expires: Invalid ISO date</code></li></ul></article>',
    );
  });

  it('HTML: a flaky held test ranks with the failures; entries without warnings, or warnings alone, still make a section', () => {
    const flaky = judged([entry(PASSED), entry(HELD)]);
    const page = renderHtml(flaky, { pageDir: 'dist/e2e' });
    const section = page.slice(page.indexOf('<h2>Quarantine (2)</h2>'));
    expect(section).toContain('<h2>Quarantine (2)</h2>');
    // The file lists the passing entry first; the held flaky one goes before it.
    expect(section.indexOf(`<article class="quarantined"><h3>${HELD.replaceAll('>', '&gt;')}`)).toBeGreaterThan(0);
    expect(section.indexOf('class="quarantined"')).toBeLessThan(section.indexOf('class="held"'));
    expect(section).toContain('e2e-flows-ui · flaky this run · owner @web-team');
    expect(section).toContain('<pre>once</pre>');
    expect(section).not.toContain('class="warnings"');
    const warningsOnly = { ...report, quarantine: { ...report.quarantine, entries: [], warnings: ['look <here>'] } };
    expect(renderHtml(warningsOnly, { pageDir: 'dist/e2e' })).toContain(
      '<ul class="warnings"><li>look &lt;here&gt;</li></ul>',
    );
    const none = { ...report, quarantine: { ...report.quarantine, entries: [], warnings: [] } };
    expect(renderHtml(none, { pageDir: 'dist/e2e' })).not.toContain('<h2>Quarantine');
  });

  it('console: one entry is "1 entry"; a flaky held test is QUARANTINED; no WARN lines without warnings', () => {
    const text = renderConsole(judged([entry(HELD)]));
    expect(text).toContain(
      [
        'Quarantine (1 entry in q.json): their failures do not fail the run until the entry expires',
        '',
        `  QUARANTINED e2e-flows-ui · ${HELD}`,
        '        flaky this run, not failing the run · until 2026-12-14 · owner @web-team · races the toast, #51',
        '          once',
        '',
        'Coverage',
      ].join('\n'),
    );
    expect(text).not.toContain('WARN');
  });

  it('console: an expired entry of a test that failed shows its error; warnings alone make a section', () => {
    const text = renderConsole(judged([entry(HELD, '2026-12-01')]));
    expect(text).toContain(
      [
        `  EXPIRED e2e-flows-ui · ${HELD}`,
        '        expired today (2026-12-01); flaky this run · owner @web-team · races the toast, #51',
        '        fix the test and remove its entry from q.json, or move `expires` with a new reason if the fix is under way',
        '          once',
        '',
      ].join('\n'),
    );
    const warningsOnly = { ...report, quarantine: { ...report.quarantine, entries: [], warnings: ['look here'] } };
    expect(renderConsole(warningsOnly)).toContain(
      'Quarantine (0 entries in e2e-quarantine.json): their failures do not fail the run until the entry expires\n\n  WARN  look here\n\nCoverage',
    );
  });

  it('Slack: a held flaky test is news, a quarantine of passing tests is not, and the list is cut after the maximum', () => {
    const flaky = renderSlack(judged([entry(HELD), entry(PASSED)]), { reportLocation: 'r' });
    expect(flaky.text).toBe('E2E passed: 1 passed · 0 failed · 0 flaky · 0 skipped · 1 quarantined');
    expect(JSON.stringify(flaky.blocks)).toContain(
      `*e2e-flows-ui* · ${HELD.replaceAll('>', '&gt;')} flaky, quarantined until 2026-12-14 (owner @web-team)\\n> once`,
    );
    const quiet = renderSlack(judged([entry(PASSED)]), { reportLocation: 'r' });
    expect(JSON.stringify(quiet.blocks)).not.toContain(':lock:');
    expect(quiet.text).toBe('E2E passed: 2 passed · 0 failed · 1 flaky · 0 skipped');
    const many = renderSlack(report, { reportLocation: 'r', maxListed: 1 });
    expect(JSON.stringify(many.blocks)).toContain('fix it and remove the entry\\n\\n… and 1 more in the report');
    const bad = renderSlack(malformed, { reportLocation: 'r' });
    expect(JSON.stringify(bad.blocks)).toContain(
      ':x: `e2e-quarantine.json` is not a valid quarantine file\\n> tests[0].expires: Invalid ISO date',
    );
  });
});
