import {
  bearer,
  BRAND_KITS_PATH,
  expect,
  solidPng,
  test,
  uniqueName,
  type Page,
} from '@streamkit/e2e-fixtures/playwright';

const backgroundOf = (page: Page, name: string) =>
  page.getByRole('img', { name }).evaluate((el) => getComputedStyle(el).backgroundColor);

test.describe('brand kit flow', () => {
  test('create a kit through the form: it opens for editing and is listed', async ({
    signedInPage: page,
    api,
    user,
  }) => {
    const name = uniqueName('kit');
    await page.goto('/dashboard/brand-kits');
    await page.getByLabel('New kit name').fill(name);
    await page.getByRole('button', { name: 'Create kit' }).click();

    await expect(page).toHaveURL(/\/dashboard\/brand-kits\/[0-9a-f-]{36}$/);
    await expect(page.getByLabel('Kit name')).toHaveValue(name);
    const { data } = await api.get(BRAND_KITS_PATH, bearer(user));
    expect(data.brand_kits.map((kit: { name: string }) => kit.name)).toEqual([name]);

    await page.getByRole('link', { name: '← All brand kits' }).click();
    await expect(page.getByRole('listitem', { name })).toBeVisible();
  });

  test('edit colours: the swatch shows the new colour, and saving keeps it', async ({
    signedInPage: page,
    api,
    user,
    brandKits,
  }) => {
    const kit = await brandKits.create(user, {
      colors: { palette: [{ name: 'Grape', hex: '#6441a5', role: 'primary' }] },
    });
    await page.goto(`/dashboard/brand-kits/${kit.id}`);
    expect(await backgroundOf(page, 'Colour 1 swatch')).toBe('rgb(100, 65, 165)');

    await page.getByLabel('Colour 1 hex').fill('#ff8800');
    await expect.poll(() => backgroundOf(page, 'Colour 1 swatch')).toBe('rgb(255, 136, 0)');
    await page.getByRole('button', { name: 'Add colour' }).click();
    await page.getByLabel('Colour 2 name').fill('Night');
    await page.getByLabel('Colour 2 picker').fill('#102030');
    await page.getByLabel('Colour 2 role').selectOption('background');
    await expect.poll(() => backgroundOf(page, 'Colour 2 swatch')).toBe('rgb(16, 32, 48)');

    await page.getByRole('button', { name: 'Save colours' }).click();
    await expect(page.getByRole('region', { name: 'Colours' }).getByRole('status')).toHaveText('Saved.');
    const { data } = await api.get(`${BRAND_KITS_PATH}/${kit.id}/colors`, bearer(user));
    expect(data.palette).toEqual([
      { name: 'Grape', hex: '#ff8800', role: 'primary' },
      { name: 'Night', hex: '#102030', role: 'background' },
    ]);
  });

  test('a colour the API refuses is shown at its field, and nothing is saved', async ({
    signedInPage: page,
    api,
    user,
    brandKits,
  }) => {
    const kit = await brandKits.create(user, {
      colors: { palette: [{ name: 'Grape', hex: '#6441a5', role: 'primary' }] },
    });
    await page.goto(`/dashboard/brand-kits/${kit.id}`);
    await page.getByLabel('Colour 1 hex').fill('#12345g');
    const answer = page.waitForResponse((r) => r.url().endsWith(`/brand-kits/${kit.id}/colors`));
    await page.getByRole('button', { name: 'Save colours' }).click();

    const response = await answer;
    expect(response.status()).toBe(422);
    const { error } = await response.json();
    const hexError = error.fields.find((f: { field: string }) => f.field === 'body.palette.0.hex');
    await expect(page.getByLabel('Colour 1 hex')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByLabel('Colour 1 hex')).toHaveAccessibleDescription(hexError.message);
    const { data } = await api.get(`${BRAND_KITS_PATH}/${kit.id}/colors`, bearer(user));
    expect(data.palette[0].hex).toBe('#6441a5');
  });

  test('edit typography: the preview uses the chosen font, and saving keeps it', async ({
    signedInPage: page,
    api,
    user,
    brandKits,
  }) => {
    const kit = await brandKits.create(user);
    await page.goto(`/dashboard/brand-kits/${kit.id}`);
    await page.getByLabel('Heading font').fill('DejaVu Serif');
    await page.getByLabel('Heading weight').selectOption('800');
    await page.getByLabel('Heading size (px)').fill('48');

    const preview = page.getByText('Going live tonight');
    await expect(preview).toHaveCSS('font-family', /DejaVu Serif/);
    await expect(preview).toHaveCSS('font-weight', '800');
    await expect(preview).toHaveCSS('font-size', '48px');

    await page.getByRole('button', { name: 'Save typography' }).click();
    await expect(page.getByRole('region', { name: 'Typography' }).getByRole('status')).toHaveText('Saved.');
    const { data } = await api.get(`${BRAND_KITS_PATH}/${kit.id}/typography`, bearer(user));
    expect(data.heading).toEqual({ family: 'DejaVu Serif', weight: 800, size: 48 });
  });

  test('upload a logo and see it; replacing it shows the new one', async ({ signedInPage: page, user, brandKits }) => {
    const kit = await brandKits.create(user);
    await page.goto(`/dashboard/brand-kits/${kit.id}`);
    const slot = page.getByRole('listitem', { name: 'Primary logo' });

    await slot
      .getByLabel('Upload primary logo')
      .setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: solidPng(32, 32, [100, 65, 165]) });
    const image = slot.getByRole('img', { name: 'Primary logo' });
    // Loaded through the signed link on the web app's origin, not just present in the page.
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(32);

    await slot
      .getByLabel('Replace primary logo')
      .setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: solidPng(64, 64, [255, 0, 170]) });
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(64);

    await slot
      .getByLabel('Upload primary logo')
      .or(slot.getByLabel('Replace primary logo'))
      .setInputFiles({ name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('not an image') });
    await expect(slot.getByText(/not an image/)).toBeVisible();
  });

  test('activate a kit: it is marked active, and the other one is not', async ({
    signedInPage: page,
    api,
    user,
    brandKits,
  }) => {
    const [first, second] = [await brandKits.create(user), await brandKits.create(user)];
    await api.post(`${BRAND_KITS_PATH}/${first.id}/activate`, {}, bearer(user));
    await page.goto('/dashboard/brand-kits');
    await expect(page.getByRole('listitem', { name: first.name }).getByText('Active')).toBeVisible();

    await page.getByRole('listitem', { name: second.name }).getByRole('button', { name: 'Activate' }).click();
    await expect(page.getByRole('listitem', { name: second.name }).getByText('Active')).toBeVisible();
    await expect(page.getByRole('listitem', { name: first.name }).getByText('Active')).toHaveCount(0);
    expect((await api.get(`${BRAND_KITS_PATH}/active`, bearer(user))).data.id).toBe(second.id);
  });

  test('delete a kit, after confirming', async ({ signedInPage: page, api, user, brandKits }) => {
    const kit = await brandKits.create(user);
    await page.goto('/dashboard/brand-kits');
    const card = page.getByRole('listitem', { name: kit.name });

    await card.getByRole('button', { name: 'Delete' }).click();
    await card.getByRole('alertdialog').getByRole('button', { name: 'Cancel' }).click();
    await expect(card).toBeVisible();

    await card.getByRole('button', { name: 'Delete' }).click();
    await card
      .getByRole('alertdialog', { name: `Delete ${kit.name}?` })
      .getByRole('button', { name: 'Yes, delete' })
      .click();
    await expect(card).toHaveCount(0);
    expect((await api.get(`${BRAND_KITS_PATH}/${kit.id}`, bearer(user))).status).toBe(404);
  });
});
