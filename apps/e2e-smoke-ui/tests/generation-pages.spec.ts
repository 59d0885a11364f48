import { describeExchange } from '@streamkit/e2e-fixtures';
import { expect, test } from '@streamkit/e2e-fixtures/playwright';

const naturalWidth = (img: unknown) => (img as { naturalWidth: number }).naturalWidth;

test.describe('generation pages', () => {
  test('signed in, the generation pages show their controls and this month’s usage', async ({
    signedInPage: page,
    consoleErrors,
  }) => {
    await page.goto('/dashboard/quick-create');
    await expect(page.getByLabel('Template')).toBeVisible();
    await expect(page.getByLabel('Asset type')).toBeVisible();
    await expect(page.getByLabel('Brand kit')).toBeVisible();

    await page.goto('/dashboard/twitch');
    await expect(page.getByLabel('Pack', { exact: true })).toBeVisible();

    await page.goto('/dashboard/jobs');
    await expect(page.getByText('No jobs yet.')).toBeVisible();
    await page.goto('/dashboard/assets');
    await expect(page.getByText('No assets yet.')).toBeVisible();

    await page.goto('/dashboard/settings');
    await expect(page.getByLabel('Display name')).toBeVisible();
    await expect(page.getByText(/^0 of \d+$/)).toBeVisible();
    await expect(page.getByText(/^Resets /)).toBeVisible();
    expect(consoleErrors).toEqual([]);
  });

  test('the public asset page shows a shared asset to a signed-out visitor, and a 404 for a private one', async ({
    page,
    api,
    user,
    generation,
  }) => {
    const bearer = { headers: { authorization: `Bearer ${user.accessToken}` } };
    const created = await generation.create(user, {
      template_id: 'monogram',
      asset_type: 'twitch_badge',
      fields: { text: 'P' },
    });
    const { job } = await generation.waitFor(user, created.id);
    const [shared, kept] = await generation.assets(user, job.id);
    const share = await api.put(`/api/v1/assets/${shared!.id}/visibility`, { is_public: true }, bearer);
    expect(share.status, describeExchange(share)).toBe(200);

    await page.goto(`/asset/${shared!.id}`);
    await expect(page.getByRole('heading', { level: 1, name: 'Shared asset' })).toBeVisible();
    const image = page.getByRole('img', { name: `Shared asset, ${shared!.width}×${shared!.height}` });
    await expect(image).toBeVisible();
    expect(await image.evaluate(naturalWidth)).toBe(shared!.width);

    await page.goto(`/asset/${kept!.id}`);
    await expect(page.getByRole('heading', { level: 1, name: 'Asset not found' })).toBeVisible();
    await expect(page.getByRole('img')).toHaveCount(0);
  });
});
