import { describe, expect, it } from 'vitest';
import { InvalidResultFileError } from './read.ts';
import { parseQuarantine, testId } from './quarantine.ts';

const entry = {
  test: 'apps/e2e-flows-api/tests/auth.spec.ts > auth > refresh rotates',
  owner: '@alice',
  reason: 'ECONNRESET on refresh under load, #42',
  expires: '2026-12-14',
};

function problemsOf(text: string): string[] {
  try {
    parseQuarantine(text, 'e2e-quarantine.json');
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidResultFileError);
    expect((error as Error).message).toMatch(/^e2e-quarantine\.json is not a valid quarantine file:/);
    return (error as InvalidResultFileError).problems;
  }
  throw new Error('parsed');
}

describe('the quarantine file', () => {
  it('reads entries and the release threshold, and spells a test id as file > name', () => {
    const parsed = parseQuarantine(JSON.stringify({ releaseAfterPasses: 3, tests: [entry] }), 'q.json');
    expect(parsed).toEqual({ releaseAfterPasses: 3, tests: [entry] });
    expect(testId({ file: 'apps/e2e-flows-api/tests/auth.spec.ts', name: 'auth > refresh rotates' })).toBe(entry.test);
  });

  it('names every wrong field: a missing owner, a date that is not YYYY-MM-DD, an unknown key', () => {
    const { owner: _owner, ...noOwner } = entry;
    expect(
      problemsOf(
        JSON.stringify({
          tests: [noOwner, { ...entry, test: 'b', expires: '14/12/2026' }, { ...entry, test: 'c', expiry: 'x' }],
        }),
      ),
    ).toEqual([
      expect.stringMatching(/^tests\[0\]\.owner: /),
      expect.stringMatching(/^tests\[1\]\.expires: /),
      expect.stringMatching(/^tests\[2\]: Unrecognized key: "expiry"/),
    ]);
  });

  it('refuses blank owners and reasons, a test listed twice, and text that is not JSON', () => {
    expect(problemsOf(JSON.stringify({ tests: [{ ...entry, owner: ' ', reason: '' }] }))).toHaveLength(2);
    expect(problemsOf(JSON.stringify({ tests: [entry, entry] }))).toEqual([
      `tests[1].test: "${entry.test}" is listed twice`,
    ]);
    expect(problemsOf('{ "tests": [')[0]).toMatch(/^not JSON: /);
    expect(problemsOf('{}')).toEqual([expect.stringMatching(/^tests: /)]);
    expect(problemsOf(JSON.stringify({ releaseAfterPasses: 0, tests: [] }))).toEqual([
      expect.stringMatching(/^releaseAfterPasses: /),
    ]);
  });
});
