import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { writeStackFile } from './stack-file.ts';
import { pendingStackRequests, requestStack, stackRequestDir } from './stack-request.ts';
import { localTarget } from './target.ts';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'contract-request-'));
  writeFileSync(join(root, 'nx.json'), '{}');
  vi.spyOn(process, 'cwd').mockReturnValue(root);
});
afterEach(() => {
  vi.restoreAllMocks();
  rmSync(root, { recursive: true, force: true });
});

/** A pid no process has: above Linux's pid_max default ceiling. */
const GONE = 2 ** 22 + 1;

describe('stack requests (the stack boots when a phase asks)', () => {
  test('none until a live process asks; withdrawn, none again', () => {
    expect(pendingStackRequests(root)).toEqual([]);
    const withdraw = requestStack(root);
    expect(pendingStackRequests(root)).toEqual([process.pid]);
    withdraw();
    expect(pendingStackRequests(root)).toEqual([]);
  });

  test('a request whose process is gone is no request, and its file is removed', () => {
    requestStack(root, GONE);
    mkdirSync(join(stackRequestDir(root), 'not-a-pid'));
    expect(pendingStackRequests(root)).toEqual([]);
    expect(existsSync(join(stackRequestDir(root), String(GONE)))).toBe(false);
  });

  test('a phase waiting for the local stack asks for it, and withdraws once it has it', async () => {
    const waiting = localTarget(5_000);
    await expect.poll(() => pendingStackRequests(root), { timeout: 2_000 }).toEqual([process.pid]);
    writeStackFile(
      {
        pid: process.pid,
        startedAt: new Date().toISOString(),
        apiUrl: 'http://127.0.0.1:1',
        webUrl: 'http://127.0.0.1:2',
        databaseUrl: 'postgres://127.0.0.1:3/app',
        redisUrl: 'redis://127.0.0.1:4',
        storageUrl: 'http://127.0.0.1:5',
        storageKey: 'k',
        mailUrl: 'http://127.0.0.1:6',
        smtpUrl: 'smtp://127.0.0.1:7',
      },
      root,
    );
    await expect(waiting).resolves.toMatchObject({ kind: 'local', apiUrl: 'http://127.0.0.1:1' });
    expect(pendingStackRequests(root)).toEqual([]);
  });

  test('a wait that times out withdraws its request too', async () => {
    await expect(localTarget(300)).rejects.toThrow(/waiting for the local stack/);
    expect(pendingStackRequests(root)).toEqual([]);
  });
});
