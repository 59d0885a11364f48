import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { descendants, isAlive, stopDescendants } from './process-tree.ts';

// A real process tree: a parent with two children, one of which ignores SIGTERM.
const PARENT = `
const { spawn } = require('node:child_process');
const polite = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
const stubborn = spawn(process.execPath, ['-e', "process.on('SIGTERM', () => {}); setInterval(() => {}, 1000)"], { stdio: 'ignore' });
setTimeout(() => console.log(JSON.stringify([polite.pid, stubborn.pid])), 300);
setInterval(() => {}, 1000);
`;

describe('stopDescendants', () => {
  it('stops every descendant, SIGKILL for one that ignores SIGTERM, and leaves the root running', async () => {
    const parent = spawn(process.execPath, ['-e', PARENT], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      const [line] = (await once(parent.stdout, 'data')) as [Buffer];
      const children = JSON.parse(line.toString()) as number[];
      expect(descendants(parent.pid!).sort()).toEqual([...children].sort());

      const stopped = stopDescendants(parent.pid!, 500);

      expect(stopped.sort()).toEqual([...children].sort());
      for (const pid of children) await expect.poll(() => isAlive(pid), { timeout: 3000 }).toBe(false);
      expect(isAlive(parent.pid!)).toBe(true);
    } finally {
      parent.kill('SIGKILL');
    }
  });

  it('finds nothing under a process without children, and a dead pid is not alive', () => {
    expect(descendants(2 ** 22 + 7)).toEqual([]);
    expect(isAlive(2 ** 22 + 7)).toBe(false);
    expect(isAlive(process.pid)).toBe(true);
  });
});
