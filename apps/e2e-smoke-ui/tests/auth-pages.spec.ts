import { expect, test } from '@streamkit/e2e-fixtures/playwright';

test.describe('auth pages', () => {
  test('the login form', async ({ page, consoleErrors }) => {
    await page.goto('/login');
    await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible();
    await expect(page.getByLabel('Email')).toHaveAttribute('type', 'email');
    await expect(page.getByLabel('Password')).toHaveAttribute('type', 'password');
    await expect(page.getByRole('button', { name: 'Log in' })).toBeEnabled();
    await expect(page.getByRole('link', { name: 'Forgot your password?' })).toHaveAttribute('href', '/forgot-password');
    await expect(page.getByRole('link', { name: 'Create an account' })).toHaveAttribute('href', '/signup');
    expect(consoleErrors).toEqual([]);
  });

  test('the login form shows the API’s errors for an empty submit', async ({ page }) => {
    await page.goto('/login');
    const answer = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login'));
    await page.getByRole('button', { name: 'Log in' }).click();
    expect((await answer).status()).toBe(422);
    await expect(page.getByRole('alert')).not.toBeEmpty();
    await expect(page.getByLabel('Email')).toHaveAttribute('aria-invalid', 'true');
    await expect(page).toHaveURL('/login');
  });

  test('the signup form', async ({ page }) => {
    await page.goto('/signup');
    await expect(page.getByRole('heading', { name: 'Create your account' })).toBeVisible();
    await expect(page.getByLabel('Display name')).toBeVisible();
    await expect(page.getByLabel('Email')).toHaveAttribute('type', 'email');
    await expect(page.getByLabel('Password')).toHaveAccessibleDescription('At least 8 characters.');
    await expect(page.getByRole('button', { name: 'Create account' })).toBeEnabled();
    await expect(page.getByRole('link', { name: 'Log in' }).last()).toHaveAttribute('href', '/login');
  });

  test('the forgot-password form', async ({ page }) => {
    await page.goto('/forgot-password');
    await expect(page.getByRole('heading', { name: 'Forgot your password?' })).toBeVisible();
    await expect(page.getByLabel('Email')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Send reset link' })).toBeEnabled();
    await expect(page.getByRole('link', { name: 'Back to log in' })).toHaveAttribute('href', '/login');
  });

  test('the reset-password form reads its token from the link', async ({ page }) => {
    await page.goto('/reset-password?token=from-the-mail');
    await expect(page.getByRole('heading', { name: 'Choose a new password' })).toBeVisible();
    await expect(page.getByLabel('New password', { exact: true })).toBeVisible();
    await expect(page.getByLabel('Confirm new password')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Reset password' })).toBeEnabled();
  });

  test('the reset-password page without a token says the link is broken', async ({ page }) => {
    await page.goto('/reset-password');
    await expect(page.getByRole('alert')).toContainText('no reset token');
    await expect(page.getByRole('link', { name: 'Request a new link' })).toHaveAttribute('href', '/forgot-password');
  });

  test('the OAuth landing page without tokens says the sign-in did not complete', async ({ page }) => {
    await page.goto('/oauth/callback?error=access_denied');
    await expect(page.getByRole('heading', { name: 'Signing you in' })).toBeVisible();
    await expect(page.getByRole('alert')).toHaveText('access_denied');
    await expect(page.getByRole('link', { name: 'Back to log in' })).toBeVisible();
  });
});
