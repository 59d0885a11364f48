import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createNodesFromFiles, type CreateNodesV2, type TargetConfiguration } from '@nx/devkit';

/**
 * Infers a cached `typecheck` target (`tsc -p tsconfig.json`, which emits nothing: the base
 * config sets `noEmit`) for every project with a `tsconfig.json` beside its `package.json`, so a
 * new project is type-checked as soon as it has one. `@nx/js/typescript` infers `tsc --build`
 * instead, which needs emitting project references this workspace does not use.
 */
export const createNodesV2: CreateNodesV2 = [
  '**/tsconfig.json',
  (configFiles, options, context) =>
    createNodesFromFiles(
      (configFile) => {
        const root = dirname(configFile);
        if (root === '.' || !existsSync(join(context.workspaceRoot, root, 'package.json'))) return {};
        return { projects: { [root]: { targets: { typecheck: typecheckTarget(root) } } } };
      },
      configFiles,
      options,
      context,
    ),
];

function typecheckTarget(root: string): TargetConfiguration {
  return {
    command: 'tsc -p tsconfig.json',
    options: { cwd: root },
    cache: true,
    // The sources of the projects it imports are type-checked with it, so they are inputs too.
    inputs: ['default', '^default', { externalDependencies: ['typescript'] }],
    outputs: [],
    metadata: {
      description: 'Type-checks the project with its tsconfig.json (no output).',
      technologies: ['typescript'],
    },
  };
}
