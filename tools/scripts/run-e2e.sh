#!/usr/bin/env bash
# Runs Nx targets across the workspace (`e2e` phases; `lint`, `typecheck`, `test` when asked), then the report.
# The report runs even when phases failed; the exit code is the run's verdict.
#   tools/scripts/run-e2e.sh e2e         # the e2e suite
#   tools/scripts/run-e2e.sh lint typecheck test e2e   # npm test: lint, types, unit tests, the e2e suite
set -uo pipefail
cd "$(dirname "$0")/../.."

targets=$(IFS=,; echo "${*:-e2e}")
export E2E_RUN_ID="${E2E_RUN_ID:-e2e$(date +%s)}"
nx_args=(--targets="$targets" --outputStyle=static)
# Results of a deployed target must not come from a cache keyed on local files.
[ "${E2E_TARGET:-local}" = external ] && nx_args+=(--skip-nx-cache)

# Phases that do not run this time must not be reported from an earlier run's files; a cache hit
# restores its phase's results.
rm -rf dist/e2e
npx nx run-many "${nx_args[@]}"
run_status=$?
report_log=$(mktemp)
npx nx run e2e-report:report --outputStyle=static | tee "$report_log"
report_status=${PIPESTATUS[0]}

# Nx prints its own footer after the report; CI reads the summary as the very last line.
grep -E '^e2e: [0-9]+ passed' "$report_log" | tail -n 1
rm -f "$report_log"
[ "$run_status" -eq 0 ] && [ "$report_status" -eq 0 ]
