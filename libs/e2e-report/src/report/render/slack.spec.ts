import { describe, expect, it } from 'vitest';
import { renderSlack } from './slack.ts';
import { passingRun, sampleRun } from '../../testing.ts';

const { report } = sampleRun();

describe('renderSlack', () => {
  it('is one Block Kit message: verdict, counts, phases, failures, flaky, coverage and the report link', () => {
    const message = renderSlack(report, { reportLocation: 'https://ci.example.com/run/7/report.html' });
    expect(message.text).toBe('E2E failed: 4 passed · 1 failed · 1 flaky · 0 skipped');
    const texts = message.blocks.map((b) => JSON.stringify(b));
    expect(message.blocks[0]).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: 'E2E FAILED', emoji: true },
    });
    expect(texts[1]).toContain(':x: *4 passed · 1 failed · 1 flaky · 0 skipped*\\n• e2e-smoke-ui failed');
    expect(texts[2]).toContain('`e2e-health` passed · 8.0 s of 10.0 s');
    expect(texts[2]).toContain('`e2e-database` passed, over budget · 20.0 s of 15.0 s');
    expect(texts[2]).toContain('`e2e-flows-ui` not run: e2e-smoke-ui failed');
    const failures = message.blocks.find((b) => JSON.stringify(b).includes('Failures'))!;
    expect((failures as { text: { text: string } }).text.text).toBe(
      ':red_circle: *Failures (1)*\n\n*e2e-smoke-ui* · `apps/e2e-smoke-ui/tests/public-pages.spec.ts`\npublic pages &gt; the landing page &lt;loads&gt;\n> expect(page).toHaveTitle(expected) failed',
    );
    expect(texts.join()).toContain(
      ':large_yellow_circle: *Flaky (1): failed, then passed on retry; not failing the run*',
    );
    expect(texts.join()).toContain('Coverage: endpoints 2/3 (66%) · pages 2/3 (66%)');
    expect(texts.at(-1)).toContain('Full report: <https://ci.example.com/run/7/report.html|report.html>');
  });

  it('names the file when there is no URL, and lists at most a few failures', () => {
    const many = {
      ...report,
      failures: Array.from({ length: 8 }, (_, i) => ({ ...report.failures[0]!, name: `test ${i}` })),
    };
    const message = renderSlack(many, { reportLocation: 'dist/e2e/report.html', maxListed: 3 });
    const all = JSON.stringify(message.blocks);
    expect(all).toContain('test 2');
    expect(all).not.toContain('test 3');
    expect(all).toContain('… and 5 more in the report');
    expect(all).toContain('Full report: `dist/e2e/report.html`');
  });

  it("keeps every section under Slack's 3000-character limit", () => {
    const huge = { ...report, failures: [{ ...report.failures[0]!, name: 'x'.repeat(5000) }] };
    for (const block of renderSlack(huge, { reportLocation: 'r' }).blocks) {
      const text = (block as { text?: { text: string } }).text?.text ?? '';
      expect(text.length).toBeLessThanOrEqual(3000);
    }
  });

  it('says passed for a green run: tick, no reasons, no failures block, flaky listed as not failing it', () => {
    const message = renderSlack(passingRun().report, { reportLocation: 'dist/e2e/report.html' });
    expect(message.text).toBe('E2E passed: 3 passed · 0 failed · 1 flaky · 1 skipped');
    expect(message.blocks[0]).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: 'E2E passed', emoji: true },
    });
    expect(message.blocks[1]).toEqual({
      type: 'section',
      text: { type: 'mrkdwn', text: ':white_check_mark: *3 passed · 0 failed · 1 flaky · 1 skipped*' },
    });
    expect(message.blocks[2]).toEqual({
      type: 'section',
      text: { type: 'mrkdwn', text: '`e2e-health` passed · 3.0 s of 10.0 s\n`e2e-smoke-api` passed · 5.0 s of 20.0 s' },
    });
    const all = JSON.stringify(message.blocks);
    expect(all).not.toContain('Failures');
    expect(all).not.toContain(':x:');
    expect(all).not.toContain('divider');
    expect(all).toContain(
      ':large_yellow_circle: *Flaky (1): failed, then passed on retry; not failing the run*\\n\\n*e2e-health* · redis &gt; PING (2 retries)\\n> ECONNRESET',
    );
    expect(all).toContain('Coverage: endpoints not measured · pages not measured');
  });

  it('fails a green run whose flaky tests fail it (E2E_FAIL_ON_FLAKY=1), and says so', () => {
    const message = renderSlack(passingRun({ failOnFlaky: true }).report, { reportLocation: 'r' });
    expect(message.text).toBe('E2E failed: 3 passed · 0 failed · 1 flaky · 1 skipped');
    expect(message.blocks[0]).toMatchObject({ text: { text: 'E2E FAILED' } });
    expect(JSON.stringify(message.blocks[1])).toContain(
      ':x: *3 passed · 0 failed · 1 flaky · 1 skipped*\\n• 1 flaky test and E2E_FAIL_ON_FLAKY=1',
    );
    expect(JSON.stringify(message.blocks)).toContain('failing the run (E2E_FAIL_ON_FLAKY=1)');
  });

  it('lists run errors among the failures, names a phase with none, and clips long first lines', () => {
    const { report } = sampleRun();
    const withRunError = {
      ...report,
      phases: report.phases.map((p) =>
        p.name === 'e2e-database' ? { ...p, errors: [`${'y'.repeat(400)}\nsecond line`] } : p,
      ),
    };
    const failures = renderSlack(withRunError, { reportLocation: 'r' }).blocks.find((b) =>
      JSON.stringify(b).includes('Failures'),
    ) as { text: { text: string } };
    expect(failures.text.text).toContain(
      `:red_circle: *Failures (2)*\n\n*e2e-database*: run error\n> ${'y'.repeat(300)}…\n\n`,
    );
    expect(failures.text.text).not.toContain('second line');
    const none = renderSlack({ ...report, phases: [] }, { reportLocation: 'r' });
    expect(none.blocks[2]).toMatchObject({ text: { text: 'No e2e phase found.' } });
  });
});

