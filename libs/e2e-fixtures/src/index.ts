export * from './api-client.ts';
export * from './brand-kits.ts';
export * from './event-stream.ts';
export * from './images.ts';
export * from './mail.ts';
export * from './openapi.ts';
export * from './postgres.ts';
export * from './redis.ts';
export * from './storage.ts';
export * from './unique.ts';
export * from './users.ts';
export * from './generation.ts';
// The phases' vocabulary from the contract, so a spec needs one import for its helpers.
export {
  externalTarget,
  pollUntil,
  type PollOptions,
  resolveTarget,
  StackFailedError,
  type Target,
  TARGET_VARIABLES,
  TargetError,
} from '@streamkit/e2e-contract';
export * from './reachability.ts';
