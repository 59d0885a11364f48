import { assetType, type AssetTypeId, type OutputSize } from './asset-types.ts';

/** A named set of Twitch assets made in one job: every size of every type in it. */
export interface TwitchPack {
  id: string;
  name: string;
  description: string;
  template: 'headline' | 'monogram';
  assetTypes: readonly AssetTypeId[];
}

export const TWITCH_PACKS = [
  {
    id: 'emotes',
    name: 'Emote pack',
    description: 'One emote at every size Twitch asks for.',
    template: 'monogram',
    assetTypes: ['twitch_emote'],
  },
  {
    id: 'badges',
    name: 'Badge pack',
    description: 'One subscriber badge at every size Twitch asks for.',
    template: 'monogram',
    assetTypes: ['twitch_badge'],
  },
  {
    id: 'chat',
    name: 'Chat pack',
    description: 'An emote and a badge, every size of both.',
    template: 'monogram',
    assetTypes: ['twitch_emote', 'twitch_badge'],
  },
  {
    id: 'channel',
    name: 'Channel pack',
    description: 'Profile banner, offline banner and a panel header.',
    template: 'headline',
    assetTypes: ['twitch_profile_banner', 'twitch_offline_banner', 'twitch_panel'],
  },
] as const satisfies readonly TwitchPack[];

export type TwitchPackId = (typeof TWITCH_PACKS)[number]['id'];
export const TWITCH_PACK_IDS = TWITCH_PACKS.map((pack) => pack.id) as [TwitchPackId, ...TwitchPackId[]];

/** One image a job makes: which asset type it belongs to, at which size. */
export interface JobOutput extends OutputSize {
  assetType: AssetTypeId;
}

/** Every output of the given asset types, in order. */
export function outputsOf(assetTypes: readonly AssetTypeId[]): JobOutput[] {
  return assetTypes.flatMap((id) => assetType(id)!.sizes.map((size) => ({ ...size, assetType: id })));
}
