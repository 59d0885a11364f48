import { relative } from 'node:path';
import { formatProblem, lintWorkflow, workflowFiles } from './actionlint.ts';
import { WORKSPACE } from './workspace.ts';

// `nx run delivery:lint-workflows`: actionlint over every workflow, problems as actionlint prints them.
let problems = 0;
for (const file of workflowFiles()) {
  const found = await lintWorkflow(file);
  problems += found.length;
  for (const problem of found) console.error(formatProblem(problem));
  if (found.length === 0) console.log(`actionlint: ${relative(WORKSPACE, file)} is clean`);
}
process.exitCode = problems > 0 ? 1 : 0;
