// `@streamkit/e2e-report/vitest-reporter`: the two reporters a Vitest phase runs with.
export { PhaseResultsReporter, type PhaseResultsReporterOptions } from './results-reporter.ts';
export { HardTimeoutReporter, type HardTimeoutReporterOptions } from './hard-timeout-reporter.ts';
