#!/usr/bin/env bash
# The test command: installs what the tests need (idempotent), starts a throwaway PostgreSQL,
# runs the whole suite (unit, integration over HTTP, PostgreSQL, browser) and ends with "N passed, N failed".
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

bash scripts/install-test-deps.sh
source scripts/pg-start.sh
trap pg_stop EXIT
export PORTAL_FULL_SUITE=1   # tests needing PostgreSQL, Chromium or the HTML checker fail, rather than skip, if one is missing

results="$root/out/test-results"
rm -rf "$results"
status=0
dotnet test Portal.sln -c Release --logger "trx;LogFileName=results.trx" --results-directory "$results" "$@" || status=$?

trx="$results/results.trx"
if [ -f "$trx" ]; then
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  passed=$(get passed); failed=$(get failed); total=$(get total); executed=$(get executed)
  echo "$passed passed, $failed failed, $((total - executed)) skipped"
else
  echo "0 passed, 1 failed"
  [ $status -ne 0 ] || status=1
fi
exit $status
