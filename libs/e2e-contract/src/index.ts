export * from './nested-run.ts';
export * from './poll.ts';
export * from './result-paths.ts';
export * from './run-id.ts';
export * from './stack-file.ts';
export * from './target.ts';
export * from './workspace-root.ts';
