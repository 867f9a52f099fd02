#!/usr/bin/env bash
# The test command: installs what the tests need (idempotent), starts a throwaway PostgreSQL, runs the whole suite
# (unit, integration over HTTP, browser) on SQLite, then every database-touching test again on PostgreSQL (each app on
# a fresh database of its own), and ends with ONE line summing both passes: "N passed, N failed, N skipped".
# Extra arguments go to both `dotnet test` runs; a --filter is combined with the PostgreSQL pass's own filter.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

bash scripts/install-test-deps.sh
source scripts/pg-start.sh
trap pg_stop EXIT
export PORTAL_FULL_SUITE=1   # tests needing PostgreSQL, Chromium or the HTML checker fail, rather than skip, if one is missing

# Every test class carries [Trait("Database", "EveryProvider"|"None"|"SqliteOnly"|"PostgreSqlOnly")]
# (tests/Portal.Tests/Support/TestDatabase.cs): the SQLite pass runs all but the PostgreSQL-only ones, the PostgreSQL
# pass the database-touching ones.
sqlite_filter='Database!=PostgreSqlOnly'
pg_filter='Database=EveryProvider|Database=PostgreSqlOnly'
user_filter=""; args=(); no_build=""
while [ $# -gt 0 ]; do
  case "$1" in
    --filter) user_filter="$2"; shift 2 ;;
    --filter=*) user_filter="${1#--filter=}"; shift ;;
    --no-build) no_build=1; args+=("$1"); shift ;;
    *) args+=("$1"); shift ;;
  esac
done
sqlite_args=("${args[@]}"); pg_args=("${args[@]}")
sqlite_args+=(--filter "${user_filter:+($user_filter)&}($sqlite_filter)")
pg_args+=(--filter "${user_filter:+($user_filter)&}($pg_filter)")
[ -n "$no_build" ] || pg_args+=(--no-build)   # the SQLite pass just built it

results="$root/out/test-results"
rm -rf "$results"
status=0
total_passed=0; total_failed=0; total_skipped=0

# run PROVIDER ARGS...: one pass with its own trx; prints and adds its counters.
run() {
  local provider=$1; shift
  local trx="$results/$provider.trx" rc=0
  echo "== $provider pass"
  PORTAL_TEST_PROVIDER=$provider dotnet test Portal.sln -c Release \
    --logger "trx;LogFileName=$provider.trx" --results-directory "$results" "$@" || rc=$?
  if [ -f "$trx" ]; then
    local counters passed failed total executed
    counters=$(grep -o '<Counters [^>]*>' "$trx")
    get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
    passed=$(get passed); failed=$(get failed); total=$(get total); executed=$(get executed)
    echo "$provider: $passed passed, $failed failed, $((total - executed)) skipped"
    total_passed=$((total_passed + passed)); total_failed=$((total_failed + failed)); total_skipped=$((total_skipped + total - executed))
    [ "$failed" -eq 0 ] || [ $rc -ne 0 ] || rc=1
  elif [ $rc -eq 0 ]; then
    echo "$provider: no test matched"   # e.g. a --filter that selects only provider-independent tests
  else
    echo "$provider: no results"
    total_failed=$((total_failed + 1))
  fi
  [ $rc -eq 0 ] || status=$rc
}

run Sqlite "${sqlite_args[@]}"
run PostgreSql "${pg_args[@]}"

echo "$total_passed passed, $total_failed failed, $total_skipped skipped"
exit $status
