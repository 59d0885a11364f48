import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  createNodesFromFiles,
  type CreateNodesV2,
  type TargetConfiguration,
  type TargetDependencyConfig,
} from '@nx/devkit';
import { E2E_OUTPUT_DIR, RESULTS_PART_ENV, resultsPartName } from '@streamkit/e2e-contract';

/** The per-file targets' prefix: `@nx/vitest`'s and `@nx/playwright`'s `ciTargetName` in nx.json. */
export const CI_TARGET = 'e2e-ci';
/** Every per-file target of a phase, as a `dependsOn` wildcard (not `e2e-ci--merge-reports`). */
export const FILE_TARGETS = `${CI_TARGET}--tests/**`;

/**
 * Completes the per-file `e2e-ci--tests/<file>` targets that `@nx/vitest` and `@nx/playwright`
 * infer for every phase (their `ciTargetName`), so a phase split per file behaves as its `e2e`:
 *
 * - gating: a file waits for every file of the phases the phase's `e2e` waits for (its
 *   package.json `dependsOn`: `e2e-health:e2e` becomes every `e2e-health:e2e-ci--tests/…`), so no
 *   file of a later phase runs when one of health's failed, as with `e2e`; and for the stack.
 * - results (Vitest): the file's own `dist/e2e/<phase>/<part>/results.json` (E2E_RESULTS_PART,
 *   read by the phase preset) as its cached output; `@nx/playwright` already names its own.
 *
 * This plugin comes after the runners' plugins in nx.json and only adds to their targets, so the
 * names here must be theirs: `tests/**` + `*.spec.ts`, the `include` of both phase presets.
 */
export const createNodesV2: CreateNodesV2 = [
  'apps/*/package.json',
  (packageFiles, options, context) =>
    createNodesFromFiles(
      (packageFile) => {
        const root = dirname(packageFile);
        const absoluteRoot = join(context.workspaceRoot, root);
        const runner = existsSync(join(absoluteRoot, 'vitest.config.ts'))
          ? 'vitest'
          : existsSync(join(absoluteRoot, 'playwright.config.ts'))
            ? 'playwright'
            : undefined;
        const phase = readPhase(join(context.workspaceRoot, packageFile));
        if (!runner || !phase) return {};
        const targets: Record<string, TargetConfiguration> = {};
        for (const file of specFiles(absoluteRoot)) {
          targets[`${CI_TARGET}--${file}`] = fileTarget(phase, file, runner);
        }
        return { projects: { [root]: { targets } } };
      },
      packageFiles,
      options,
      context,
    ),
];

interface Phase {
  name: string;
  /** The phase's `e2e` dependsOn, as written in its package.json. */
  dependsOn: (string | TargetDependencyConfig)[];
}

/** A project is a phase when its package.json gives its `e2e` target a `dependsOn`. */
function readPhase(packageFile: string): Phase | undefined {
  const json = JSON.parse(readFileSync(packageFile, 'utf8')) as {
    nx?: { name?: string; targets?: { e2e?: { dependsOn?: (string | TargetDependencyConfig)[] } } };
  };
  const name = json.nx?.name;
  const dependsOn = json.nx?.targets?.e2e?.dependsOn;
  return name && dependsOn ? { name, dependsOn } : undefined;
}

/** `phase:e2e` becomes every file of that phase; anything else (`stack:serve`) stays as written. */
export function fileDependsOn(dependsOn: Phase['dependsOn']): (string | TargetDependencyConfig)[] {
  return dependsOn.map((dep) => {
    if (typeof dep === 'string') {
      const [project, target] = dep.split(':');
      return target === 'e2e' && project ? { projects: [project], target: FILE_TARGETS } : dep;
    }
    return dep.target === 'e2e' ? { ...dep, target: FILE_TARGETS } : dep;
  });
}

function fileTarget(phase: Phase, file: string, runner: 'vitest' | 'playwright'): TargetConfiguration {
  const target: TargetConfiguration = { dependsOn: fileDependsOn(phase.dependsOn) };
  if (runner === 'vitest') {
    const part = resultsPartName(file);
    target.options = { env: { [RESULTS_PART_ENV]: part } };
    // Replaces @nx/vitest's coverage folder (these phases write none) with the file's results.
    target.outputs = [`{workspaceRoot}/${E2E_OUTPUT_DIR}/${phase.name}/${part}`];
  }
  return target;
}

/** `tests/…/*.spec.ts`, project-relative with forward slashes, sorted. */
export function specFiles(projectRoot: string): string[] {
  const testsDir = join(projectRoot, 'tests');
  if (!existsSync(testsDir)) return [];
  return readdirSync(testsDir, { recursive: true, encoding: 'utf8' })
    .map((file) => `tests/${file.split('\\').join('/')}`)
    .filter((file) => file.endsWith('.spec.ts') && !file.split('/').includes('node_modules'))
    .sort();
}
