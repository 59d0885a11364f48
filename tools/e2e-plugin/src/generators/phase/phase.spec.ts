import { readJson, writeJson, type Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import phaseGenerator from './phase.ts';

// The workspace's shape: npm workspaces, each project its own package.json with an `nx` field.
function addPackage(tree: Tree, root: string, name: string): void {
  writeJson(tree, `${root}/package.json`, { name: `@streamkit/${name}`, version: '0.1.0', nx: { name } });
}

let tree: Tree;
beforeEach(() => {
  tree = createTreeWithEmptyWorkspace();
  writeJson(tree, 'package.json', { name: 'ws', private: true, workspaces: ['apps/*', 'libs/*'] });
  addPackage(tree, 'apps/api', 'api');
  addPackage(tree, 'apps/storage', 'storage');
  addPackage(tree, 'apps/web', 'web');
  addPackage(tree, 'apps/e2e-health', 'e2e-health');
  addPackage(tree, 'apps/e2e-smoke-ui', 'e2e-smoke-ui');
});

describe('phase generator', () => {
  it('adds a Vitest phase after the given phase and the stack, testing the API, with one example test', async () => {
    const install = await phaseGenerator(tree, { name: 'e2e-smoke-billing', runner: 'vitest', after: 'e2e-health' });

    expect(typeof install).toBe('function'); // npm install, so the lockfile knows the new package
    expect(tree.children('apps/e2e-smoke-billing').sort()).toEqual([
      'README.md',
      'package.json',
      'tests',
      'tsconfig.json',
      'vitest.config.ts',
    ]);
    const pkg = readJson(tree, 'apps/e2e-smoke-billing/package.json');
    expect(pkg).toMatchObject({
      name: '@streamkit/e2e-smoke-billing',
      type: 'module',
      devDependencies: { '@streamkit/e2e-fixtures': '*' },
      nx: {
        name: 'e2e-smoke-billing',
        tags: ['type:e2e'],
        implicitDependencies: ['api', 'storage'],
        targets: { e2e: { dependsOn: ['e2e-health:e2e', 'stack:serve'] } },
      },
    });
    expect(tree.read('apps/e2e-smoke-billing/vitest.config.ts', 'utf8')).toContain(
      "export default defineVitestPhase('e2e-smoke-billing');",
    );
    // Its README states the budget the policy gives a phase it does not list.
    expect(tree.read('apps/e2e-smoke-billing/README.md', 'utf8')).toContain('**Budget: 30 s**');
    const example = tree.read('apps/e2e-smoke-billing/tests/example.spec.ts', 'utf8')!;
    expect(example).toContain("from '@streamkit/e2e-fixtures/vitest'");
    expect(example).toContain("describe('e2e-smoke-billing', () => {");
    expect(example).toContain("await api.get('/health')");
    expect(example).not.toContain('<%');
  });

  it('adds a Playwright phase with the preset config, testing the web app and the API', async () => {
    await phaseGenerator(tree, {
      name: 'e2e-flows-billing-ui',
      runner: 'playwright',
      after: 'e2e-smoke-ui',
      skipInstall: true,
    });

    expect(tree.children('apps/e2e-flows-billing-ui').sort()).toEqual([
      'README.md',
      'package.json',
      'playwright.config.ts',
      'tests',
      'tsconfig.json',
    ]);
    expect(readJson(tree, 'apps/e2e-flows-billing-ui/package.json').nx).toMatchObject({
      implicitDependencies: ['web', 'api'],
      targets: { e2e: { dependsOn: ['e2e-smoke-ui:e2e', 'stack:serve'] } },
    });
    expect(tree.read('apps/e2e-flows-billing-ui/playwright.config.ts', 'utf8')).toContain(
      "export default definePlaywrightPhase('e2e-flows-billing-ui');",
    );
    expect(tree.read('apps/e2e-flows-billing-ui/tests/example.spec.ts', 'utf8')).toContain(
      "from '@streamkit/e2e-fixtures/playwright'",
    );
  });

  it('returns no install task with --skipInstall', async () => {
    await expect(
      phaseGenerator(tree, { name: 'e2e-x', runner: 'vitest', after: 'e2e-health', skipInstall: true }),
    ).resolves.toBeUndefined();
  });

  it.each([
    [{ name: 'smoke-billing' }, '"smoke-billing" is not a phase name'],
    [{ name: 'e2e-Billing' }, '"e2e-Billing" is not a phase name'],
    [
      { name: 'e2e-billing', runner: 'playwright' as const },
      'A Playwright phase\'s name ends in -ui ("e2e-billing-ui")',
    ],
    [{ name: 'e2e-health' }, 'A project or folder named e2e-health already exists'],
    [
      { name: 'e2e-billing', after: 'e2e-nope' },
      '--after=e2e-nope: no such project. Phases in this workspace: e2e-health, e2e-smoke-ui.',
    ],
  ])('refuses %j, saying why', async (options, message) => {
    await expect(
      phaseGenerator(tree, { runner: 'vitest', after: 'e2e-health', skipInstall: true, ...options }),
    ).rejects.toThrow(message);
    expect(tree.exists('apps/e2e-billing')).toBe(false);
  });
});
