import { expectReachable } from '@streamkit/e2e-fixtures';
import { describe, expect, test } from '@streamkit/e2e-fixtures/vitest';

// The flows read password-reset mail from the capture server: without it they would fail later,
// one timeout at a time, instead of here.
describe('mail health', () => {
  test('is reachable', async ({ target }) => {
    await expectReachable('mail', target);
  });

  test('lists captured messages', async ({ mailbox }) => {
    expect(Array.isArray(await mailbox.messagesTo('nobody@e2e.streamkit.dev'))).toBe(true);
  });
});
