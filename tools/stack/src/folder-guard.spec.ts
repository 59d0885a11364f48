import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { guardFolder } from './folder-guard.ts';

/** Pids of the processes whose command line names `folder`: its guard, while it runs. */
function guardsOf(folder: string): number[] {
  return readdirSync('/proc').flatMap((entry) => {
    try {
      return /^\d+$/.test(entry) && readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(folder)
        ? [Number(entry)]
        : [];
    } catch {
      return []; // gone while we looked
    }
  });
}

let folder: string;
afterEach(() => {
  rmSync(folder, { recursive: true, force: true });
  for (const pid of guardsOf(folder)) process.kill(pid, 'SIGKILL');
});

describe('the guard of a stack’s scratch folder', () => {
  test('removes the folder when its owner is killed before its clean-up', async () => {
    folder = mkdtempSync(join(tmpdir(), 'streamkit-guarded-'));
    writeFileSync(join(folder, 'object'), 'data a killed stack left');
    const owner = spawn('sleep', ['60'], { stdio: 'ignore' });
    guardFolder({ owner: owner.pid!, folder });
    await expect.poll(() => guardsOf(folder).length, { message: 'the guard started' }).toBe(1);
    expect(existsSync(folder), 'removed while its owner still runs').toBe(true);

    owner.kill('SIGKILL');
    await expect
      .poll(() => existsSync(folder), { timeout: 5_000, message: 'the folder outlived its owner' })
      .toBe(false);
    await expect.poll(() => guardsOf(folder), { message: 'the guard outlived its work' }).toEqual([]);
  });

  test('goes by itself once the owner removed the folder, leaving the owner alone', async () => {
    folder = mkdtempSync(join(tmpdir(), 'streamkit-guarded-'));
    const owner = spawn('sleep', ['60'], { stdio: 'ignore' });
    try {
      guardFolder({ owner: owner.pid!, folder });
      await expect.poll(() => guardsOf(folder).length, { message: 'the guard started' }).toBe(1);
      rmSync(folder, { recursive: true });
      await expect.poll(() => guardsOf(folder), { message: 'the guard outlived the folder' }).toEqual([]);
      expect(owner.exitCode ?? owner.signalCode).toBeNull();
    } finally {
      owner.kill('SIGKILL');
    }
  });
});
