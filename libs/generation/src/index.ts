export * from './asset-types.ts';
export * from './queue.ts';
export * from './templates.ts';
export * from './twitch.ts';
