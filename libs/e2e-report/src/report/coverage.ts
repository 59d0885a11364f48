import type { ApiOperation, PhaseResult } from '../contract/phase-result.ts';
import type { CoverageHit, CoveredItem, CoverageSummary } from '../contract/run-report.ts';

/** Who reached something: a test of a phase. */
type By = Omit<CoverageHit, 'reached'>;

/**
 * Operations that some test's request matched, by method and path template, each with the
 * tests that reached it. A path matching several templates counts for the most specific
 * (`/kits/active` over `/kits/{id}`). Requests fixtures made to set a test up never reach here:
 * the fixtures leave them out of the test's `requests`.
 */
export function endpointCoverage(
  operations: readonly Pick<ApiOperation, 'method' | 'path' | 'operationId'>[],
  requests: readonly (By & { method: string; path: string })[],
  listedBy: string[],
): CoverageSummary {
  const items = unique(operations, (op) => `${op.method} ${op.path}`).map((op) => ({
    key: `${op.method} ${op.path}`,
    method: op.method,
    ...(op.operationId ? { operationId: op.operationId } : {}),
    ...compile(op.path, openApiParam),
  }));
  return measure(
    items,
    requests.map(({ method, path, ...by }) => {
      const verb = method.toUpperCase();
      return {
        by,
        reached: `${verb} ${path}`,
        matches: (item: (typeof items)[number]) => item.method === verb && item.regex.test(normalize(path)),
      };
    }),
    listedBy,
  );
}

/** Routes of the manifest (react-router patterns: `:param`, `*`) that some test's page visited. */
export function pageCoverage(
  routes: readonly string[],
  visits: readonly (By & { path: string })[],
  listedBy: string[],
): CoverageSummary {
  const items = [...new Set(routes)].map((route) => ({ key: route, ...compile(route, routerParam) }));
  return measure(
    items,
    visits.map(({ path, ...by }) => ({
      by,
      reached: path,
      matches: (item: (typeof items)[number]) => item.regex.test(normalize(path)),
    })),
    listedBy,
  );
}

/** What the phases could cover and what their tests reached: the inputs of both coverages. */
export function coverageInputs(results: readonly PhaseResult[]) {
  const listing = (has: (r: PhaseResult) => boolean) => results.filter(has).map((r) => r.phase);
  const tests = results.flatMap((r) =>
    r.tests.map((t) => ({ by: { phase: r.phase, file: t.file, test: t.name }, test: t })),
  );
  return {
    operations: results.flatMap((r) => r.coverable?.operations ?? []),
    operationsListedBy: listing((r) => r.coverable?.operations !== undefined),
    pages: results.flatMap((r) => r.coverable?.pages ?? []),
    pagesListedBy: listing((r) => r.coverable?.pages !== undefined),
    requests: tests.flatMap(({ by, test }) => (test.requests ?? []).map((request) => ({ ...by, ...request }))),
    visits: tests.flatMap(({ by, test }) => (test.visitedRoutes ?? []).map((path) => ({ ...by, path }))),
  };
}

/** `85%` of a summary; `-` when the surface is empty. */
export function coveragePercent(summary: Pick<CoverageSummary, 'covered' | 'total'>): string {
  return summary.total === 0 ? '-' : `${Math.floor((summary.covered / summary.total) * 100)}%`;
}

interface Compiled {
  key: string;
  operationId?: string;
  regex: RegExp;
  /** Literal characters in the template: more means more specific. */
  literal: number;
}

interface Reach<T> {
  by: By;
  reached: string;
  matches: (item: T) => boolean;
}

function measure<T extends Compiled>(items: T[], reaches: Reach<T>[], listedBy: string[]): CoverageSummary {
  const hits = new Map<string, CoverageHit[]>(items.map((i) => [i.key, []]));
  const unmatched = new Set<string>();
  for (const reach of reaches) {
    const match = items.filter(reach.matches).sort((a, b) => b.literal - a.literal)[0];
    if (match) hits.get(match.key)!.push({ ...reach.by, reached: reach.reached });
    else unmatched.add(reach.reached);
  }
  const covered: CoveredItem[] = items.map((item) => ({
    key: item.key,
    ...(item.operationId ? { operationId: item.operationId } : {}),
    hits: unique(hits.get(item.key)!, (h) => `${h.phase}\n${h.file}\n${h.test}\n${h.reached}`),
  }));
  return {
    covered: covered.filter((i) => i.hits.length > 0).length,
    total: covered.length,
    uncovered: covered.filter((i) => i.hits.length === 0).map((i) => i.key),
    unmatched: [...unmatched].sort(),
    listedBy: [...new Set(listedBy)],
    items: covered,
  };
}

type ParamSyntax = (segment: string) => string | undefined;

/** `{id}` anywhere in a segment (OpenAPI). */
const openApiParam: ParamSyntax = (segment) =>
  segment.includes('{')
    ? segment
        .split(/(\{[^}]+\})/)
        .map((part) => (/^\{[^}]+\}$/.test(part) ? '[^/]+' : escape(part)))
        .join('')
    : undefined;

/** `:id` as a whole segment, `*` for the rest of the path (react-router). */
const routerParam: ParamSyntax = (segment) => (segment.startsWith(':') ? '[^/]+' : segment === '*' ? '.*' : undefined);

function compile(template: string, param: ParamSyntax): Omit<Compiled, 'key'> {
  let literal = 0;
  const pattern = normalize(template)
    .split('/')
    .slice(1)
    .map((segment) => {
      const dynamic = param(segment);
      if (dynamic === undefined) {
        literal += segment.length;
        return escape(segment);
      }
      literal += segment.startsWith(':') || segment === '*' ? 0 : segment.replace(/\{[^}]+\}/g, '').length;
      return dynamic;
    })
    .join('/');
  return { regex: new RegExp(`^/${pattern}$`), literal };
}

/** First of each key, in order. */
function unique<T>(values: readonly T[], key: (value: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const value of values) if (!seen.has(key(value))) seen.set(key(value), value);
  return [...seen.values()];
}

/** Query and hash off, no trailing slash (but `/` stays `/`). */
function normalize(path: string): string {
  const bare = path.split(/[?#]/)[0] || '/';
  return bare.length > 1 ? bare.replace(/\/+$/, '') : bare;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
