// Runner-free API: the result contract, the report (aggregate, renderers, coverage) and the
// runner policy. The reporters are imported by their own subpaths
// (`@streamkit/e2e-report/vitest-reporter`, `…/playwright-reporter`) so this entry never loads
// a test runner.
export * from './contract/index.ts';
export * from './policy/policy.ts';
export { listOperations, type ApiOperation as DocumentOperation } from './report/openapi.ts';
export { endpointCoverage, pageCoverage, coveragePercent } from './report/coverage.ts';
export { aggregate, type AggregateOptions, type PhaseNode } from './report/aggregate.ts';
export { formatDuration, textTable } from './report/format.ts';
export { renderConsole } from './report/render/console.ts';
export { renderJunit } from './report/render/junit.ts';
export { renderHtml, type HtmlOptions } from './report/render/html.ts';
export { renderSlack, type SlackMessage, type SlackOptions } from './report/render/slack.ts';
export { postToSlack, redactWebhook, type PostResult } from './report/post-slack.ts';
export { mergePhaseParts } from './report/merge-parts.ts';
export {
  releaseSuggestions,
  type QuarantineInput,
  type ReleaseSuggestion,
  type RunOutcome,
} from './report/quarantine.ts';
