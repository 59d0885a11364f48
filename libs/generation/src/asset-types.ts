/**
 * Every kind of asset the product makes, and the exact pixel sizes each one comes in. The worker
 * renders at these sizes; the API validates requests against them. The e2e tests keep their own
 * copy of the Twitch sizes (from Twitch's published specs), so a wrong number here is caught.
 */
export interface OutputSize {
  /** Names the output within its asset (and the stored file): `112x112`. */
  name: string;
  width: number;
  height: number;
}

export interface AssetTypeSpec {
  id: string;
  label: string;
  /** What the asset is for, shown beside it. */
  description: string;
  platform: 'twitch' | 'youtube' | 'social';
  /** The sizes one generation of this type produces, largest first. */
  sizes: OutputSize[];
  /** The platform's upload limit, when it has one. */
  maxFileKb?: number;
}

const size = (width: number, height = width): OutputSize => ({ name: `${width}x${height}`, width, height });

export const ASSET_TYPES = [
  {
    id: 'twitch_emote',
    label: 'Twitch emote',
    description: 'Chat emote; Twitch shows it at 28, 56 and 112 px.',
    platform: 'twitch',
    sizes: [size(112), size(56), size(28)],
    maxFileKb: 25,
  },
  {
    id: 'twitch_badge',
    label: 'Twitch subscriber badge',
    description: 'Subscriber or bits badge; Twitch shows it at 18, 36 and 72 px.',
    platform: 'twitch',
    sizes: [size(72), size(36), size(18)],
    maxFileKb: 25,
  },
  {
    id: 'twitch_panel',
    label: 'Twitch panel',
    description: 'A panel header under the stream.',
    platform: 'twitch',
    sizes: [size(320, 160)],
    maxFileKb: 2900,
  },
  {
    id: 'twitch_offline_banner',
    label: 'Twitch offline banner',
    description: 'Shown in the player while the channel is offline.',
    platform: 'twitch',
    sizes: [size(1920, 1080)],
    maxFileKb: 10240,
  },
  {
    id: 'twitch_profile_banner',
    label: 'Twitch profile banner',
    description: 'The banner across the top of the channel page.',
    platform: 'twitch',
    sizes: [size(1200, 480)],
    maxFileKb: 10240,
  },
  {
    id: 'twitch_overlay',
    label: 'Stream overlay',
    description: 'A full-frame overlay for the broadcast software.',
    platform: 'twitch',
    sizes: [size(1920, 1080)],
  },
  {
    id: 'youtube_thumbnail',
    label: 'YouTube thumbnail',
    description: 'Video thumbnail (16:9).',
    platform: 'youtube',
    sizes: [size(1280, 720)],
    maxFileKb: 2048,
  },
  {
    id: 'social_post',
    label: 'Social post',
    description: 'A square post for most social networks.',
    platform: 'social',
    sizes: [size(1080)],
  },
] as const satisfies readonly AssetTypeSpec[];

export type AssetTypeId = (typeof ASSET_TYPES)[number]['id'];
export const ASSET_TYPE_IDS = ASSET_TYPES.map((type) => type.id) as [AssetTypeId, ...AssetTypeId[]];

export function assetType(id: string): AssetTypeSpec | undefined {
  return ASSET_TYPES.find((type) => type.id === id);
}
