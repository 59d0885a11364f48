import { expect, localStorageItem, test } from '@streamkit/e2e-fixtures/playwright';

test.describe('session', () => {
  // A stored session whose access token the API no longer accepts, beside a valid refresh token.
  test.use({
    sessionTokens: async ({ user }, use) =>
      use({ access_token: 'expired-access-token', refresh_token: user.refreshToken }),
  });

  test('a rejected access token is refreshed once, without the visitor noticing', async ({
    signedInPage: page,
    user,
    sessionStorageKey,
  }) => {
    const refreshed = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/refresh'));
    await page.goto('/dashboard/settings');

    expect((await refreshed).status()).toBe(200);
    await expect(page).toHaveURL('/dashboard/settings');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Settings');
    const stored = JSON.parse((await localStorageItem(page, sessionStorageKey)) ?? '{}');
    expect(stored.access_token).not.toBe('expired-access-token');
    expect(stored.refresh_token, 'the refresh token rotated').not.toBe(user.refreshToken);
  });
});
