#!/usr/bin/env bash
# Publishing under load (issue #16, item 7): while wrk reads 240 country and safety pages of other countries
# (bench/publish-load.lua, 16 connections), an editor's script publishes one country's Dutch guide every second through
# the management API (bench/publish-load.py). A publish evicts only that country's pages and the lists, so the other
# pages should stay cached: the figures of a quiet run and a publishing run should match, and SQL commands per page
# request (2 per miss, 0 per hit) show the hit rate.
#
# On its own: bash bench/publish-load.sh   (publishes Release, generates and imports the corpus: a few minutes).
# Knobs: BENCH_COUNTRIES=1000, PUBLISH_COUNTRIES=20 (read under load), PUBLISH_DURATION=15 (s per measured run),
# BENCH_PUBLISHED=<scripts/publish.sh output>.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
work=$(mktemp -d /tmp/portal-publish-load.XXXXXX)
export TMPDIR="$work"
trap '[ -z "${APP_PID:-}" ] || app_stop; rm -rf "$work"' EXIT
duration=${PUBLISH_DURATION:-15}
pub=${BENCH_PUBLISHED:-}
if [ -z "$pub" ]; then
  pub="$work/publish"
  bash scripts/publish.sh "$pub" >"$work/publish.log" 2>&1 || { cat "$work/publish.log" >&2; exit 1; }
fi
python3 bench/gen-corpus.py content "$work/corpus" "${BENCH_COUNTRIES:-1000}" >/dev/null
db="$work/load.db"
source bench/app.sh
APP_DIR="$pub" APP_DB="$db" APP_ENV="Portal__Diagnostics__Enabled=true Portal__ContentPath=$work/corpus" app_start
echo "portal at $APP_URL (pid $APP_PID), importing ${BENCH_COUNTRIES:-1000} countries" >&2
for _ in $(seq 1 600); do [ "$(curl -s -o /dev/null -w '%{http_code}' "$APP_URL/health/ready")" = 200 ] && break; sleep 0.5; done
env_db=(Portal__Database__ConnectionString="Data Source=$db")
(cd "$pub" && env "${env_db[@]}" PORTAL_PASSWORD="bench passphrase long enough" dotnet Portal.dll users add publisher@example.org Editor) >/dev/null
token=$(cd "$pub" && env "${env_db[@]}" dotnet Portal.dll tokens add publisher@example.org "publish-load benchmark" | tail -1)
commands() { curl -s "$APP_URL/_diagnostics/db-commands"; }
load() { BENCH_ROOT="$root" wrk -t1 -c16 -d"${1}s" --latency -s bench/publish-load.lua "$APP_URL" | grep '^RESULT ' | sed 's/^RESULT //'; }

for path in /nl/countries/c0101 /ckb/countries/c0101/safety; do
  code=$(curl -s -o /dev/null -w '%{http_code}' "$APP_URL$path"); [ "$code" = 200 ] || { echo "$path answered $code" >&2; exit 1; }
done
for _ in $(seq 1 240); do grep -q 'Search index built' "$APP_LOG" && break; sleep 0.5; done # built beside the first requests
load 30 >/dev/null                                   # every page into the output cache, the JIT settled
before=$(commands); quiet=$(load "$duration"); quiet_cmds=$(( $(commands) - before ))
# One publish alone, to subtract what publishing itself reads (the publish and the search index it rebuilds).
before=$(commands); python3 bench/publish-load.py "$APP_URL" "$token" c0001 1 >/dev/null; sleep 5; per_publish=$(( $(commands) - before ))
load 5 >/dev/null                                    # back to a warm cache
before=$(commands)
python3 bench/publish-load.py "$APP_URL" "$token" c0001 "$duration" >"$work/publishes.txt" &
publisher=$!
busy=$(load "$duration")
wait "$publisher"
busy_cmds=$(( $(commands) - before ))
published=$(sed -n 's/^published=\([0-9]*\).*/\1/p' "$work/publishes.txt")

report() { # label RESULT-line commands publishes
  awk -v label="$1" -v cmds="$3" -v pubs="$4" -v per="$per_publish" '{ for (i = 1; i <= NF; i++) { split($i, kv, "="); f[kv[1]] = kv[2] }
    n = f["requests"]; page = cmds - pubs * per; if (page < 0) page = 0
    errors = f["connect"] + f["read"] + f["write"] + f["status"] + f["timeout"]
    printf "%-26s %7.0f req/s  p50 %6.2f ms  p99 %6.2f ms  errors %d  SQL/page request %.4f  hit rate ~%.2f%%\n",
      label, n / (f["duration_us"] / 1e6), f["p50_us"] / 1000, f["p99_us"] / 1000, errors, page / n, 100 * (1 - page / 2 / n) }' <<<"$2"
}
echo "other countries' pages, 16 connections, ${duration} s each; ${per_publish} SQL commands per publish (with its search rebuild):"
report "quiet" "$quiet" "$quiet_cmds" 0
report "publishing 1/s (${published:-0} done)" "$busy" "$busy_cmds" "${published:-0}"
