import { expect, test } from '@streamkit/e2e-fixtures/playwright';
import { examplePath, isNavigable, routes } from '@streamkit/web/routes';

// Generated from the web app's route manifest: a new dashboard page is checked the day it exists.
const dashboardRoutes = routes.filter((route) => route.auth);

test.describe('dashboard pages when signed out', () => {
  for (const route of dashboardRoutes) {
    test(`${route.path} redirects to login`, async ({ page }) => {
      const path = examplePath(route); // a page with a `:param` is visited with a made-up id
      await page.goto(path);
      await expect(page).toHaveURL(`/login?next=${encodeURIComponent(path)}`);
      await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible();
    });
  }
});

test.describe('dashboard pages when signed in', () => {
  test('the dashboard loads, and every page in its navigation shows its heading', async ({
    signedInPage: page,
    user,
    consoleErrors,
  }) => {
    await page.goto('/dashboard');
    await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
    await expect(page.getByText(`Welcome, ${user.displayName}.`)).toBeVisible();

    const nav = page.getByRole('navigation', { name: 'Dashboard' });
    for (const route of dashboardRoutes.filter(isNavigable)) {
      await nav.getByRole('link', { name: route.title, exact: true }).click();
      await expect(page).toHaveURL(route.path);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(route.title);
    }
    await expect(page.getByRole('button', { name: 'Log out' })).toBeVisible();
    expect(consoleErrors).toEqual([]);
  });
});
