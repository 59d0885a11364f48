import { join } from 'node:path';
import { generateFiles, getProjects, installPackagesTask, logger, type GeneratorCallback, type Tree } from '@nx/devkit';
import { phasePolicy, PHASE_POLICIES } from '@streamkit/e2e-report/policy';
import type { PhaseGeneratorSchema } from './schema';

const NAME = /^e2e-[a-z0-9]+(-[a-z0-9]+)*$/;

/** What each runner's phase tests, so `affected` selects it when that app changes. */
const APPS_UNDER_TEST: Record<PhaseGeneratorSchema['runner'], string[]> = {
  vitest: ['api', 'storage'],
  playwright: ['web', 'api'],
};

/**
 * Adds `apps/<name>`: a phase that runs after `after` in the task graph. Nothing else needs an
 * edit: Nx infers the `e2e` target from the runner's config, the report finds every project with
 * that target, and the phase policy gives a phase it does not list the defaults.
 * @throws Error when the name is not a phase name, is taken, or `after` is not a project.
 */
export default async function phaseGenerator(
  tree: Tree,
  options: PhaseGeneratorSchema,
): Promise<GeneratorCallback | void> {
  const { name, runner = 'vitest', after = 'e2e-health' } = options;
  const projects = getProjects(tree);
  if (!NAME.test(name)) {
    throw new Error(
      `"${name}" is not a phase name: use e2e- and lower-case words joined by hyphens, e.g. e2e-smoke-billing.`,
    );
  }
  if (runner === 'playwright' && !name.endsWith('-ui')) {
    throw new Error(
      `A Playwright phase's name ends in -ui ("${name}-ui"): the Playwright plugin in nx.json infers e2e targets only for apps/e2e-*-ui.`,
    );
  }
  if (projects.has(name) || tree.exists(`apps/${name}`)) {
    throw new Error(`A project or folder named ${name} already exists (apps/${name}).`);
  }
  if (!projects.has(after)) {
    const phases = [...projects.keys()].filter((p) => p.startsWith('e2e-')).sort();
    throw new Error(`--after=${after}: no such project. Phases in this workspace: ${phases.join(', ') || 'none'}.`);
  }

  const policy = phasePolicy(name, {});
  generateFiles(tree, join(__dirname, 'files', runner), `apps/${name}`, {
    name,
    after,
    budgetSeconds: policy.budgetMs / 1000,
    implicitDependencies: JSON.stringify(APPS_UNDER_TEST[runner].filter((app) => projects.has(app))),
    tmpl: '',
  });

  logger.info(
    PHASE_POLICIES[name]
      ? `${name}: phase policy entry found (budget ${policy.budgetMs / 1000} s).`
      : `${name}: default phase policy (budget ${policy.budgetMs / 1000} s, hard timeout ${policy.hardTimeoutMs / 1000} s); add an entry to PHASE_POLICIES in libs/e2e-report/src/policy/policy.ts to change it.`,
  );
  if (options.skipInstall) return;
  // Links the new workspace package and records it in the lockfile, so `npm ci` keeps working.
  return () => installPackagesTask(tree, true);
}
