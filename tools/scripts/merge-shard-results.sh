#!/usr/bin/env bash
# CI's report job: every shard's downloaded `dist/e2e` (one folder per shard under <shards>)
# becomes `<results>/<phase>/shard-<i>/…`, where the report merges a phase's parts into one
# (tools/e2e-plugin/src/executors/report/read-results.ts). The shards' own report files are left out.
# Attachment paths (workspace-relative, dist/e2e/<phase>/…) follow their files into shard-<i>/.
#
#   tools/scripts/merge-shard-results.sh dist/e2e-shards dist/e2e
set -euo pipefail
shards="${1:?usage: merge-shard-results.sh <shards-dir> <results-dir>}"
results="${2:?usage: merge-shard-results.sh <shards-dir> <results-dir>}"
mkdir -p "$results"
found=0
for shard_dir in "$shards"/*/; do
  shard="shard-$(basename "$shard_dir" | sed 's/^e2e-shard-//')"
  for phase_dir in "$shard_dir"*/; do
    [ -d "$phase_dir" ] || continue
    phase="$(basename "$phase_dir")"
    mkdir -p "$results/$phase/$shard"
    cp -R "$phase_dir". "$results/$phase/$shard/"
    # Screenshots and traces moved one folder down with the results: point the results at them.
    if [ -f "$results/$phase/$shard/results.json" ]; then
      node -e '
        const fs = require("node:fs");
        const [file, from, to] = process.argv.slice(1);
        const result = JSON.parse(fs.readFileSync(file, "utf8"));
        for (const test of result.tests ?? [])
          for (const a of test.attachments ?? []) if (a.path.startsWith(from)) a.path = to + a.path.slice(from.length);
        fs.writeFileSync(file, JSON.stringify(result));
      ' "$results/$phase/$shard/results.json" "dist/e2e/$phase/" "dist/e2e/$phase/$shard/"
    fi
    found=$((found + 1))
  done
done
echo "merge-shard-results: $found phase folders from $(find "$shards" -mindepth 1 -maxdepth 1 -type d | wc -l) shards under $results"
