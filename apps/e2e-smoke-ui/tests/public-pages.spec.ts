import { expect, test } from '@streamkit/e2e-fixtures/playwright';
import { NOT_FOUND_TITLE } from '@streamkit/web/routes';

test.describe('public pages', () => {
  test('the landing page loads without console errors', async ({ page, consoleErrors }) => {
    await page.goto('/');
    await expect(page).toHaveTitle('StreamKit');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    expect(consoleErrors).toEqual([]);
  });

  test('the landing page has its calls to action', async ({ page }) => {
    await page.goto('/');
    const hero = page.getByRole('main');
    await expect(hero.getByRole('link', { name: 'Get started' })).toHaveAttribute('href', '/signup');
    await expect(hero.getByRole('link', { name: 'Log in' })).toHaveAttribute('href', '/login');

    await hero.getByRole('link', { name: 'Get started' }).click();
    await expect(page).toHaveURL('/signup');
    await expect(page.getByRole('heading', { name: 'Create your account' })).toBeVisible();
  });

  test('the landing page has its navigation', async ({ page }) => {
    await page.goto('/');
    const nav = page.getByRole('navigation', { name: 'Main' });
    for (const name of ['StreamKit', 'Features', 'Log in', 'Sign up']) {
      await expect(nav.getByRole('link', { name })).toBeVisible();
    }
    await nav.getByRole('link', { name: 'Log in' }).click();
    await expect(page).toHaveURL('/login');
    await nav.getByRole('link', { name: 'StreamKit' }).click();
    await expect(page).toHaveURL('/');
  });

  test('an unknown path shows the 404 page', async ({ page, consoleErrors }) => {
    await page.goto('/no-such-page');
    await expect(page.getByRole('heading', { name: NOT_FOUND_TITLE })).toBeVisible();
    await expect(page).toHaveTitle(`${NOT_FOUND_TITLE} · StreamKit`);
    await page.getByRole('link', { name: 'Back to the home page' }).click();
    await expect(page).toHaveURL('/');
    expect(consoleErrors).toEqual([]);
  });
});
