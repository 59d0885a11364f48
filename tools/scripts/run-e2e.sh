#!/usr/bin/env bash
# The one entry for humans and CI: runs Nx targets (the `e2e` phases; `lint`, `typecheck` and
# `test` when asked), then the report. The report runs even when phases failed; the exit code is the run's verdict.
#
#   tools/scripts/run-e2e.sh e2e                           # the e2e suite on the local stack
#   tools/scripts/run-e2e.sh lint typecheck test e2e       # npm test: lint, types, unit tests, e2e
#   tools/scripts/run-e2e.sh e2e --projects=e2e-health     # Nx arguments pass through
#   tools/scripts/run-e2e.sh e2e affected --base=origin/main
#
# Where it runs comes from E2E_TARGET:
#   local (default)  the stack Nx boots (`stack:serve`)
#   external         a deployment named by the E2E_* variables (README); the cache is skipped
#   compose          docker-compose.test.yml: builds the images, runs the `e2e-runner` service
#                    with these arguments against the other services, copies its results to
#                    dist/e2e (needs Docker; E2E_COMPOSE_ENV_FILE picks the secrets file)
# E2E_RESULTS_DIR moves the results and the report out of dist/e2e (a run beside another run).
# E2E_SHARD=i/N runs shard i of N (CI's matrix, README "CI"): `--shard=i/N` goes through Nx to
# every phase's runner (Vitest and Playwright split by their own rules); e2e-health is left out
# of the selection, so it runs whole, as the dependency that gates every other phase. A selection
# of e2e-health alone is not split: it runs whole.
# The target `e2e-ci` runs the selected phases split per file: every `e2e-ci--tests/<file>`
# target they have (tools/e2e-plugin/src/plugins/e2e-ci.ts), named one by one, which Nx runs
# without Nx Cloud (the phases' `e2e-ci` groups themselves need it); the report merges the files.
set -uo pipefail
cd "$(dirname "$0")/../.."
# Nx's plugins stay isolated in their worker processes (Nx's default), although in-process plugins
# cost a third of the CPU on a no-change rerun: with NX_ISOLATE_PLUGINS=false the first run after an
# edit stored its results under a hash the next run did not compute again, so the rerun missed the
# cache (tools/stack/src/rerun.spec.ts caught it).
# Nx's daemon keeps the project graph between runs (2-4 s of plugin work each time otherwise): it is
# Nx's default on a workstation, and this turns it on in a container too. CI (and any caller) can
# say NX_DAEMON=false: a daemon outlives the run by design. The local binary, not npx: 0.3 s a call.
nx=node_modules/.bin/nx
for bin in "$nx" node_modules/.bin/e2e-report; do
  [ -x "$bin" ] || { echo "run-e2e: $bin is missing: run \`npm ci\` (the workspace's dependencies changed)"; exit 2; }
done
[ -n "${CI:-}" ] || export NX_DAEMON="${NX_DAEMON:-true}"

