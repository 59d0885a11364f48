import { describe, expect, it } from 'vitest';
import { renderSlack } from './slack.ts';
import { sampleRun } from '../../testing.ts';

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
});
