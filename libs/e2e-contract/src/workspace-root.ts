import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * The nearest folder at or above `from` that holds `nx.json`. Outside the workspace it returns
 * `fallback` when one is given (a reporter run on a scratch project), and throws otherwise.
 */
export function findWorkspaceRoot(from = process.cwd(), fallback?: string): string {
  const start = resolve(from);
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'nx.json'))) return dir;
    if (dirname(dir) === dir) {
      if (fallback !== undefined) return fallback;
      throw new Error(`no nx.json above ${start}: not inside the workspace`);
    }
  }
}
