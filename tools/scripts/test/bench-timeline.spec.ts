import { describe, expect, test } from 'vitest';
import { timelineBars, timelineSvg } from '../src/bench/timeline-svg.ts';

const at = (seconds: number) => new Date(Date.UTC(2026, 11, 1, 2, 0, seconds)).toISOString();

describe('the bench timeline', () => {
  const bars = timelineBars([
    {
      scenario: 'cached',
      phases: [
        // Stored by a run two hours earlier: its times are not this run's.
        { name: 'e2e-health', startedAt: at(-7200), endedAt: at(-7194), cached: true },
        { name: 'e2e-smoke-ui', startedAt: at(10), endedAt: at(28), cached: false },
        { name: 'e2e-flows-ui', startedAt: at(30), endedAt: at(46), cached: false },
        { name: 'e2e-database', startedAt: null, endedAt: null, cached: false },
      ],
    },
  ]);

  test('starts at the first phase that ran and draws a cache hit at the start, with no length', () => {
    expect(bars).toEqual([
      { scenario: 'cached', phase: 'e2e-health', startMs: 0, endMs: 0, cached: true },
      { scenario: 'cached', phase: 'e2e-smoke-ui', startMs: 0, endMs: 18_000, cached: false },
      { scenario: 'cached', phase: 'e2e-flows-ui', startMs: 20_000, endMs: 36_000, cached: false },
    ]);
  });

  test('spans the axis over what ran and labels a cache hit as one', () => {
    const svg = timelineSvg(bars);
    expect(svg).toContain('Phase timelines (0 – 36 s)');
    expect(svg).toContain('from the cache');
    expect(svg).toContain('16.0 s');
  });
});
