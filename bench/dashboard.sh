#!/usr/bin/env bash
# The editor's dashboard with the 1,000-country corpus (issue #13): an account is made with the `users add` command, signed
# in with curl through the real sign-in form, and each dashboard view is asked for BENCH_DASHBOARD_REQUESTS times in a
# row (after 20 unmeasured ones, so the just-in-time compiler has settled, as in a workspace in use): the median and
# p95 time to the first byte (loopback, so the server's time) and the bytes. Views: the default, a filtered one
# (French, outdated), a search and a later page of the matrix.
#
# bench/run.sh sources this file and calls dashboard_round after its 1k load round. On its own:
#   bash bench/dashboard.sh      # publishes (or BENCH_PUBLISHED=<folder>), generates and imports the corpus, measures, prints
# Knobs: BENCH_DASHBOARD_REQUESTS=50, BENCH_COUNTRIES=1000, BENCH_PUBLISHED.

DASHBOARD_REQUESTS=${BENCH_DASHBOARD_REQUESTS:-50}
DASHBOARD_VIEWS=("default /editor" "filtered /editor?lang=fr&state=outdated" "search /editor?q=testland%200042" "page-20 /editor?page=20")

# Makes bench@example.org (an Editor) in the given database with `users add`, signs it in with curl, and records
# dashboard|<corpus>|<view> = "median_ms p95_ms bytes requests http_code" for each view.
dashboard_round() { # corpus url app_folder db [extra env…]
  local corpus=$1 url=$2 app=$3 db=$4 jar page token code view label path i line times bytes
  shift 4
  jar=$(mktemp /tmp/portal-dashboard.XXXXXX)
  (cd "$app" && env Portal__Database__ConnectionString="Data Source=$db" PORTAL_PASSWORD="bench passphrase long enough" "$@" \
      dotnet Portal.dll users add bench@example.org Editor) >/dev/null 2>&1 \
    || log "  users add bench@example.org failed (an account from an earlier round?); signing in anyway"
  page=$(curl -s -c "$jar" -b "$jar" "$url/editor/sign-in")
  token=$(grep -oP 'name="__RequestVerificationToken"[^>]*value="\K[^"]+' <<<"$page" | head -1)
  code=$(curl -s -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" --data-urlencode "Input.Email=bench@example.org" \
    --data-urlencode "Input.Password=bench passphrase long enough" --data-urlencode "__RequestVerificationToken=$token" "$url/editor/sign-in")
  [ "$code" = 302 ] || { log "  dashboard: signing in answered HTTP $code"; rm -f "$jar"; return 1; }
  for view in "${DASHBOARD_VIEWS[@]}"; do
    read -r label path <<<"$view"
    for i in $(seq 1 20); do curl -s -o /dev/null -b "$jar" "$url$path"; done
    times=(); bytes=0; code=""
    for i in $(seq 1 "$DASHBOARD_REQUESTS"); do
      line=$(curl -s -o /dev/null -b "$jar" -w '%{http_code} %{time_starttransfer} %{size_download}' "$url$path")
      read -r code t bytes <<<"$line"
      times+=("$t")
    done
    line=$(printf '%s\n' "${times[@]}" | sort -g | awk '{ v[NR] = $1 * 1000 } END { m = int((NR + 1) / 2); p = int(NR * 0.95 + 0.999); printf "%.1f %.1f", v[m], v[p] }')
    put "dashboard|$corpus|$label" "$line $bytes $DASHBOARD_REQUESTS $code"
    log "  dashboard $label ($path): HTTP $code, median ${line% *} ms, p95 ${line#* } ms to the first byte, $bytes B"
  done
  rm -f "$jar"
}

# --- on its own ----------------------------------------------------------------------------------------------------
if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  set -euo pipefail
  root="$(cd "$(dirname "$0")/.." && pwd)"
  cd "$root"
  start=$EPOCHSECONDS
  log() { printf '[%3ds] %s\n' $((EPOCHSECONDS - start)) "$*" >&2; }
  work=$(mktemp -d /tmp/portal-dashboard.XXXXXX)
  results="$work/results.tsv"
  put() { printf '%s\t%s\n' "$1" "$2" >>"$results"; }
  APP_PID=""
  trap '[ -z "$APP_PID" ] || { kill -TERM -- -"$APP_PID" 2>/dev/null || true; wait "$APP_PID" 2>/dev/null || true; }; rm -rf "$work"' EXIT
  countries=${BENCH_COUNTRIES:-1000}
  if [ -n "${BENCH_PUBLISHED:-}" ]; then
    pub=$(cd "$BENCH_PUBLISHED" && pwd)
  else
    pub="$work/publish"
    log "publishing the portal (Release) with scripts/publish.sh"
    bash scripts/publish.sh "$pub" >"$work/publish.log" 2>&1 || { cat "$work/publish.log" >&2; exit 1; }
  fi
  log "generating $countries countries x 6 languages"
  python3 bench/gen-corpus.py content "$work/corpus" "$countries" >"$work/gen.log"
  source bench/app.sh
  APP_DIR="$pub" APP_DB="$work/big.db" APP_ENV="Portal__ContentPath=$work/corpus"
  log "starting the portal on an empty database: it imports the corpus first (a few minutes)"
  app_start
  for _ in $(seq 1 1200); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 60 "$APP_URL/nl/countries/guinea")" = 200 ] && break
    kill -0 "$APP_PID" 2>/dev/null || { cat "$APP_LOG" >&2; exit 1; }
    sleep 0.5
  done
  log "  $(grep -oP 'Seeded an empty database from \S+ \K.*' "$APP_LOG" || echo 'imported')"
  dashboard_round big "$APP_URL" "$pub" "$work/big.db" "Portal__ContentPath=$work/corpus"
  printf '\n| dashboard view, %s countries | median | p95 | bytes | target |\n|---|---|---|---|---|\n' "$countries"
  while IFS=$'\t' read -r key value; do
    read -r median p95 bytes n code <<<"$value"
    printf '| %s (%s requests, HTTP %s) | %s ms | %s ms | %s | < 50 ms, < 100 KB |\n' "${key##*|}" "$n" "$code" "$median" "$p95" "$bytes"
  done <"$results"
  rm -f "$APP_LOG"
fi
