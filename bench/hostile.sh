#!/usr/bin/env bash
# The hostile mix (issue #14): reader pages, API, feeds, random URLs that do not exist and a few malformed requests,
# for HOSTILE_DURATION (default 60) s (bench/hostile.lua), then the reader pages alone with Accept-Encoding: gzip for
# HOSTILE_GZIP_DURATION (default 15) s. Prints the portal's RSS before, peak during and after (10 s idle), and the 5xx
# count: targets peak < 200 MB and no 5xx. Runs on its own (publishes the portal and starts it on a fresh SQLite file)
# or inside bench/run.sh, which passes HOSTILE_PUBLISHED and HOSTILE_RESULTS (lines for bench/report.py).
#
# Usage: bash bench/hostile.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
DURATION=${HOSTILE_DURATION:-60}
GZIP_DURATION=${HOSTILE_GZIP_DURATION:-15}
CONNS=${HOSTILE_CONNS:-32}
work=$(mktemp -d /tmp/portal-hostile.XXXXXX)
APP_PID=""
cleanup() { [ -n "$APP_PID" ] && app_stop; rm -rf "$work"; }
trap cleanup EXIT
log() { printf '[hostile] %s\n' "$*" >&2; }
put() { [ -n "${HOSTILE_RESULTS:-}" ] && printf '%s\t%s\n' "$1" "$2" >>"$HOSTILE_RESULTS"; return 0; }
kb() { awk -v k="$1" '$1 == k":" { print $2 }' "/proc/$2/status"; }

APP_DIR=${HOSTILE_PUBLISHED:-}
if [ -z "$APP_DIR" ]; then
  APP_DIR="$work/publish"
  log "publishing the portal (Release) with scripts/publish.sh"
  bash scripts/publish.sh "$APP_DIR" >"$work/publish.log" 2>&1 || { cat "$work/publish.log" >&2; exit 1; }
fi
APP_DB="$work/portal.db"
source bench/app.sh
app_start
# Seeded and ready (the first start imports content/).
for _ in $(seq 1 600); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "$APP_URL/health/ready")" = 200 ] && break
  sleep 0.2
done
for p in /nl/countries/guinea /api/v1/nl/countries/guinea /nl/feed.atom; do curl -s -o /dev/null "$APP_URL$p"; done
sleep 2
before=$(kb VmRSS "$APP_PID")
log "RSS before: $((before / 1024)) MB; ${DURATION} s of the hostile mix at $CONNS connections"

wrk -t1 -c"$CONNS" -d"${DURATION}s" -s bench/hostile.lua "$APP_URL" >"$work/mix.out" 2>&1
grep RESULT "$work/mix.out" >&2 || { cat "$work/mix.out" >&2; exit 1; }
mix_5xx=$(grep -oP 'fivexx=\K[0-9]+' "$work/mix.out")
mix_requests=$(grep -oP 'RESULT requests=\K[0-9]+' "$work/mix.out")

gzip_5xx=0
for p in /nl/countries/guinea /ar/countries/guinea /nl/support-points; do
  wrk -t1 -c"$CONNS" -d"$((GZIP_DURATION / 3))s" -H 'Accept-Encoding: gzip' -s bench/report.lua "$APP_URL$p" >"$work/gzip.out" 2>&1
  n=$(grep -oP 'status=\K[0-9]+' "$work/gzip.out"); gzip_5xx=$((gzip_5xx + n))
  log "gzip $p: $(grep -oP 'RESULT requests=\K[0-9]+' "$work/gzip.out") requests, $n errors"
done

peak=$(kb VmHWM "$APP_PID")
sleep 10
after=$(kb VmRSS "$APP_PID")
fivexx=$((mix_5xx))
printf 'HOSTILE requests=%s rss_before_mb=%d rss_peak_mb=%d rss_after_mb=%d mix_5xx=%d gzip_errors=%d\n' \
  "$mix_requests" $((before / 1024)) $((peak / 1024)) $((after / 1024)) "$fivexx" "$gzip_5xx"
put "hostile|requests" "$mix_requests"
put "hostile|rss" "$before $peak $after"
put "hostile|5xx" "$fivexx $gzip_5xx"
