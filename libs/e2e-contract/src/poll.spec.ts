import { describe, expect, test } from 'vitest';
import { pollUntil } from './poll.ts';

class Fatal extends Error {}

describe('pollUntil', () => {
  test('returns the first value that is not undefined or false', async () => {
    let calls = 0;
    await expect(pollUntil('three calls', async () => (++calls >= 3 ? calls : false), { intervalMs: 1 })).resolves.toBe(
      3,
    );
  });

  test('times out naming what it waited for, the last value seen and the hint', async () => {
    await expect(
      pollUntil('the answer', async () => undefined, { timeoutMs: 50, intervalMs: 10, hint: 'Try again.' }),
    ).rejects.toThrow('Timed out after 0.05 s waiting for the answer; last seen: undefined\nTry again.');
    await expect(
      pollUntil('a service', async () => Promise.reject(new Error('ECONNREFUSED')), { timeoutMs: 30, intervalMs: 10 }),
    ).rejects.toThrow('last seen: error: ECONNREFUSED');
  });

  test('an error of the fatal class ends the polling at once', async () => {
    let calls = 0;
    const fail = async () => {
      calls += 1;
      throw new Fatal('gave up');
    };
    await expect(pollUntil('never', fail, { timeoutMs: 5_000, fatal: Fatal })).rejects.toThrow(Fatal);
    expect(calls).toBe(1);
  });
});
