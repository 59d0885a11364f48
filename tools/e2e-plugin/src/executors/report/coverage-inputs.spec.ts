import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadRoutes } from './coverage-inputs.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'route-manifest-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('loadRoutes', () => {
  it("reads the web app's real manifest (a TypeScript module exporting `routes`)", async () => {
    const manifest = join(__dirname, '../../../../../apps/web/src/routes.ts');
    const routes = await loadRoutes(manifest);
    expect(routes).toContain('/');
    expect(routes).toContain('/dashboard');
    expect(routes.every((r) => r.startsWith('/'))).toBe(true);
  });

  it('reads JSON as an array or { routes }, with paths or { path } entries', async () => {
    writeFileSync(join(dir, 'a.json'), JSON.stringify(['/', '/login']));
    writeFileSync(join(dir, 'b.json'), JSON.stringify({ routes: [{ path: '/x', title: 'X' }] }));
    await expect(loadRoutes(join(dir, 'a.json'))).resolves.toEqual(['/', '/login']);
    await expect(loadRoutes(join(dir, 'b.json'))).resolves.toEqual(['/x']);
  });

  it('says what is wrong with a file that holds no routes', async () => {
    writeFileSync(join(dir, 'c.json'), JSON.stringify({ pages: [] }));
    writeFileSync(join(dir, 'd.json'), JSON.stringify([{ title: 'no path' }]));
    await expect(loadRoutes(join(dir, 'c.json'))).rejects.toThrow('it exports no `routes` array');
    await expect(loadRoutes(join(dir, 'd.json'))).rejects.toThrow('a route without a path: {"title":"no path"}');
  });
});
