// Runner-free API: what the report executor and renderers need. Reporters are imported by their
// own subpath (`@streamkit/e2e-report/vitest-reporter`) so this entry never loads a test runner.
export * from './schema.ts';
export * from './run-report.ts';
export * from './policy.ts';
export * from './recorded-requests.ts';
export { listOperations, type ApiOperation } from './openapi.ts';
export { endpointCoverage, pageCoverage, coveragePercent, type CoverageSummary } from './coverage.ts';
export { aggregate, type AggregateOptions, type PhaseNode } from './aggregate.ts';
export { renderConsole, formatDuration } from './render-console.ts';
export { renderJunit } from './render-junit.ts';
export { renderHtml, type HtmlOptions } from './render-html.ts';
export { renderSlack, type SlackMessage, type SlackOptions } from './render-slack.ts';
