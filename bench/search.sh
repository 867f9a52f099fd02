#!/usr/bin/env bash
# The search benchmark: p50/p99 and requests/s of /{lang}/search at 16 connections over a mix of searches in six
# languages (bench/search.lua), and the portal's peak RSS, with the generated corpus of 1,000 countries. Target: p99
# under 20 ms, peak RSS under 200 MB. Loopback only, one fixed-length wrk run.
#
# On its own: bash bench/search.sh   (publishes Release, generates the corpus, imports it into a fresh SQLite file:
#   a few minutes). Knobs: BENCH_COUNTRIES=1000, SEARCH_DURATION=10 (s), BENCH_PUBLISHED=<scripts/publish.sh output>.
# From bench/run.sh: sourced with the 1,000-country portal running; search_round URL PID records search|… figures.
search_round() { # url pid
  local url=$1 pid=$2 hwm0 line
  for _ in $(seq 1 600); do   # the index is built beside the first requests: wait until search answers
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$url/nl/search?q=irak")" = 200 ] && break
    sleep 0.5
  done
  hwm0=$(awk '$1 == "VmHWM:" { print $2 }' "/proc/$pid/status")
  BENCH_ROOT="$root" wrk -t1 -c16 -d"${SEARCH_DURATION:-10}s" --latency -s "$root/bench/search.lua" "$url" >"$SEARCH_WORK/search.wrk" 2>&1
  line=$(grep '^RESULT ' "$SEARCH_WORK/search.wrk" | sed 's/^RESULT //') || { cat "$SEARCH_WORK/search.wrk" >&2; return 1; }
  SEARCH_FIGURES="$line hwm_before_kb=$hwm0 hwm_kb=$(awk '$1 == "VmHWM:" { print $2 }' "/proc/$pid/status")"
  if declare -F put >/dev/null; then put "search|big" "$SEARCH_FIGURES"; fi
}

search_print() {
  awk '{ for (i = 1; i <= NF; i++) { split($i, kv, "="); f[kv[1]] = kv[2] }
         rps = f["requests"] / (f["duration_us"] / 1e6); p99 = f["p99_us"] / 1000; mb = f["hwm_kb"] / 1024
         errors = f["connect"] + f["read"] + f["write"] + f["status"] + f["timeout"]
         printf "search, 16 connections: %.0f req/s, p50 %.2f ms, p99 %.2f ms (target < 20: %s), errors %d\n", rps, f["p50_us"] / 1000, p99, p99 < 20 ? "PASS" : "FAIL", errors
         printf "peak RSS (VmHWM): %.0f MB before the search load, %.0f MB after (target < 200: %s)\n", f["hwm_before_kb"] / 1024, mb, mb < 200 ? "PASS" : "FAIL" }' <<<"$SEARCH_FIGURES"
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  set -euo pipefail
  root="$(cd "$(dirname "$0")/.." && pwd)"
  cd "$root"
  SEARCH_WORK=$(mktemp -d /tmp/portal-search.XXXXXX)
  export TMPDIR="$SEARCH_WORK"
  trap '[ -z "${APP_PID:-}" ] || app_stop; rm -rf "$SEARCH_WORK"' EXIT
  pub=${BENCH_PUBLISHED:-}
  if [ -z "$pub" ]; then
    pub="$SEARCH_WORK/publish"
    bash scripts/publish.sh "$pub" >"$SEARCH_WORK/publish.log" 2>&1 || { cat "$SEARCH_WORK/publish.log" >&2; exit 1; }
  fi
  python3 bench/gen-corpus.py content "$SEARCH_WORK/corpus" "${BENCH_COUNTRIES:-1000}" >/dev/null
  source bench/app.sh
  APP_DIR="$pub" APP_DB="$SEARCH_WORK/search.db" APP_ENV="Portal__ContentPath=$SEARCH_WORK/corpus" app_start
  echo "portal at $APP_URL (pid $APP_PID), importing ${BENCH_COUNTRIES:-1000} countries and building the search index" >&2
  search_round "$APP_URL" "$APP_PID"
  grep -h 'Search index built' "$APP_LOG" | tail -1 | sed 's/^ *//' >&2 || true
  search_print
else
  SEARCH_WORK=$work
fi
