import { describe, expect, test } from 'vitest';
import { runId, uniqueName } from '@streamkit/e2e-fixtures';
import { matchesTestData, PatternError, testDataPattern } from '../src/test-data-pattern.ts';
import { DEMO_USERS } from '../src/demo-data.ts';
import { nameIn } from './support/test-data.ts';

describe('test-data pattern', () => {
  test("matches every name the fixtures' uniqueName makes, in emails and paths too", () => {
    const pattern = testDataPattern();
    for (const name of [
      uniqueName('user'),
      `${uniqueName('user')}@example.test`,
      `${uniqueName('health')}/blob.bin`,
      uniqueName('a-b'),
    ]) {
      expect(matchesTestData(pattern, name), name).toBe(true);
    }
  });

  test('with a run id, matches only that run', () => {
    const mine = testDataPattern(runId);
    expect(matchesTestData(mine, uniqueName('kit'))).toBe(true);
    expect(matchesTestData(mine, nameIn('e2eother1', 'kit'))).toBe(false);
    // A run id that merely starts like this one is another run.
    expect(matchesTestData(testDataPattern('e2eab'), nameIn('e2eabc', 'kit'))).toBe(false);
  });

  test('leaves demo data and look-alikes alone', () => {
    const pattern = testDataPattern();
    const others = [
      ...DEMO_USERS.map((user) => user.email),
      'e2e-notes/readme.txt',
      'someone-e2e-1234abcd@example.com',
      'kit-e2e1-w1-zzzzzzzz',
      'xe2e1abc-w1-0123abcd', // the run id must start a name part
      'e2eabc-w-0123abcd',
    ];
    expect(others.filter((value) => matchesTestData(pattern, value))).toEqual([]);
  });

  test('refuses a run id that is not one', () => {
    for (const bad of ['', 'E2E-1', 'e2e.*', "x' or 1=1"])
      expect(() => testDataPattern(bad), bad).toThrow(PatternError);
  });
});
