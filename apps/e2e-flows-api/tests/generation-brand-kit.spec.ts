import { bearer, BRAND_KITS_PATH, logoForm, solidPng } from '@streamkit/e2e-fixtures';
import { describe, expect, test } from '@streamkit/e2e-fixtures/vitest';
import { countColour, pixelAt } from './support/png.ts';

const PRIMARY = '#12ab34';
const LOGO: [number, number, number] = [255, 0, 0];

describe('generation with a brand kit', () => {
  test("the image is drawn in the kit's primary colour, with its logo in the top-right corner", async ({
    api,
    user,
    brandKits,
    generation,
  }) => {
    const kit = await brandKits.create(user, {
      colors: { palette: [{ name: 'Brand green', hex: PRIMARY, role: 'primary' }] },
    });
    expect(
      await api.post(`${BRAND_KITS_PATH}/${kit.id}/logos`, logoForm('primary', solidPng(64, 64, LOGO)), bearer(user)),
    ).toHaveStatus(201);

    const created = await generation.create(user, {
      template_id: 'headline',
      asset_type: 'youtube_thumbnail',
      fields: { title: 'Kit' },
      brand_kit_id: kit.id,
    });
    expect(created.brand_kit_id).toBe(kit.id);
    const { job } = await generation.waitFor(user, created.id);
    expect(job, `the job ended ${job.status}: ${job.error}`).toMatchObject({ status: 'completed' });

    const [asset] = await generation.assets(user, job.id);
    const png = await generation.download(user, asset!.id);
    expect(await pixelAt(png, 2, 2), 'the background').toBe(PRIMARY);
    const quarter = { width: 640, height: 360 };
    expect(
      await countColour(png, { left: 640, top: 0, ...quarter }, '#ff0000'),
      'logo pixels, top right',
    ).toBeGreaterThan(100);
    expect(await countColour(png, { left: 0, top: 0, ...quarter }, '#ff0000'), 'logo pixels, top left').toBe(0);
  });

  test("another user's kit is a 404 and nothing is queued", async ({ api, users, brandKits }) => {
    const [owner, other] = [await users.create(), await users.create()];
    const kit = await brandKits.create(owner);
    const response = await api.post(
      '/api/v1/generate',
      { template_id: 'headline', asset_type: 'social_post', fields: { title: 'Not mine' }, brand_kit_id: kit.id },
      bearer(other),
    );
    expect(response).toHaveStatus(404);
    expect(response.data.error.code).toBe('brand_kit_not_found');
    expect((await api.get('/api/v1/jobs', bearer(other))).data.total).toBe(0);
    expect((await api.get('/api/v1/usage', bearer(other))).data.used).toBe(0);
  });

  test('a job that keeps failing is retried per the policy, then failed with the reason', async ({
    api,
    db,
    storage,
    user,
    brandKits,
    generation,
  }) => {
    const kit = await brandKits.create(user);
    expect(
      await api.post(`${BRAND_KITS_PATH}/${kit.id}/logos`, logoForm('primary', solidPng(32, 32, LOGO)), bearer(user)),
    ).toHaveStatus(201);
    // The stored logo goes bad behind the API's back (its upload checks refuse such a file).
    const { rows } = await db.query('select storage_path from logos where brand_kit_id = $1', [kit.id]);
    const { error } = await storage
      .from('logos')
      .update(rows[0].storage_path, Buffer.from('not an image at all'), { contentType: 'image/png' });
    expect(error).toBeNull();

    const created = await generation.create(user, {
      template_id: 'headline',
      asset_type: 'twitch_panel',
      fields: { title: 'Doomed' },
      brand_kit_id: kit.id,
    });
    const { job, statuses } = await generation.waitFor(user, created.id, { timeoutMs: 20_000 });
    expect(job.status, `statuses seen: ${statuses.join(' → ')}`).toBe('failed');
    expect(job.attempts, 'three attempts in all').toBe(3);
    expect(job.error).toMatch(/logo/);
    expect(await generation.assets(user, job.id)).toEqual([]);
  });
});
