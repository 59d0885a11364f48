#!/usr/bin/env bash
# CI, always after the suite: removes the test data a run left. With a deployment named by
# E2E_DATABASE_URL, or a local stack still up (.e2e/stack.json), cleanup-test-data deletes this
# run's rows and objects; an embedded stack that already stopped took its data with it.
set -uo pipefail
cd "$(dirname "$0")/../.."
if [ -n "${E2E_DATABASE_URL:-}" ] || [ -f .e2e/stack.json ]; then
  npx nx run scripts:cleanup-test-data --outputStyle=static ${E2E_RUN_ID:+-- --prefix "$E2E_RUN_ID"}
else
  echo "ci-cleanup: the embedded stack has stopped; its database and storage went with it"
fi
