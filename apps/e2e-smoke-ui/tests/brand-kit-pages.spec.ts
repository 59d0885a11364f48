import { expect, test } from '@streamkit/e2e-fixtures/playwright';

// Signed-out visitors of these pages are sent to login by the generated checks in dashboard-pages.spec.ts.
const SECTIONS = ['Name', 'Colours', 'Typography', 'Voice', 'Guidelines', 'Logos'];

test.describe('brand kit pages, signed in', () => {
  test('the brand kits page loads with its create form and an empty list', async ({
    signedInPage: page,
    consoleErrors,
  }) => {
    await page.goto('/dashboard/brand-kits');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Brand kits');
    await expect(page.getByLabel('New kit name')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Create kit' })).toBeEnabled();
    await expect(page.getByText('0 of 10 kits')).toBeVisible();
    expect(consoleErrors).toEqual([]);
  });

  test("a kit's edit page loads with every section", async ({ signedInPage: page, user, brandKits, consoleErrors }) => {
    const kit = await brandKits.create(user);
    await page.goto(`/dashboard/brand-kits/${kit.id}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Edit brand kit');
    for (const section of SECTIONS) await expect(page.getByRole('heading', { level: 2, name: section })).toBeVisible();
    await expect(page.getByLabel('Kit name')).toHaveValue(kit.name);
    await expect(page.getByRole('listitem', { name: 'Primary logo' }).getByText('None yet')).toBeVisible();
    expect(consoleErrors).toEqual([]);
  });

  test('a kit that does not exist (or is not yours) is reported, not shown', async ({
    signedInPage: page,
    users,
    brandKits,
  }) => {
    const someoneElsesKit = await brandKits.create(await users.create());
    await page.goto(`/dashboard/brand-kits/${someoneElsesKit.id}`);
    await expect(page.getByRole('alert')).toHaveText('This brand kit does not exist, or is not yours.');
    await expect(page.getByRole('heading', { level: 2 })).toHaveCount(0);
  });
});
