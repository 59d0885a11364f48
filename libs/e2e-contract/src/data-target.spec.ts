import { describe, expect, test } from 'vitest';
import type { StackInfo } from './stack-file.ts';
import { resolveDataTarget, TargetError } from './target.ts';

const stack = {
  databaseUrl: 'postgres://stack/db',
  storageUrl: 'http://stack:1',
  storageKey: 'stack-key',
} as StackInfo;
const noStack = () => undefined;

describe('data target (the scripts)', () => {
  test('E2E_* variables win over a running local stack', () => {
    const env = { E2E_DATABASE_URL: 'postgres://env/db', E2E_STORAGE_URL: 'http://env:1', E2E_STORAGE_KEY: 'env-key' };
    expect(resolveDataTarget(env, () => stack)).toEqual({
      source: 'environment',
      databaseUrl: 'postgres://env/db',
      storage: { url: 'http://env:1', key: 'env-key' },
    });
    expect(
      resolveDataTarget({ E2E_DATABASE_URL: 'postgres://env/db' }, () => stack),
      'database only',
    ).toEqual({
      source: 'environment',
      databaseUrl: 'postgres://env/db',
    });
  });

  test('without variables, the local stack from .e2e/stack.json', () => {
    expect(resolveDataTarget({}, () => stack)).toEqual({
      source: 'local stack',
      databaseUrl: 'postgres://stack/db',
      storage: { url: 'http://stack:1', key: 'stack-key' },
    });
  });

  test('says what to set when the target is missing or half given', () => {
    expect(() => resolveDataTarget({}, noStack)).toThrow(
      new TargetError(
        'no target: set E2E_DATABASE_URL (and E2E_STORAGE_URL, E2E_STORAGE_KEY), or start the local stack with `npm run stack`',
      ),
    );
    expect(() =>
      resolveDataTarget({ E2E_DATABASE_URL: 'postgres://env/db', E2E_STORAGE_URL: 'http://env:1' }, noStack),
    ).toThrow('E2E_STORAGE_KEY is not set');
  });
});
