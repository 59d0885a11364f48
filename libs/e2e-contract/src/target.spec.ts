import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import {
  clearStackError,
  readLiveStack,
  removeStackFile,
  stackFile,
  writeStackError,
  writeStackFile,
  type StackInfo,
} from './stack-file.ts';
import { pendingStackRequests, requestStack, stackRequestDir } from './stack-request.ts';
import {
  externalTarget,
  localTarget,
  resolveTarget,
  StackFailedError,
  TARGET_VARIABLES,
  TargetError,
} from './target.ts';

const EXTERNAL = {
  E2E_TARGET: 'external',
  E2E_API_URL: 'http://api.test/',
  E2E_WEB_URL: 'http://web.test',
  E2E_DATABASE_URL: 'postgres://db.test/app',
  E2E_REDIS_URL: 'redis://redis.test',
  E2E_STORAGE_URL: 'http://storage.test',
  E2E_STORAGE_KEY: 'key',
  E2E_MAIL_URL: 'http://mail.test',
};

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'contract-'));
  writeFileSync(join(root, 'nx.json'), '{}');
  vi.spyOn(process, 'cwd').mockReturnValue(root);
});
afterEach(() => {
  vi.restoreAllMocks();
  rmSync(root, { recursive: true, force: true });
});

const stack = (pid = process.pid): StackInfo => ({
  pid,
  startedAt: '2026-11-30T00:00:00.000Z',
  apiUrl: 'http://127.0.0.1:1',
  webUrl: 'http://127.0.0.1:2',
  databaseUrl: 'postgres://127.0.0.1:3/app',
  redisUrl: 'redis://127.0.0.1:4',
  storageUrl: 'http://127.0.0.1:5',
  storageKey: 'k',
  mailUrl: 'http://127.0.0.1:6',
  smtpUrl: 'smtp://127.0.0.1:7',
});

describe('external target', () => {
  test('reads every E2E_* variable, without a trailing slash', () => {
    expect(externalTarget(EXTERNAL)).toMatchObject({
      kind: 'external',
      apiUrl: 'http://api.test',
      mailUrl: 'http://mail.test',
    });
  });

  test('names every missing variable before any test runs', () => {
    const { E2E_REDIS_URL, E2E_MAIL_URL, ...rest } = EXTERNAL;
    expect(() => externalTarget(rest)).toThrow(
      new RegExp(`needs ${TARGET_VARIABLES.redisUrl}, ${TARGET_VARIABLES.mailUrl} \\(not set\\)`),
    );
    expect(() => externalTarget(rest)).toThrow(TargetError);
  });

  test('refuses an unknown kind of target', () => {
    expect(() => resolveTarget({ E2E_TARGET: 'staging' })).toThrow(
      'E2E_TARGET must be "local" or "external", not "staging"',
    );
  });
});

describe('local target (the stack file protocol)', () => {
  test('the published stack, without what only the stack needs', async () => {
    writeStackFile(stack(), root);
    expect(readLiveStack(root)).toEqual(stack());
    const target = await localTarget(1_000);
    expect(target).toEqual({ kind: 'local', ...stack(), pid: undefined, startedAt: undefined, smtpUrl: undefined });
    expect(Object.keys(target)).not.toContain('smtpUrl');
  });

  test('a file whose process is gone is no stack; only its publisher removes it', () => {
    writeStackFile(stack(2 ** 22 + 1), root);
    expect(readLiveStack(root)).toBeUndefined();
    writeStackFile(stack(), root);
    removeStackFile(process.pid + 1, root);
    expect(readLiveStack(root)).toBeDefined();
    removeStackFile(process.pid, root);
    expect(readLiveStack(root)).toBeUndefined();
  });

  test('a malformed stack file is an error naming the file and the field', () => {
    writeStackFile({ ...stack(), apiUrl: 7 } as unknown as StackInfo, root);
    expect(() => readLiveStack(root)).toThrow(/stack\.json is not a stack file:[\s\S]*apiUrl/);
  });

  test('a stack that wrote its error fails the wait at once, with the error', async () => {
    writeStackError('stack: postgres did not start', root);
    const started = Date.now();
    await expect(localTarget(10_000)).rejects.toThrow(new StackFailedError('stack: postgres did not start'));
    expect(Date.now() - started).toBeLessThan(2_000);
    clearStackError(root);
    await expect(localTarget(300)).rejects.toThrow(`waiting for the local stack to publish ${stackFile(root)}`);
  });
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
    writeStackFile(stack(), root);
    await expect(waiting).resolves.toMatchObject({ kind: 'local', apiUrl: 'http://127.0.0.1:1' });
    expect(pendingStackRequests(root)).toEqual([]);
  });

  test('a wait that times out withdraws its request too', async () => {
    await expect(localTarget(300)).rejects.toThrow(/waiting for the local stack/);
    expect(pendingStackRequests(root)).toEqual([]);
  });
});
