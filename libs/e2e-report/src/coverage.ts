import type { ApiOperation } from './openapi.ts';
import type { RecordedRequest } from './recorded-requests.ts';

/** How much of a surface (API operations, web app pages) the run exercised. */
export interface CoverageSummary {
  covered: number;
  total: number;
  /** What no test reached: `GET /api/v1/kits/{id}`, `/dashboard/coach`. */
  uncovered: string[];
  /** What tests reached that the surface does not list (an undocumented route, a 404 page). */
  unmatched: string[];
  /** Where the list of operations or pages came from. */
  source: string;
}

/**
 * Operations of the API document that some request matched, by method and path template. A path
 * matching several templates counts for the most specific (`/kits/active` over `/kits/{id}`).
 */
export function endpointCoverage(operations: readonly Pick<ApiOperation, 'method' | 'path'>[], requests: readonly RecordedRequest[], source: string): CoverageSummary {
  const matchers = operations.map((op) => ({ key: `${op.method} ${op.path}`, method: op.method, ...compile(op.path, openApiParam) }));
  const covered = new Set<string>();
  const unmatched = new Set<string>();
  for (const request of requests) {
    const method = request.method.toUpperCase();
    const match = mostSpecific(matchers.filter((m) => m.method === method && m.regex.test(normalize(request.path))));
    if (match) covered.add(match.key);
    else unmatched.add(`${method} ${request.path}`);
  }
  return summary(matchers.map((m) => m.key), covered, unmatched, source);
}

/** Routes of the manifest (react-router patterns: `:param`, `*`) that some visited path matched. */
export function pageCoverage(routes: readonly string[], visited: readonly string[], source: string): CoverageSummary {
  const matchers = [...new Set(routes)].map((route) => ({ key: route, ...compile(route, routerParam) }));
  const covered = new Set<string>();
  const unmatched = new Set<string>();
  for (const path of visited) {
    const match = mostSpecific(matchers.filter((m) => m.regex.test(normalize(path))));
    if (match) covered.add(match.key);
    else unmatched.add(path);
  }
  return summary(matchers.map((m) => m.key), covered, unmatched, source);
}

/** `85%` of a summary; `-` when the surface is empty. */
export function coveragePercent(summary: Pick<CoverageSummary, 'covered' | 'total'>): string {
  return summary.total === 0 ? '-' : `${Math.floor((summary.covered / summary.total) * 100)}%`;
}

function summary(keys: string[], covered: Set<string>, unmatched: Set<string>, source: string): CoverageSummary {
  const all = [...new Set(keys)];
  return {
    covered: all.filter((k) => covered.has(k)).length,
    total: all.length,
    uncovered: all.filter((k) => !covered.has(k)),
    unmatched: [...unmatched].sort(),
    source,
  };
}

interface Compiled {
  regex: RegExp;
  /** Literal characters in the template: more means more specific. */
  literal: number;
}

type ParamSyntax = (segment: string) => string | undefined;

/** `{id}` anywhere in a segment (OpenAPI). */
const openApiParam: ParamSyntax = (segment) =>
  segment.includes('{') ? segment.split(/(\{[^}]+\})/).map((part) => (/^\{[^}]+\}$/.test(part) ? '[^/]+' : escape(part))).join('') : undefined;

/** `:id` as a whole segment, `*` for the rest of the path (react-router). */
const routerParam: ParamSyntax = (segment) => (segment.startsWith(':') ? '[^/]+' : segment === '*' ? '.*' : undefined);

function compile(template: string, param: ParamSyntax): Compiled {
  const segments = normalize(template).split('/').slice(1);
  let literal = 0;
  const pattern = segments
    .map((segment) => {
      const dynamic = param(segment);
      if (dynamic !== undefined) {
        literal += segment.replace(/\{[^}]+\}/g, '').length * (segment.startsWith(':') || segment === '*' ? 0 : 1);
        return dynamic;
      }
      literal += segment.length;
      return escape(segment);
    })
    .join('/');
  return { regex: new RegExp(`^/${pattern}$`), literal };
}

function mostSpecific<T extends Compiled>(matches: T[]): T | undefined {
  return matches.sort((a, b) => b.literal - a.literal)[0];
}

/** Query and hash off, no trailing slash (but `/` stays `/`). */
function normalize(path: string): string {
  const bare = path.split(/[?#]/)[0] || '/';
  return bare.length > 1 ? bare.replace(/\/+$/, '') : bare;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