# Leading words are targets (`affected` switches to `nx affected`); the rest goes to Nx as is.
targets=()
mode=run-many
nx_args=()
for arg in "$@"; do
  if [ ${#nx_args[@]} -eq 0 ] && [[ "$arg" != -* ]]; then
    if [ "$arg" = affected ]; then mode=affected; else targets+=("$arg"); fi
  else
    nx_args+=("$arg")
  fi
done
[ ${#targets[@]} -eq 0 ] && targets=(e2e)

# What these arguments select, from Nx's task graph (written without running anything): the
# phases on the first line, the per-file targets among them on the second.
select_tasks() {
  local graph
  graph=$(mktemp --suffix=.json)
  "$nx" "$mode" -t "$1" "${nx_args[@]}" --graph="$graph" >/dev/null || { rm -f "$graph"; return 1; }
  node -e '
    const tasks = Object.values(require(process.argv[1]).tasks.tasks).map((t) => t.target);
    const perFile = (t) => t.target.startsWith("e2e-ci--tests/");
    const unique = (xs) => [...new Set(xs)].join(",");
    console.log(unique(tasks.filter((t) => t.target === "e2e" || perFile(t)).map((t) => t.project)));
    console.log(unique(tasks.filter(perFile).map((t) => t.target)));
  ' "$graph"
  rm -f "$graph"
}

if [[ " ${targets[*]} " == *" e2e-ci "* ]]; then
  [ -z "${E2E_SHARD:-}" ] || { echo "run-e2e: E2E_SHARD splits whole phases (e2e); with e2e-ci every file is its own task already"; exit 2; }
  selection=$(select_tasks e2e-ci) || exit 1
  phases=$(sed -n 1p <<<"$selection")
  file_targets=$(sed -n 2p <<<"$selection")
  kept=()
  for t in "${targets[@]}"; do [ "$t" = e2e-ci ] || kept+=("$t"); done
  [ -n "$file_targets" ] && kept+=("$file_targets")
  targets=("${kept[@]}")
elif [ -n "${E2E_SHARD:-}" ]; then
  [[ "$E2E_SHARD" =~ ^[1-9][0-9]*/[1-9][0-9]*$ ]] || { echo "run-e2e: E2E_SHARD must be i/N, got '$E2E_SHARD'"; exit 2; }
  # The reporters name the agent that ran each file; the report lists them after the merge.
  export E2E_AGENT="${E2E_AGENT:-shard-${E2E_SHARD%%/*}}"
  selection=$(select_tasks e2e) || exit 1
  phases=$(sed -n 1p <<<"$selection")
  if [ "$phases" = e2e-health ]; then
    # Leaving health out would leave nothing: every shard runs it whole, as it would anyway.
    echo "run-e2e: only e2e-health is selected; every shard runs it whole"
  else
    # Nx hands these to the phases it selected, not to e2e-health pulled in as their dependency.
    # A shard may get no test of a small phase (e2e-fuzz-api has one file), which is no failure.
    nx_args+=(--exclude=e2e-health --shard="$E2E_SHARD" --pass-with-no-tests)
  fi
fi
# Lint, typecheck and unit tests (`npm test`) run first, in an Nx run of their own: some unit tests
# boot whole stacks or run Nx on this workspace, and the phases must share neither the cores nor
# the web app's build with them (a cache restore of web:build under a running phase served 404s).
checks=()
phase_targets=()
for t in "${targets[@]}"; do
  if [[ "$t" == e2e || "$t" == e2e-ci--* ]]; then phase_targets+=("$t"); else checks+=("$t"); fi
done
checks_status=0
if [ ${#checks[@]} -gt 0 ] && [ ${#phase_targets[@]} -gt 0 ] && [ "${E2E_TARGET:-local}" != compose ]; then
  "$nx" "$mode" --targets="$(IFS=,; echo "${checks[*]}")" --outputStyle=static "${nx_args[@]}"
  checks_status=$?
  targets=("${phase_targets[@]}")
fi
target_list=$(IFS=,; echo "${targets[*]}")
run_id="${E2E_RUN_ID:-e2e$(date +%s)}"
results_dir="${E2E_RESULTS_DIR:-dist/e2e}"

if [ "${E2E_TARGET:-local}" = compose ]; then
  env_file="${E2E_COMPOSE_ENV_FILE:-docker/test.env}"
  compose=(docker compose -f docker-compose.test.yml --env-file "$env_file" -p "streamkit-e2e-$run_id")
  runner="streamkit-e2e-runner-$run_id"
  trap '"${compose[@]}" down --volumes --remove-orphans >/dev/null 2>&1; docker rm -f "$runner" >/dev/null 2>&1' EXIT
  "${compose[@]}" build || exit 1
  # `run` starts every service the runner depends on and waits until each is healthy.
  "${compose[@]}" run --name "$runner" -e E2E_RUN_ID="$run_id" e2e-runner "$@"
  status=$?
  rm -rf "$results_dir" && mkdir -p "$results_dir"
  docker cp "$runner:/results/." "$results_dir/" || echo "run-e2e: could not copy the runner's results from /results"
  exit "$status"
fi

nx_flags=(--targets="$target_list" --outputStyle=static)
# Results of a deployed target must not come from a cache keyed on local files, and results
# written outside dist/e2e are not where Nx would restore a cache hit.
if [ "${E2E_TARGET:-local}" = external ] || [ -n "${E2E_RESULTS_DIR:-}" ]; then nx_flags+=(--skip-nx-cache); fi

report_flags=()
if [ -n "${E2E_RESULTS_DIR:-}" ]; then
  report_flags+=(--resultsDir="$results_dir" --outputFile="$results_dir/report.json" --junitFile="$results_dir/junit.xml" --htmlFile="$results_dir/report.html")
fi
if [ -n "${phases+set}" ]; then
  [ -n "$phases" ] && report_flags+=(--phases="$phases")
elif [ "$mode" = run-many ] && [ ${#nx_args[@]} -eq 1 ] && [[ "${nx_args[0]}" =~ ^--projects=e2e-[a-z0-9-]+(,e2e-[a-z0-9-]+)*$ ]]; then
  # Phases named outright: the report adds the phases they wait for itself.
  phases="${nx_args[0]#--projects=}"
  report_flags+=(--phases="$phases")
elif [ "$mode" = affected ] || [ ${#nx_args[@]} -gt 0 ]; then
  # The report covers what this run selected, not every phase of the workspace: Nx says which
  # (its task graph for exactly these arguments, written without running anything).
  selection=$(select_tasks e2e) || exit 1
  phases=$(sed -n 1p <<<"$selection")
  [ -n "$phases" ] && report_flags+=(--phases="$phases")
fi

# Phases that do not run this time must not be reported from an earlier run's files; a cache hit
# restores its phase's results. Only the contents go: the folder may be a mounted volume.
mkdir -p "$results_dir" && find "$results_dir" -mindepth 1 -delete
# The run id reaches the phases and the report (test data names, results restored from the cache)
# through E2E_RUN_ID when the caller set it, else through .e2e/run-id for as long as this run lasts:
# a new value in Nx's environment every run would make its daemon compute the graph again. The
# file names this script's pid too: a file left by a killed run names a run no longer alive.
if [ -n "${E2E_RUN_ID:-}" ]; then
  export E2E_RUN_ID
else
  mkdir -p .e2e && echo "$run_id $$" >.e2e/run-id
  trap '[ "$(cat .e2e/run-id 2>/dev/null)" = "$run_id $$" ] && rm -f .e2e/run-id' EXIT
fi
if [ -z "$target_list" ]; then
  run_status=0 # e2e-ci alone, and no phase selected: nothing to run
elif [ "$mode" = affected ]; then
  "$nx" affected "${nx_flags[@]}" "${nx_args[@]}"
  run_status=$?
else
  "$nx" run-many "${nx_flags[@]}" "${nx_args[@]}"
  run_status=$?
fi
if [ -n "${phases+set}" ] && [ -z "$phases" ]; then
  echo "run-e2e: no e2e phase selected by: $mode ${nx_args[*]}"
  echo "e2e: 0 passed, 0 failed, 0 skipped"
  [ "$checks_status" -eq 0 ] && exit "$run_status"
  exit "$checks_status"
fi
# The report target's executor without a second Nx process (a second of CPU on a no-change rerun):
# it reads the project graph the run above cached. `nx run e2e-report:report` is the same report.
report_log=$(mktemp)
node_modules/.bin/e2e-report "${report_flags[@]+"${report_flags[@]}"}" | tee "$report_log"
report_status=${PIPESTATUS[0]}

# A warning (Slack unreachable) may follow the report; CI reads the summary as the very last line.
grep -E '^e2e: [0-9]+ passed' "$report_log" | tail -n 1
rm -f "$report_log"
[ "$checks_status" -eq 0 ] && [ "$run_status" -eq 0 ] && [ "$report_status" -eq 0 ]
