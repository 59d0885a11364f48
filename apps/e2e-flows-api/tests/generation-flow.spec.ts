import { describe, expect, test } from '@streamkit/e2e-fixtures/vitest';
import { imageInfo } from './support/png.ts';
import { movesForward } from './support/jobs.ts';

const API = '/api/v1';
const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

describe('generation flow', () => {
  test('create → poll → assets: the job moves queued → processing → completed and its PNG is real', async ({
    api,
    db,
    storage,
    user,
    generation,
  }) => {
    const created = await generation.create(user, {
      template_id: 'headline',
      asset_type: 'youtube_thumbnail',
      fields: { title: 'Flow test', subtitle: 'made by the worker' },
    });
    expect(created).toMatchObject({ status: 'queued', progress: 0, attempts: 0, template_id: 'headline', error: null });

    const { job, statuses, progress } = await generation.waitFor(user, created.id);
    expect(job, `the job ended ${job.status}: ${job.error}`).toMatchObject({
      status: 'completed',
      progress: 100,
      attempts: 1,
      error: null,
    });
    const seen = ['queued' as const, ...statuses];
    expect(movesForward(seen), `statuses seen in order: ${seen.join(' → ')}`).toBe(true);
    expect(progress, 'progress never goes back').toEqual([...progress].sort((a, b) => a - b));
    // Polling can miss a short state; the timestamps cannot: created, then started, then finished.
    const [createdAt, startedAt, finishedAt] = [job.created_at, job.started_at, job.finished_at].map((t) =>
      Date.parse(t as string),
    );
    expect(startedAt).toBeGreaterThanOrEqual(createdAt!);
    expect(finishedAt).toBeGreaterThanOrEqual(startedAt!);

    const assets = await generation.assets(user, job.id);
    expect(assets).toHaveLength(1);
    const [asset] = assets;
    expect(asset).toMatchObject({
      job_id: job.id,
      asset_type: 'youtube_thumbnail',
      width: 1280,
      height: 720,
      mime_type: 'image/png',
      is_public: false,
    });

    const served = await generation.download(user, asset!.id);
    const own = await api.get(`${API}/assets/${asset!.id}`, {
      ...bearer(user.accessToken),
      responseType: 'arraybuffer',
    });
    expect(own).toHaveStatus(200);
    expect(own.headers['cache-control'], 'the owner’s copy must not be kept by shared caches').toMatch(/^private\b/);
    expect(await imageInfo(served)).toEqual({ format: 'png', width: 1280, height: 720 });
    expect(served.length).toBe(asset!.size_bytes);

    // The object in storage, found through the database rather than the API, holds the same bytes.
    const { rows } = await db.query('select bucket, path from assets where id = $1', [asset!.id]);
    const { data, error } = await storage.from(rows[0].bucket).download(rows[0].path);
    expect(error).toBeNull();
    expect(Buffer.from(await data!.arrayBuffer()).equals(served)).toBe(true);

    const listed = await api.get(`${API}/jobs`, { ...bearer(user.accessToken), params: { status: 'completed' } });
    expect(listed).toHaveStatus(200);
    expect(listed.data).toMatchObject({ total: 1, items: [{ id: job.id, status: 'completed' }] });
    const none = await api.get(`${API}/jobs`, { ...bearer(user.accessToken), params: { status: 'failed' } });
    expect(none.data).toMatchObject({ total: 0, items: [] });
  });

  test('share, open signed out, unshare, delete: the object goes with the asset', async ({
    api,
    db,
    storage,
    user,
    generation,
  }) => {
    const created = await generation.create(user, {
      template_id: 'monogram',
      asset_type: 'social_post',
      fields: { text: 'SK' },
    });
    const { job } = await generation.waitFor(user, created.id);
    expect(job.status).toBe('completed');
    const [asset] = await generation.assets(user, job.id);
    const served = await generation.download(user, asset!.id);

    const anonymous = () => api.get(`${API}/asset/${asset!.id}`, { responseType: 'arraybuffer' });
    expect(await anonymous(), 'private until shared').toHaveStatus(404);

    const shared = await api.put(
      `${API}/assets/${asset!.id}/visibility`,
      { is_public: true },
      bearer(user.accessToken),
    );
    expect(shared).toHaveStatus(200);
    expect(shared.data).toMatchObject({ is_public: true, public_url: `${API}/asset/${asset!.id}` });
    const open = await anonymous();
    expect(open).toHaveStatus(200);
    expect(open.headers['content-type']).toBe('image/png');
    expect(open.headers['cache-control']).toMatch(/^public, max-age=\d+$/);
    expect(Buffer.from(open.data).equals(served)).toBe(true);

    expect(
      await api.put(`${API}/assets/${asset!.id}/visibility`, { is_public: false }, bearer(user.accessToken)),
    ).toHaveStatus(200);
    expect(await anonymous(), 'private again').toHaveStatus(404);

    const { rows } = await db.query('select bucket, path from assets where id = $1', [asset!.id]);
    expect(await api.delete(`${API}/assets/${asset!.id}`, bearer(user.accessToken))).toHaveStatus(204);
    expect(await api.get(`${API}/assets/${asset!.id}`, bearer(user.accessToken))).toHaveStatus(404);
    const { data: left } = await storage.from(rows[0].bucket).list(rows[0].path.split('/').slice(0, -1).join('/'));
    expect(
      left?.map((file) => file.name),
      'the stored object is removed',
    ).not.toContain(rows[0].path.split('/').at(-1));
  });

  test("another user's job and asset are 404s", async ({ api, users, generation }) => {
    const [owner, other] = [await users.create(), await users.create()];
    const created = await generation.create(owner, {
      template_id: 'monogram',
      asset_type: 'twitch_badge',
      fields: { text: 'A' },
    });
    const { job } = await generation.waitFor(owner, created.id);
    const [asset] = await generation.assets(owner, job.id);
    for (const url of [`${API}/jobs/${job.id}`, `${API}/jobs/${job.id}/assets`, `${API}/assets/${asset!.id}`]) {
      expect(await api.get(url, bearer(other.accessToken)), url).toHaveStatus(404);
    }
    expect(
      await api.put(`${API}/assets/${asset!.id}/visibility`, { is_public: true }, bearer(other.accessToken)),
    ).toHaveStatus(404);
    expect(await api.delete(`${API}/assets/${asset!.id}`, bearer(other.accessToken))).toHaveStatus(404);
    expect((await api.get(`${API}/assets`, bearer(other.accessToken))).data.total).toBe(0);

    // Shared, it is anyone's to see through the public link, but still not in another user's library.
    expect(
      await api.put(`${API}/assets/${asset!.id}/visibility`, { is_public: true }, bearer(owner.accessToken)),
    ).toHaveStatus(200);
    expect(await api.get(`${API}/asset/${asset!.id}`), 'the public link').toHaveStatus(200);
    expect(await api.get(`${API}/assets/${asset!.id}`, bearer(other.accessToken)), 'a shared asset').toHaveStatus(404);
    expect((await api.get(`${API}/assets`, bearer(other.accessToken))).data.total, 'after sharing').toBe(0);
  });

  test('the asset library pages: limit and offset cut the list, total counts it whole', async ({
    api,
    user,
    generation,
  }) => {
    const created = await generation.create(user, {
      template_id: 'monogram',
      asset_type: 'twitch_badge',
      fields: { text: 'P' },
    });
    const { job } = await generation.waitFor(user, created.id);
    const assets = await generation.assets(user, job.id);
    expect(assets.length, 'a badge comes in several sizes').toBeGreaterThan(1);

    const pages = await Promise.all(
      assets.map((_, offset) =>
        api.get(`${API}/assets`, { ...bearer(user.accessToken), params: { limit: 1, offset } }),
      ),
    );
    for (const [offset, page] of pages.entries()) {
      expect(page).toHaveStatus(200);
      expect(page.data, `page at offset ${offset}`).toMatchObject({ total: assets.length, limit: 1, offset });
      expect(page.data.items, `page at offset ${offset}`).toHaveLength(1);
    }
    expect(new Set(pages.map((page) => page.data.items[0].id)), 'every asset on exactly one page').toEqual(
      new Set(assets.map((asset) => asset.id)),
    );
  });

  test('the monthly limit holds under parallel requests: the rest are refused, saying the limit and the reset, and nothing is queued', async ({
    api,
    db,
    user,
    generation,
  }) => {
    const usage = await api.get(`${API}/usage`, bearer(user.accessToken));
    expect(usage).toHaveStatus(200);
    const { limit, resets_at } = usage.data;
    // Two generations left: arranged in the database rather than by making limit − 2 real ones.
    await db.query('update users set usage_count = $2 where id = $1', [user.id, limit - 2]);

    const body = { template_id: 'monogram', asset_type: 'twitch_emote', fields: { text: 'X' } };
    const responses = await Promise.all(
      Array.from({ length: 6 }, () => api.post(`${API}/generate`, body, bearer(user.accessToken))),
    );
    const accepted = responses.filter((response) => response.status === 202);
    const refused = responses.filter((response) => response.status !== 202);
    expect(accepted, responses.map((r) => r.status).join(', ')).toHaveLength(2);
    for (const response of refused) {
      expect(response).toHaveStatus(429);
      expect(response.data.error).toMatchObject({
        code: 'usage_limit_reached',
        details: { limit, used: limit, resets_at },
      });
      expect(response.data.error.message).toContain(String(limit));
      expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
    }

    const jobs = await api.get(`${API}/jobs`, bearer(user.accessToken));
    expect(jobs.data.total, 'only the accepted requests made jobs').toBe(2);
    expect(jobs.data.items.map((j: { id: string }) => j.id).sort()).toEqual(accepted.map((r) => r.data.id).sort());
    expect((await api.get(`${API}/usage`, bearer(user.accessToken))).data).toMatchObject({ used: limit, limit });
    // Let them finish, so no image is stored after the clean-up ran.
    await Promise.all(accepted.map((response) => generation.waitFor(user, response.data.id)));
  });
});
