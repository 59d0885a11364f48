// The result contract: what the reporters write and the report reads, and how fixtures hand
// per-test coverage data to the reporters. Pure data and zod; no runner, no file system.
export * from './agents.ts';
export * from './phase-result.ts';
export * from './run-report.ts';
export * from './coverage-data.ts';
export * from './quarantine.ts';
export { InvalidResultFileError, schemaProblems } from './read.ts';
