import { expect, localStorageItem, test } from '@streamkit/e2e-fixtures/playwright';

// Exactly one test per way in drives a login form: the signup form, the login form, OAuth.
// Every other signed-in test starts from a storageState made through the API.

test.describe('auth flow', () => {
  test('signing up through the form lands on the dashboard, signed in', async ({
    page,
    users,
    api,
    sessionStorageKey,
  }) => {
    const email = users.newEmail(); // deleted after the test, like the users it creates
    const password = 'correct horse battery staple';
    await page.goto('/');
    await page.getByRole('main').getByRole('link', { name: 'Get started' }).click();
    await page.getByLabel('Display name').fill('Flow Tester');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Create account' }).click();

    await expect(page).toHaveURL('/dashboard');
    await expect(page.getByText('Welcome, Flow Tester.')).toBeVisible();
    expect(await localStorageItem(page, sessionStorageKey)).toContain('refresh_token');
    expect((await api.post('/api/v1/auth/login', { email, password })).status, 'the new account logs in').toBe(200);
  });

  test('signing up with an email already in use shows the API’s error', async ({ page, user }) => {
    await page.goto('/signup');
    await page.getByLabel('Display name').fill('Someone Else');
    await page.getByLabel('Email').fill(user.email);
    await page.getByLabel('Password').fill('another password');
    const answer = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/signup'));
    await page.getByRole('button', { name: 'Create account' }).click();

    const response = await answer;
    expect(response.status()).toBe(409);
    await expect(page.getByRole('alert')).toHaveText((await response.json()).error.message);
    await expect(page).toHaveURL('/signup');
  });

  test('logging in with valid credentials goes back to the page that asked for it', async ({ page, user }) => {
    await page.goto('/dashboard/brand-kits');
    await expect(page).toHaveURL('/login?next=%2Fdashboard%2Fbrand-kits');
    await page.getByLabel('Email').fill(user.email);
    await page.getByLabel('Password').fill(user.password);
    await page.getByRole('button', { name: 'Log in' }).click();

    await expect(page).toHaveURL('/dashboard/brand-kits');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Brand kits');
  });

  test('invalid credentials show the API’s error and sign nobody in', async ({ page, user, sessionStorageKey }) => {
    await page.goto('/login');
    await page.getByLabel('Email').fill(user.email);
    await page.getByLabel('Password').fill(`not-${user.password}`);
    const answer = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login'));
    await page.getByRole('button', { name: 'Log in' }).click();

    const response = await answer;
    expect(response.status()).toBe(401);
    const { error } = await response.json();
    expect(error.code).toBe('invalid_credentials');
    await expect(page.getByRole('alert')).toHaveText(error.message);
    await expect(page).toHaveURL('/login');
    expect(await localStorageItem(page, sessionStorageKey)).toBeUndefined();
  });

  test('signing in with the OAuth provider lands on the dashboard', async ({ page, users, api }) => {
    const { data } = await api.get('/api/v1/auth/oauth');
    test.skip(!data?.providers?.length, 'the target has no OAuth provider configured');
    const email = users.newEmail(); // the local provider signs in whoever the login hint names
    await page.goto('/login');
    await page.getByLabel('Email').fill(email);
    await page
      .getByRole('button', { name: /^Continue with / })
      .first()
      .click();

    await expect(page).toHaveURL('/dashboard');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Overview');
  });

  test('a `next` that parses to another host sends the signed-in visitor to the dashboard', async ({
    signedInPage: page,
    baseURL,
  }) => {
    // Signed in already, /login goes straight to `next`, decided by the same safeNext as after the form.
    for (const next of ['/\\evil.example', '/\t/evil.example', '/\n/evil.example', '//evil.example']) {
      await page.goto(`/login?next=${encodeURIComponent(next)}`);
      await expect(page, `next=${JSON.stringify(next)}`).toHaveURL(`${baseURL}/dashboard`);
    }
  });

  test('logging out clears the session and revokes it', async ({
    signedInPage: page,
    user,
    api,
    sessionStorageKey,
  }) => {
    await page.goto('/dashboard');
    await expect(page.getByText(`Welcome, ${user.displayName}.`)).toBeVisible();
    await page.getByRole('button', { name: 'Log out' }).click();

    await expect(page).toHaveURL('/login');
    expect(await localStorageItem(page, sessionStorageKey)).toBeUndefined();
    const refresh = await api.post('/api/v1/auth/refresh', { refresh_token: user.refreshToken });
    expect(refresh.status, 'the refresh token of the ended session').toBe(401);
    await page.goto('/dashboard/settings');
    await expect(page).toHaveURL('/login?next=%2Fdashboard%2Fsettings');
  });
});