describe('renderSlack, block by block', () => {
  const text = (block: unknown) => (block as { text: { text: string } }).text.text;

  it('lists every phase, a not-run one without times, and every reason on its own line', () => {
    const message = renderSlack(report, { reportLocation: 'r' });
    expect(message.blocks.map((b) => b.type)).toEqual([
      'header',
      'section',
      'section',
      'divider',
      'section',
      'section',
      'context',
      'section',
    ]);
    expect(text(message.blocks[2])).toBe(
      [
        '`e2e-health` passed · 8.0 s of 10.0 s',
        '`e2e-database` passed, over budget · 20.0 s of 15.0 s',
        '`e2e-smoke-ui` failed · 32.0 s of 40.0 s',
        '`e2e-flows-ui` not run: e2e-smoke-ui failed',
      ].join('\n'),
    );
    const two = renderSlack({ ...report, verdictReasons: ['a <b> & d', 'c'] }, { reportLocation: 'r' });
    expect(text(two.blocks[1])).toBe(':x: *4 passed · 1 failed · 1 flaky · 0 skipped*\n• a &lt;b&gt; &amp; d\n• c');
  });

  it('has only the verdict, counts, phases, coverage and link for a green run with nothing flaky', () => {
    const { report: green } = passingRun();
    const message = renderSlack({ ...green, flaky: [] }, { reportLocation: 'http://ci.example.com/r.html' });
    expect(message.blocks.map((b) => b.type)).toEqual(['header', 'section', 'section', 'context', 'section']);
    expect(text(message.blocks.at(-1))).toBe('Full report: <http://ci.example.com/r.html|report.html>');
    const notUrl = renderSlack(green, { reportLocation: 'dist/https://x' });
    expect(text(notUrl.blocks.at(-1))).toBe('Full report: `dist/https://x`');
  });

  it('lists a flaky test with no recorded error without a quote line', () => {
    const { report: green } = passingRun();
    const flaky = renderSlack(
      { ...green, flaky: [{ phase: 'e2e-health', file: 'h.spec.ts', name: 'f', retries: 1 }] },
      { reportLocation: 'r' },
    );
    expect(text(flaky.blocks.find((b) => JSON.stringify(b).includes('Flaky')))).toBe(
      ':large_yellow_circle: *Flaky (1): failed, then passed on retry; not failing the run*\n\n*e2e-health* · f (1 retry)',
    );
  });

  it('clips a section only past 2900 characters and a first line only past 300', () => {
    const failuresText = (name: string, message = 'm') =>
      text(
        renderSlack(
          { ...report, failures: [{ ...report.failures[0]!, name, error: { message } }] },
          { reportLocation: 'r' },
        ).blocks[4],
      );
    const base = failuresText('').length;
    expect(failuresText('x'.repeat(2900 - base))).toHaveLength(2900);
    expect(failuresText('x'.repeat(2900 - base)).endsWith('…')).toBe(false);
    const over = failuresText('x'.repeat(2901 - base));
    expect(over).toHaveLength(2901);
    expect(over.endsWith('…')).toBe(true);
    expect(failuresText('n', 'y'.repeat(300)).endsWith(`> ${'y'.repeat(300)}`)).toBe(true);
    expect(failuresText('n', 'y'.repeat(301)).endsWith(`> ${'y'.repeat(300)}…`)).toBe(true);
  });
});
