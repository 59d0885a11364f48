/** One bar of the chart: a phase's run, in ms from the start of the suite. */
export interface Bar {
  scenario: string;
  phase: string;
  startMs: number;
  endMs: number;
  cached: boolean;
}

/** A phase of one run, as the report lists it. */
export interface PhaseTimes {
  name: string;
  startedAt: string | null;
  endedAt: string | null;
  cached: boolean;
}

/**
 * The bars of one run per scenario, in ms from the first phase that ran. A cache hit carries the
 * times of the run that stored it, hours ago maybe: it is drawn at the start, with no length.
 */
export function timelineBars(runs: { scenario: string; phases: PhaseTimes[] }[]): Bar[] {
  return runs.flatMap(({ scenario, phases }) => {
    const timed = phases.filter((p) => p.startedAt && p.endedAt);
    const zero = Math.min(...timed.filter((p) => !p.cached).map((p) => Date.parse(p.startedAt!)));
    return timed.map((p) => ({
      scenario,
      phase: p.name,
      startMs: p.cached ? 0 : Date.parse(p.startedAt!) - zero,
      endMs: p.cached ? 0 : Date.parse(p.endedAt!) - zero,
      cached: p.cached,
    }));
  });
}

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A Gantt chart of the phases of each scenario, as a self-contained SVG. */
export function timelineSvg(bars: Bar[]): string {
  const width = 900;
  const label = 230;
  const row = 18;
  const maxMs = Math.max(1, ...bars.map((b) => b.endMs));
  const x = (ms: number) => label + ((width - label - 20) * ms) / maxMs;
  const rows = bars.map((bar, i) => {
    const y = 30 + i * row;
    const fill = bar.cached ? '#9ca3af' : '#2563eb';
    return [
      `<text x="4" y="${y + 12}" font-size="11">${escape(`${bar.scenario} · ${bar.phase}`)}</text>`,
      `<rect x="${x(bar.startMs).toFixed(1)}" y="${y + 2}" width="${Math.max(1, x(bar.endMs) - x(bar.startMs)).toFixed(1)}" height="${row - 4}" fill="${fill}"/>`,
      `<text x="${(x(bar.endMs) + 3).toFixed(1)}" y="${y + 12}" font-size="10">${bar.cached ? 'from the cache' : `${((bar.endMs - bar.startMs) / 1000).toFixed(1)} s`}</text>`,
    ].join('');
  });
  const height = 40 + bars.length * row;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif">`,
    `<text x="4" y="16" font-size="13">Phase timelines (0 – ${(maxMs / 1000).toFixed(0)} s)</text>`,
    ...rows,
    '</svg>',
  ].join('\n');
}
