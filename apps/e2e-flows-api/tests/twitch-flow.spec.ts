import { describe, expect, test } from '@streamkit/e2e-fixtures/vitest';
import { imageInfo } from './support/png.ts';

const API = '/api/v1';
const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

/** Twitch's published sizes, written down here independently of the API's catalogue. */
const TWITCH_SIZES: Record<string, [number, number][]> = {
  twitch_emote: [
    [112, 112],
    [56, 56],
    [28, 28],
  ],
  twitch_badge: [
    [72, 72],
    [36, 36],
    [18, 18],
  ],
  twitch_panel: [[320, 160]],
  twitch_offline_banner: [[1920, 1080]],
  twitch_profile_banner: [[1200, 480]],
  twitch_overlay: [[1920, 1080]],
};
const sizesOf = (items: { width: number; height: number }[]) => items.map(({ width, height }) => [width, height]);

describe('twitch flow', () => {
  test('the dimension specs are Twitch’s', async ({ api, user }) => {
    const response = await api.get(`${API}/twitch/dimensions`, bearer(user.accessToken));
    expect(response).toHaveStatus(200);
    const served = Object.fromEntries(
      response.data.asset_types.map((type: { id: string; sizes: { width: number; height: number }[] }) => [
        type.id,
        sizesOf(type.sizes),
      ]),
    );
    expect(served).toEqual(TWITCH_SIZES);
    expect(response.data.packs.map((pack: { id: string }) => pack.id)).toEqual(
      expect.arrayContaining(['emotes', 'badges', 'chat', 'channel']),
    );
  });

  test('a single emote at one of its sizes: one PNG of exactly that size', async ({ api, user, generation }) => {
    const created = await generation.create(
      user,
      { asset_type: 'twitch_emote', width: 56, height: 56, fields: { text: 'GG', shape: 'circle' } },
      `${API}/twitch/generate`,
    );
    expect(created.outputs).toEqual([{ asset_type: 'twitch_emote', name: '56x56', width: 56, height: 56 }]);
    const { job } = await generation.waitFor(user, created.id);
    expect(job, `the job ended ${job.status}: ${job.error}`).toMatchObject({ status: 'completed', progress: 100 });
    const assets = await generation.assets(user, job.id);
    expect(sizesOf(assets)).toEqual([[56, 56]]);
    expect(await imageInfo(await generation.download(user, assets[0]!.id))).toEqual({
      format: 'png',
      width: 56,
      height: 56,
    });

    const wrong = await api.post(
      `${API}/twitch/generate`,
      { asset_type: 'twitch_emote', width: 100, height: 100, fields: { text: 'GG' } },
      bearer(user.accessToken),
    );
    expect(wrong, 'a size Twitch does not take').toHaveStatus(422);
    expect(wrong.data.error.fields).toEqual([
      expect.objectContaining({ field: 'body.width', message: expect.stringContaining('112x112') }),
    ]);
  });

  test('a pack: every size of every asset type in it, each PNG exact', async ({ user, generation }) => {
    const created = await generation.create(
      user,
      { pack_id: 'chat', fields: { text: 'SK', shape: 'rounded' } },
      `${API}/twitch/packs`,
    );
    const { job } = await generation.waitFor(user, created.id);
    expect(job, `the job ended ${job.status}: ${job.error}`).toMatchObject({
      status: 'completed',
      asset_type: 'pack:chat',
    });

    const assets = await generation.assets(user, job.id);
    const byType = (type: string) => sizesOf(assets.filter((asset) => asset.asset_type === type));
    expect(byType('twitch_emote')).toEqual(TWITCH_SIZES.twitch_emote);
    expect(byType('twitch_badge')).toEqual(TWITCH_SIZES.twitch_badge);
    expect(assets).toHaveLength(6);
    for (const asset of assets) {
      const info = await imageInfo(await generation.download(user, asset.id));
      expect(info, `${asset.asset_type} ${asset.width}x${asset.height}`).toEqual({
        format: 'png',
        width: asset.width,
        height: asset.height,
      });
    }
  });

  test('game metadata by Twitch category id; an unknown id is a 404', async ({ api, user }) => {
    const found = await api.get(`${API}/twitch/game-meta/509658`, bearer(user.accessToken));
    expect(found).toHaveStatus(200);
    expect(found.data).toMatchObject({
      id: '509658',
      name: 'Just Chatting',
      box_art_url: expect.stringContaining('{width}x{height}'),
    });
    const unknown = await api.get(`${API}/twitch/game-meta/1`, bearer(user.accessToken));
    expect(unknown).toHaveStatus(404);
    expect(unknown.data.error.code).toBe('game_not_found');
  });
});
