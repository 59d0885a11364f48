import { expect, test } from '@streamkit/e2e-fixtures/playwright';

// Signed out, /dashboard/coach sends visitors to login: the dashboard sweep (dashboard-pages.spec.ts)
// checks that for every page of the route manifest, this one included.

const onProTier = test.extend({ user: async ({ users }, use) => use(await users.create({ tier: 'pro' })) });

test.describe('coach page', () => {
  test('signed in on the free tier: the tips, and sessions offered from the pro tier', async ({
    signedInPage: page,
    consoleErrors,
  }) => {
    await page.goto('/dashboard/coach');
    await expect(page.getByRole('heading', { level: 1, name: 'Coach' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'Tips' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 3 }).first()).toBeVisible();
    await expect(page.getByText('Coach sessions come with the pro tier.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Start session' })).toHaveCount(0);
    expect(consoleErrors).toEqual([]);
  });

  onProTier(
    'signed in on the pro tier: the form to start a session, and the turn limit',
    async ({ signedInPage: page, consoleErrors }) => {
      await page.goto('/dashboard/coach');
      await expect(page.getByText('10 turns per session')).toBeVisible();
      await expect(page.getByLabel('What would you like help with?')).toBeVisible();
      await expect(page.getByRole('button', { name: 'Start session' })).toBeDisabled(); // nothing typed yet
      await expect(page.getByRole('heading', { level: 2, name: 'Tips' })).toBeVisible();
      expect(consoleErrors).toEqual([]);
    },
  );
});
