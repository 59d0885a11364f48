import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, extname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  API_DOCUMENT_FILE,
  endpointCoverage,
  listOperations,
  pageCoverage,
  type PhaseResult,
  type RunReport,
} from '@streamkit/e2e-report';

export interface CoverageInputs {
  workspaceRoot: string;
  resultsDir: string;
  /** The report's phases (they say which ran), and every phase's results. */
  report: RunReport;
  results: ReadonlyMap<string, PhaseResult | undefined>;
  /** Workspace-relative module or JSON file exporting the web app's `routes`; unset: no page coverage. */
  routeManifest?: string;
}

/**
 * Endpoint and page coverage of the phases that ran in this report. Endpoints: the requests every
 * phase recorded against the first OpenAPI document a phase saved. Pages: the UI phases' visited
 * routes against the web app's route manifest.
 */
export async function measureCoverage(inputs: CoverageInputs): Promise<RunReport['coverage']> {
  const ran = inputs.report.phases.filter((p) => p.status !== 'not-run').map((p) => inputs.results.get(p.name)).filter((r): r is PhaseResult => r !== undefined);
  const notMeasured: NonNullable<RunReport['coverage']['notMeasured']> = {};

  let endpoints: RunReport['coverage']['endpoints'] = null;
  const document = findApiDocument(inputs, ran.map((r) => r.phase));
  if (document) {
    endpoints = endpointCoverage(listOperations(document.content), ran.flatMap((r) => r.requests ?? []), document.source);
  } else {
    notMeasured.endpoints = "no phase that ran saved the API's OpenAPI document";
  }

  let pages: RunReport['coverage']['pages'] = null;
  const uiRan = ran.filter((r) => r.runner === 'playwright' || r.visitedRoutes !== undefined);
  if (uiRan.length === 0) notMeasured.pages = 'no UI phase ran';
  else if (!inputs.routeManifest) notMeasured.pages = 'no route manifest configured (the report executor option routeManifest)';
  else {
    try {
      const routes = await loadRoutes(resolve(inputs.workspaceRoot, inputs.routeManifest));
      pages = pageCoverage(routes, uiRan.flatMap((r) => r.visitedRoutes ?? []), inputs.routeManifest);
    } catch (error) {
      notMeasured.pages = `cannot read the route manifest ${inputs.routeManifest}: ${(error as Error).message}`;
    }
  }
  return { endpoints, pages, ...(Object.keys(notMeasured).length > 0 ? { notMeasured } : {}) };
}

function findApiDocument(inputs: CoverageInputs, phases: string[]): { content: unknown; source: string } | undefined {
  for (const phase of phases) {
    const file = join(inputs.resultsDir, phase, API_DOCUMENT_FILE);
    if (!existsSync(file)) continue;
    try {
      const content: unknown = JSON.parse(readFileSync(file, 'utf8'));
      if (listOperations(content).length > 0) return { content, source: relative(inputs.workspaceRoot, file) };
    } catch {
      // a truncated file from an interrupted phase: another phase's copy will do
    }
  }
  return undefined;
}

/**
 * The route paths of a manifest: a JSON file (an array, or `{ routes }`), or a module exporting
 * `routes` (TypeScript included). Entries are paths or `{ path }`.
 * @throws Error when the file has no list of routes.
 */
export async function loadRoutes(file: string): Promise<string[]> {
  const value: unknown = extname(file) === '.json' ? JSON.parse(readFileSync(file, 'utf8')) : await importModule(file);
  const list = Array.isArray(value) ? value : (value as { routes?: unknown; default?: { routes?: unknown } }).routes ?? (value as { default?: { routes?: unknown } }).default?.routes;
  if (!Array.isArray(list)) throw new Error('it exports no `routes` array');
  return list.map((entry: unknown) => {
    const path = typeof entry === 'string' ? entry : (entry as { path?: unknown })?.path;
    if (typeof path !== 'string') throw new Error(`a route without a path: ${JSON.stringify(entry)}`);
    return path;
  });
}

/**
 * Reads the module's `routes` in a child Node with tsx, as the phases' configs load TypeScript:
 * Node 20 cannot import the web app's TypeScript itself, and what Nx registers in the executor's
 * process compiles only the workspace's CommonJS view of it. The child prints the list as JSON.
 */
function importModule(file: string): Promise<unknown> {
  const script = `import(${JSON.stringify(pathToFileURL(file).href)}).then((m) => process.stdout.write(JSON.stringify({ routes: m.routes ?? m.default?.routes ?? null })))`;
  return new Promise((resolvePromise, reject) => {
    execFile(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: dirname(file), encoding: 'utf8', timeout: 30_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(lastLine(stderr) || error.message));
      else resolvePromise(JSON.parse(stdout));
    });
  });
}

function lastLine(text: string): string {
  return text.trim().split('\n').filter((l) => /Error/.test(l)).at(0) ?? text.trim().split('\n').at(-1) ?? '';
}
