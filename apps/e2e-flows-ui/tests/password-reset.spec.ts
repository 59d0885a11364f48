import { expect, findLink, test, uniqueName } from '@streamkit/e2e-fixtures/playwright';

test.describe('password reset', () => {
  test('through the mailed link: the new password works, the old one and the used link do not', async ({
    page,
    user,
    mailbox,
    api,
    target,
  }) => {
    await page.goto('/login');
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    // The login page has an Email field too, on screen until the router renders the next page: a
    // fill before then would go to the login form, and the reset request leave with no address.
    await expect(page.getByRole('heading', { name: 'Forgot your password?' })).toBeVisible();
    await page.getByLabel('Email').fill(user.email);
    await page.getByRole('button', { name: 'Send reset link' }).click();
    await expect(page.getByRole('status')).toContainText(user.email);

    const mail = await mailbox.waitForMail(user.email, { subject: 'reset' });
    const link = findLink(mail, '/reset-password?token=');
    expect(new URL(link).origin, 'the mailed link points at this web app').toBe(new URL(target.webUrl).origin);

    const password = `new-${uniqueName('pw')}`;
    await page.goto(link);
    await page.getByLabel('New password', { exact: true }).fill(password);
    await page.getByLabel('Confirm new password').fill(password);
    await page.getByRole('button', { name: 'Reset password' }).click();
    await expect(page.getByRole('status')).toHaveText('Your password has been changed.');
    await expect(page.getByRole('link', { name: 'Log in with your new password' })).toHaveAttribute('href', '/login');

    expect(
      (await api.post('/api/v1/auth/login', { email: user.email, password })).status,
      'login with the new password',
    ).toBe(200);
    expect(
      (await api.post('/api/v1/auth/login', { email: user.email, password: user.password })).status,
      'login with the old password',
    ).toBe(401);

    // The token is single-use: the same link again is refused with the API's message.
    await page.goto(link);
    await page.getByLabel('New password', { exact: true }).fill(`${password}-again`);
    await page.getByLabel('Confirm new password').fill(`${password}-again`);
    const answer = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/password-reset/confirm'));
    await page.getByRole('button', { name: 'Reset password' }).click();
    const response = await answer;
    expect(response.status()).toBe(400);
    await expect(page.getByRole('alert')).toHaveText((await response.json()).error.message);
  });
});
