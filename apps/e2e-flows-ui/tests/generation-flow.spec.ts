import { describeExchange } from '@streamkit/e2e-fixtures';
import { expect, test } from '@streamkit/e2e-fixtures/playwright';

const naturalWidth = (img: unknown) => (img as { naturalWidth: number }).naturalWidth;

test.describe('quick create and generation', () => {
  test('quick create: pick a template, fill its fields, pick a kit, generate, see the asset', async ({
    signedInPage: page,
    user,
    brandKits,
    generation,
  }) => {
    generation.track(user);
    const kit = await brandKits.create(user, {
      colors: { palette: [{ name: 'Brand', hex: '#12ab34', role: 'primary' }] },
    });

    await page.goto('/dashboard/quick-create');
    await page.getByLabel('Template').selectOption({ label: 'Headline' });
    await page.getByLabel('Asset type').selectOption('youtube_thumbnail');
    await page.getByLabel('Title', { exact: true }).fill('Made in the browser');
    await page.getByLabel('Brand kit').selectOption(kit.id);
    await page.getByRole('button', { name: 'Generate' }).click();

    const result = page.getByRole('region', { name: 'Result' });
    await expect(result.getByRole('progressbar')).toBeVisible();
    await expect(result.getByText('Done')).toBeVisible({ timeout: 15_000 });
    const image = result.getByRole('img', { name: 'youtube_thumbnail 1280×720' });
    await expect(image).toBeVisible();
    expect(await image.evaluate(naturalWidth)).toBe(1280);
  });

  test('a job: watch it finish on the jobs page, view its assets, share one and open the link signed out, delete it', async ({
    signedInPage: page,
    browser,
    api,
    user,
    generation,
  }) => {
    generation.track(user);
    await page.goto('/dashboard/twitch');
    await page.getByLabel('Pack', { exact: true }).selectOption('emotes');
    await page.getByLabel('Letters').fill('GG');
    await page.getByRole('button', { name: 'Generate' }).click();
    await expect(page.getByRole('region', { name: 'Result' }).getByRole('progressbar')).toBeVisible();

    // The jobs page follows the job without a reload.
    await page.goto('/dashboard/jobs');
    const job = page.getByRole('listitem').filter({ hasText: 'Twitch emotes pack' });
    await expect(job.getByText('Done')).toBeVisible({ timeout: 15_000 });
    await expect(job.getByRole('progressbar')).toHaveAttribute('aria-valuetext', '100%');
    await job.getByRole('button', { name: 'View assets' }).click();
    for (const size of [112, 56, 28])
      await expect(job.getByRole('img', { name: `twitch_emote ${size}×${size}` })).toBeVisible();

    await page.goto('/dashboard/assets');
    const card = page.getByRole('listitem', { name: 'twitch_emote 112×112' });
    await card.getByRole('button', { name: 'Share publicly' }).click();
    const link = await card.getByLabel('Public link of twitch_emote 112×112').inputValue();
    expect(link).toMatch(/\/asset\/[0-9a-f-]{36}$/);

    const signedOut = await browser.newContext();
    try {
      const visitor = await signedOut.newPage();
      await visitor.goto(link);
      const shared = visitor.getByRole('img', { name: 'Shared asset, 112×112' });
      await expect(shared).toBeVisible();
      expect(await shared.evaluate(naturalWidth)).toBe(112);
    } finally {
      await signedOut.close();
    }

    await card.getByRole('button', { name: 'Delete', exact: true }).click();
    await card.getByRole('button', { name: 'Delete for good' }).click();
    await expect(page.getByRole('listitem', { name: 'twitch_emote 112×112' })).toHaveCount(0);
    const id = link.split('/').at(-1);
    const gone = await api.get(`/api/v1/assets/${id}`, { headers: { authorization: `Bearer ${user.accessToken}` } });
    expect(gone.status, describeExchange(gone)).toBe(404);
  });

  test('settings: change the display name and the password', async ({ signedInPage: page, api, user }) => {
    await page.goto('/dashboard/settings');
    await page.getByLabel('Display name').fill('Renamed Streamer');
    await page.getByRole('form', { name: 'Profile' }).getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('status')).toHaveText('Display name saved.');

    const password = page.getByRole('form', { name: 'Password' });
    await password.getByLabel('Current password').fill(user.password);
    await password.getByLabel('New password').fill('a-new-password-123');
    await password.getByRole('button', { name: 'Change password' }).click();
    await expect(page.getByRole('status')).toHaveText('Password changed.');

    const login = await api.post('/api/v1/auth/login', { email: user.email, password: 'a-new-password-123' });
    expect(login.status, describeExchange(login)).toBe(200);
    expect(login.data.user.display_name).toBe('Renamed Streamer');
  });
});
