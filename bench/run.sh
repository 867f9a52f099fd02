#!/usr/bin/env bash
# The portal's benchmark: throughput and latency of cached reader pages against a minimal ASP.NET Core "ceiling"
# serving the same bytes, cold start, peak memory and SQL commands per request, first with content/ and then with a
# generated corpus of 1,000 countries in six languages (and there the search, bench/search.sh, and the editor's
# dashboard, bench/dashboard.sh), then the page figures on PostgreSQL with two nodes (bench/postgres.sh). Prints a
# markdown table with the targets (PASS/FAIL) and writes it to out/bench/results.md.
# Loopback only, fixed durations; about 11 minutes on 2 cores.
#
# Usage: bash bench/run.sh
# Knobs (environment): BENCH_DURATION=6 (s per measured run, each page and the ceiling run before it), BENCH_WRK_THREADS=1
# (wrk threads; with several nodes at least one per node), BENCH_PAIR_ROUNDS=3 and BENCH_PAIR_DURATION=4 (s) for the
# side-by-side comparison of 1,000 countries with content/, BENCH_WARMUP=2 (s per URL), BENCH_WARMUP_FIRST=6 (s, first
# URL of a process), BENCH_COUNTRIES=1000, BENCH_POSTGRES=1 (0: SQLite only; only: the PostgreSQL round alone, for
# quick iteration), BENCH_PUBLISHED=<folder> (reuse a scripts/publish.sh output instead of publishing again).
# wrk runs as a browser asks: -H 'Accept-Encoding: br'. Errors = socket errors (connect/read/write/timeout) plus
# responses above 399; each URL is checked for a 200 with Content-Encoding: br before it is loaded.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
bench_start=$EPOCHSECONDS

DURATION=${BENCH_DURATION:-6}
WARMUP=${BENCH_WARMUP:-2}
WARMUP_FIRST=${BENCH_WARMUP_FIRST:-6}   # at least; warm() goes on while the rate still rises
COUNTRIES=${BENCH_COUNTRIES:-1000}
CONNS=(16 64)
# One wrk thread by default. With two on these 2 cores, wrk's busy threads at times held both cores and left the
# server without CPU for up to 60-85 ms (the stalls went when the server's autogroup was given priority, and stayed
# when wrk's was); wrk's latency figures correct for coordinated omission (every response slower than the mean
# interval adds synthetic samples), so one such stall per run put p99 at 8-41 ms even for the ceiling. With one thread
# wrk takes at most one core, the server and the ceiling the same requests/s as before, and max latency <= 12 ms.
# Hand runs, 2026-11-29, `wrk -t1|-t2 -c16|-c64 -d5s` on the ceiling and a portal page side by side.
WRK_THREADS=${BENCH_WRK_THREADS:-1}
PAIR_ROUNDS=${BENCH_PAIR_ROUNDS:-3}       # 1,000 countries against content/, side by side (paired_round)
PAIR_DURATION=${BENCH_PAIR_DURATION:-4}   # s per run there
PAGES=(/nl/countries/guinea /ar/countries/guinea /nl/support-points)
API_PATH=/api/v1/nl/countries/guinea
CEILING_PAGE=/nl/countries/guinea
COLD_TIMEOUT=240   # s; the 1,000-country import is slow
POSTGRES=${BENCH_POSTGRES:-1}
case $POSTGRES in 0 | 1 | only) ;; *) echo "BENCH_POSTGRES is '$POSTGRES'; expected 1 (default), 0 or only" >&2; exit 2 ;; esac
PUBLISHED=${BENCH_PUBLISHED:-}
# On a shared machine (other builds and test runs) the figures are disturbed; each run reports how much CPU other
# processes took. BENCH_PRIORITY=-10 (root only) gives every process this script starts under setsid (portal,
# ceiling, wrk: each its own session, so its own scheduler autogroup) that autogroup nice value, so that the measured
# processes win the CPU for the few minutes of the run. Off by default: it slows everybody else's work meanwhile.
PRIORITY=${BENCH_PRIORITY:-0}

work=$(mktemp -d /tmp/portal-bench.XXXXXX)
# The SDK and the runtime leave small folders in the temp directory (MSBuild's, NuGet's, diagnostics sockets): keep
# them in $work, which goes at the end.
mkdir -p "$work/tmp"
export TMPDIR="$work/tmp"
results="$work/results.tsv"
: >"$results"
PIDS=()       # process groups this script started (each a setsid leader)
TMPFILES=()   # app.sh's logs live outside $work

log() { printf '[%3ds] %s\n' $((EPOCHSECONDS - bench_start)) "$*" >&2; }
# A pause without a process, for loops that poll while the portal starts: /bin/sleep every 10 ms is ~100 forks a
# second on the same 2 cores (measured: 0.10-0.14 cores of "other processes" during each cold start).
exec {nap_fd}<> <(:)
nap() { read -r -t "$1" -u "$nap_fd" _ || true; }
put() { printf '%s\t%s\n' "$1" "$2" >>"$results"; }   # key, value: read by bench/report.py

stop_pid() {
  local pid=$1 p keep=()
  kill -TERM -- -"$pid" 2>/dev/null || true
  for _ in $(seq 1 200); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
  kill -KILL -- -"$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  for p in "${PIDS[@]}"; do [ "$p" = "$pid" ] || keep+=("$p"); done
  PIDS=("${keep[@]}")
}

cleanup() {
  local p
  for p in "${PIDS[@]}"; do stop_pid "$p"; done
  ! declare -F pg_stop >/dev/null || pg_stop   # bench/postgres.sh's server (scripts/pg-start.sh)
  rm -f "${TMPFILES[@]}"
  rm -rf "$work"
  log "cleaned up: processes stopped, $work removed"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

prioritise() { # pid: its session's autogroup gets $PRIORITY, once it has its own session (no-op where not permitted)
  [ "$PRIORITY" != 0 ] || return 0
  local own
  own=$(cut -d' ' -f1 /proc/$$/autogroup 2>/dev/null) || return 0
  for _ in $(seq 1 200); do
    [ "$(cut -d' ' -f1 "/proc/$1/autogroup" 2>/dev/null)" = "$own" ] || break
    sleep 0.005
  done
  [ "$(cut -d' ' -f1 "/proc/$1/autogroup" 2>/dev/null)" = "$own" ] || { echo "$PRIORITY" >"/proc/$1/autogroup"; } 2>/dev/null || true
}
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
# Busy CPU time of processes (user, nice, system) and steal, in ticks. Not irq and softirq: on loopback the network
# stack's receive work for wrk and the server runs as softirq (0.36-0.43 cores under load, measured from /proc/stat),
# which no process's own times include, so it would show as "other processes" though it is the measured load's own.
cpu_busy() { local _c u n s i w q sq st; read -r _c u n s i w q sq st _ </proc/stat; echo $((u + n + s + st)); }
proc_cpu() { local f; read -r -a f <"/proc/$1/stat"; echo $((f[13] + f[14])); }
kb() { awk -v k="$1" '$1 == k":" { print $2 }' "/proc/$2/status"; }

# --- 1. build ------------------------------------------------------------------------------------------------
if [ -n "$PUBLISHED" ]; then
  pub=$(cd "$PUBLISHED" && pwd)
  [ -f "$pub/Portal.dll" ] && [ -d "$pub/content" ] || { log "BENCH_PUBLISHED=$PUBLISHED holds no scripts/publish.sh output"; exit 1; }
  log "using the portal published in $pub (BENCH_PUBLISHED)"
else
  pub="$work/publish"
  log "publishing the portal (Release) with scripts/publish.sh"
  bash scripts/publish.sh "$pub" >"$work/publish.log" 2>&1 || { cat "$work/publish.log" >&2; exit 1; }
  log "$(tail -1 "$work/publish.log")"
fi
log "publishing bench/Ceiling (Release)"
# --artifacts-path: its bin/ and obj/ go to the temporary folder, not into bench/Ceiling.
dotnet publish bench/Ceiling/Ceiling.csproj -c Release -o "$work/ceiling" --artifacts-path "$work/ceiling-artifacts" \
  >"$work/ceiling-publish.log" 2>&1 \
  || { cat "$work/ceiling-publish.log" >&2; exit 1; }

source "$root/bench/app.sh"
source "$root/bench/dashboard.sh"   # dashboard_round: the editor's dashboard, signed in
APP_DIR="$pub"
DIAG_ENV="Portal__Diagnostics__Enabled=true"

# Starts the portal with app.sh (free port), waiting longer than app_start does for a big database, and checks that
# APP_PID is the dotnet process itself (app.sh runs `setsid bash -c "cd … && exec dotnet Portal.dll"`).
portal_start() {
  APP_STARTED=$EPOCHSECONDS
  app_start || { log "portal did not start"; exit 1; }
  PIDS+=("$APP_PID"); TMPFILES+=("$APP_LOG")
  prioritise "$APP_PID"
  local port
  for _ in $(seq 1 2400); do
    [[ $APP_URL =~ :[0-9]+$ ]] && break
    port=$(grep -oP 'Now listening on: http://127\.0\.0\.1:\K[0-9]+' "$APP_LOG" 2>/dev/null) && APP_URL="http://127.0.0.1:$port" && break
    kill -0 "$APP_PID" 2>/dev/null || { cat "$APP_LOG" >&2; log "portal died"; exit 1; }
    sleep 0.1
  done
  [[ $APP_URL =~ :[0-9]+$ ]] || { log "portal not listening after 4 min"; exit 1; }
  local comm cmd
  comm=$(cat "/proc/$APP_PID/comm"); cmd=$(tr '\0' ' ' <"/proc/$APP_PID/cmdline")
  [[ $comm == dotnet && $cmd == *Portal.dll* ]] || { log "APP_PID $APP_PID is '$comm' ($cmd), not dotnet Portal.dll"; exit 1; }
}

# Same command line as app.sh, but on a port chosen beforehand so that the clock can start before the process does.
# APP_ENV comes after the SQLite connection string, so PostgreSQL settings in it (bench/postgres.sh) replace it.
launch_fixed() { # db port log
  env ASPNETCORE_URLS="http://127.0.0.1:$2" Portal__PublicUrl=http://127.0.0.1 Portal__Database__ConnectionString="Data Source=$1" \
      Logging__LogLevel__Portal.Requests=Warning ${APP_ENV:-} \
      setsid bash -c "cd '$pub' && exec dotnet Portal.dll" >"$3" 2>&1 &
  LAUNCH_PID=$!
  PIDS+=("$LAUNCH_PID")
  prioritise "$LAUNCH_PID"
}

# Milliseconds from process start to the first 200 for /nl/countries/guinea (Brotli, as a browser), then stops it.
# Polls every ~10 ms: an in-shell TCP connect while the port is still closed (no fork, so the poll does not steal
# CPU from a long import), then curl until the answer is 200. Also notes when the port opened (host built, database
# migrated and seeded) and how much CPU other processes took meanwhile.
cold_start() { # db -> COLD_MS (empty on failure), COLD_LISTEN_MS, COLD_BG, COLD_LOG
  local db=$1 port t0 t1 code url busy0 busy1 own
  port=$(free_port); COLD_LOG="$work/cold-$port.log"; url="http://127.0.0.1:$port/nl/countries/guinea"
  COLD_MS=""; COLD_LISTEN_MS=""; COLD_BG=""; COLD_CPU_MS=""
  busy0=$(cpu_busy)
  t0=${EPOCHREALTIME/./}
  launch_fixed "$db" "$port" "$COLD_LOG"
  while :; do
    if { exec 3<>"/dev/tcp/127.0.0.1/$port"; } 2>/dev/null; then
      exec 3>&-
      [ -n "$COLD_LISTEN_MS" ] || COLD_LISTEN_MS=$(((${EPOCHREALTIME/./} - t0) / 1000))
      code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 60 -H 'Accept-Encoding: br' "$url" || true)
      if [ "$code" = 200 ]; then t1=${EPOCHREALTIME/./}; COLD_MS=$(((t1 - t0) / 1000)); break; fi
    fi
    kill -0 "$LAUNCH_PID" 2>/dev/null || { log "portal died during cold start:"; cat "$COLD_LOG" >&2; break; }
    [ $(((${EPOCHREALTIME/./} - t0) / 1000000)) -lt "$COLD_TIMEOUT" ] || { log "cold start: no 200 within ${COLD_TIMEOUT}s"; break; }
    nap 0.01
  done
  if [ -n "$COLD_MS" ]; then
    busy1=$(cpu_busy); own=$(proc_cpu "$LAUNCH_PID")
    COLD_BG=$(awk -v b=$((busy1 - busy0)) -v o="$own" -v ms="$COLD_MS" 'BEGIN { bg = (b - o) / (ms / 10); printf "%.2f", bg < 0 ? 0 : bg }')
    COLD_CPU_MS=$((own * 10))
  fi
  stop_pid "$LAUNCH_PID"
}

cold_detail() { # logs and records one cold start's split and noise
  log "  ${COLD_MS:-fail} ms to the first 200 (port open at ${COLD_LISTEN_MS:-?} ms; the portal used ${COLD_CPU_MS:-?} ms CPU; other processes ${COLD_BG:-?} cores)"
  put "cold_detail|$1|${COLD_MS:-fail}" "${COLD_LISTEN_MS:-?} ${COLD_CPU_MS:-?} ${COLD_BG:-?}"
}

diag() { curl -s "$APP_URL/_diagnostics/db-commands"; }

# The SQL command counter is process-wide, and a background job (the 30 s scheduler, if the app has one) also sends
# commands: wait until the counter has held still for 0.5 s before counting a request's commands.
db_quiet() {
  local prev cur still=0
  prev=$(diag)
  [[ $prev =~ ^[0-9]+$ ]] || { log "GET /_diagnostics/db-commands gave '$prev'"; exit 1; }
  for _ in $(seq 1 350); do
    sleep 0.1; cur=$(diag)
    if [ "$cur" = "$prev" ]; then still=$((still + 1)); [ $still -ge 5 ] && return 0; else still=0; prev=$cur; fi
  done
  log "  the SQL command counter never held still for 0.5 s"
}

# SQL commands for one request on a miss (first request for the URL since start) and on a hit (the same again).
db_commands() { # corpus path
  local a b c m h
  a=$(diag)
  m=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' -H 'Accept-Encoding: br' "$APP_URL$2")
  b=$(diag)
  h=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' -H 'Accept-Encoding: br' "$APP_URL$2")
  c=$(diag)
  put "db|$1|$2" "$((b - a)) $((c - b)) ${m% *} $(awk -v s="${m#* }" 'BEGIN { printf "%.1f", s * 1000 }') $(awk -v s="${h#* }" 'BEGIN { printf "%.1f", s * 1000 }')"
  log "  $2: miss $((b - a)) SQL commands (HTTP ${m% *}, ${m#* } s), hit $((c - b)) (HTTP ${h% *}, ${h#* } s)"
}

check_url() { # url -> 0 when 200 with Content-Encoding: br
  local headers
  headers=$(curl -s -D - -o /dev/null -H 'Accept-Encoding: br' "$1" | tr -d '\r')
  [[ $headers == "HTTP/1.1 200"* ]] && grep -qi '^content-encoding: br' <<<"$headers"
}

# wrk in a session of its own (so with the same priority as the servers), one per URL, all at once: with several URLs
# (one per node) the threads and the connections are split evenly between them, at least one thread each: with two
# nodes, two wrk processes, and the p99 of the PostgreSQL round is as noisy as it was with two wrk threads on one
# node (see WRK_THREADS; 4-58 ms; with both wrk processes pinned to one core, worse: 48-82 ms). Output in
# $work/wrk.out.<i>.
# WRK_OUT: those files; WRK_CPU: their CPU seconds.
run_wrk() { # "url…" conns seconds [wrk options…]
  local urls c0 c1 i pids=() n
  read -r -a urls <<<"$1"
  n=${#urls[@]}
  c0=$(times | awk 'NR == 2 { print }')
  WRK_OUT=()
  for i in "${!urls[@]}"; do
    WRK_OUT+=("$work/wrk.out.$i")
    setsid wrk -t$((WRK_THREADS / n > 0 ? WRK_THREADS / n : 1)) -c$(($2 / n)) -d"$3s" "${@:4}" "${urls[$i]}" >"$work/wrk.out.$i" 2>&1 &
    pids+=($!)
    prioritise "$!"
  done
  for i in "${!pids[@]}"; do
    wait "${pids[$i]}" || { cat "${WRK_OUT[$i]}" >&2; log "wrk failed"; exit 1; }
  done
  c1=$(times | awk 'NR == 2 { print }')
  WRK_CPU=$(awk -v a="$c0" -v b="$c1" 'function s(x,   p) { split(x, p, /[ms]/); return p[1] * 60 + p[2] }
    BEGIN { split(a, x, " "); split(b, y, " "); printf "%.3f", s(y[1]) + s(y[2]) - s(x[1]) - s(x[2]) }')
}

# Warm-up until the rate stops rising (tiered JIT and dynamic PGO settle; slower when the machine is busy):
# 2 s runs, at least $2 s and at most 10 s. Several URLs (one per node): warmed together, their rates summed.
warm() { # "url…" min_seconds
  local min=$2 prev=0 rps spent=0
  while :; do
    run_wrk "$1" 16 2 -H 'Accept-Encoding: br'
    spent=$((spent + 2))
    rps=$(cat "${WRK_OUT[@]}" | grep -oP 'Requests/sec:\s*\K[0-9.]+' | awk '{ s += $1 } END { printf "%d", s }')
    if [ "$spent" -ge "$min" ] && [ "$((rps * 100))" -le "$((prev * 105))" ]; then break; fi
    [ "$spent" -lt 10 ] || break
    prev=$rps
  done
  log "  warm-up $1: ${spent}s (last ${rps} req/s)"
}

# One measured load (one wrk per URL, see run_wrk); also how much CPU other processes on the machine took meanwhile
# (noise on a shared 2-core box). With several nodes: requests/s summed, p50 and p99 the worse node's (wrk keeps no
# histogram to merge), errors summed, server CPU per request over all nodes; LOAD_NODES_RPS: each node's rate.
measure() { # corpus label "url…" conns "server_pid…"
  local corpus=$1 label=$2 c=$4 pids busy0 busy1 srv0 srv1 t0 t1 p
  read -r -a pids <<<"$5"
  busy0=$(cpu_busy); srv0=0; for p in "${pids[@]}"; do srv0=$((srv0 + $(proc_cpu "$p"))); done; t0=$EPOCHREALTIME
  run_wrk "$3" "$c" "$DURATION" --latency -H 'Accept-Encoding: br' -s "$root/bench/report.lua"
  t1=$EPOCHREALTIME; busy1=$(cpu_busy); srv1=0; for p in "${pids[@]}"; do srv1=$((srv1 + $(proc_cpu "$p"))); done
  local lines
  lines=$(cat "${WRK_OUT[@]}" | grep '^RESULT ' | sed 's/^RESULT //')
  [ "$(wc -l <<<"$lines")" = "${#WRK_OUT[@]}" ] && [ -n "$lines" ] || { cat "${WRK_OUT[@]}" >&2; log "wrk gave no result"; exit 1; }
  # One line per wrk: requests=… duration_us=… p50_us=… p99_us=… connect=… read=… write=… status=… timeout=… bytes=…
  local sums
  sums=$(awk -v b0="$busy0" -v b1="$busy1" -v s0="$srv0" -v s1="$srv1" -v w="$WRK_CPU" -v t0="$t0" -v t1="$t1" '
    { for (i = 1; i <= NF; i++) { split($i, kv, "="); f[kv[1]] = kv[2] }
      n = f["requests"] / (f["duration_us"] / 1e6); rps += n; each = each (each == "" ? "" : "/") sprintf("%.0f", n)
      r += f["requests"]; by += f["bytes"]
      if (f["p50_us"] > p50) p50 = f["p50_us"]; if (f["p99_us"] > p99) p99 = f["p99_us"]
      ec += f["connect"]; er += f["read"]; ew += f["write"]; es += f["status"]; et += f["timeout"] }
    END { bg = ((b1 - b0) - (s1 - s0) - w * 100) / ((t1 - t0) * 100); if (bg < 0) bg = 0
          printf "%.0f %.3f %.3f %d %.2f %.0f %.1f\t%d\t%s\t%d %d %d %d %d", rps, p50 / 1000, p99 / 1000, ec + er + ew + es + et,
                 bg, (r ? by / r : 0), (r ? (s1 - s0) * 1e4 / r : 0), r, each, ec, er, ew, es, et }' <<<"$lines")
  local v requests errs_detail e_connect e_read e_write e_status e_timeout
  IFS=$'\t' read -r v requests LOAD_NODES_RPS errs_detail <<<"$sums"
  read -r e_connect e_read e_write e_status e_timeout <<<"$errs_detail"
  put "load|$corpus|$label|$c" "$v"
  [[ $label == ceiling* ]] || LOAD_REQUESTS=$((LOAD_REQUESTS + requests))
  local rps p50 p99 errs bg cpu nodes=""
  read -r rps p50 p99 errs bg _ cpu <<<"$v"
  [ "${#pids[@]}" = 1 ] || nodes=" ($LOAD_NODES_RPS per node)"
  log "  $label c=$c: $rps req/s$nodes, p50 $p50 ms, p99 $p99 ms, errors $errs (connect $e_connect read $e_read write $e_write status $e_status timeout $e_timeout), server CPU ${cpu} µs/request, other processes ${bg} cores"
}

# SQL commands, then checks of every URL, of one portal instance (already started with portal_start).
TARGETS=()
LOAD_REQUESTS=0
prepare_pages() { # corpus
  local corpus=$1 p api after
  log "SQL commands per request (miss, then hit)"
  # The scheduler's first run (5 s after a start) sends SQL commands of its own: let it pass, then wait for quiet.
  sleep $((APP_STARTED + 6 - EPOCHSECONDS > 0 ? APP_STARTED + 6 - EPOCHSECONDS : 0))
  db_quiet
  # The API's first request also tells whether there is one.
  for p in "${PAGES[@]}" "$API_PATH"; do db_commands "$corpus" "$p"; done
  after=$(diag); sleep 0.5
  # Something else sent commands right after: the counts above may include it.
  [ "$(diag)" = "$after" ] || { put "db_noise|$corpus" "1"; log "  background SQL commands right after the count: figures may include them"; }
  api=$(awk -F'\t' -v k="db|$corpus|$API_PATH" '$1 == k { split($2, v, " "); print v[3] }' "$results")
  put "api|$corpus" "$api"
  TARGETS=("${PAGES[@]}")
  if [ "$api" = 200 ]; then TARGETS+=("$API_PATH"); else log "  $API_PATH: HTTP $api, its rows are skipped"; fi
  for p in "${TARGETS[@]}"; do
    check_url "$APP_URL$p" || { log "$p does not answer 200 with Content-Encoding: br"; exit 1; }
  done
}

# Warm-up, then per connection count every page right after a ceiling run of its own: each ratio compares two runs
# seconds apart, so that the machine's speed, which drifts by ±15% within a minute on this VM, and a burst of load from
# elsewhere skew both alike. Peak RSS after.
load_round() { # corpus
  local corpus=$1 p c hwm
  put "rss_before|$corpus" "$(kb VmRSS "$APP_PID") $(kb VmHWM "$APP_PID")"
  local cmds0 t0
  cmds0=$(diag); t0=$EPOCHSECONDS; LOAD_REQUESTS=0
  log "load: warm-up (${WARMUP_FIRST}s first URL, ${WARMUP}s each), then ${DURATION}s per URL at ${CONNS[*]} connections"
  # A longer warm-up on a process's first URL (its hit path is every URL's), then a short one each.
  [ "$corpus" != real ] || warm "$ceiling_url" "$WARMUP_FIRST"   # the ceiling stays up for the 1k round, already warm
  warm "$APP_URL${TARGETS[0]}" "$WARMUP_FIRST"
  for p in "${TARGETS[@]:1}"; do run_wrk "$APP_URL$p" 16 "$WARMUP" -H 'Accept-Encoding: br'; done
  for c in "${CONNS[@]}"; do
    for p in "${TARGETS[@]}"; do
      measure "$corpus" "ceiling@$p" "$ceiling_url" "$c" "$ceiling_pid"
      measure "$corpus" "$p" "$APP_URL$p" "$c" "$APP_PID"
    done
  done
  hwm=$(kb VmHWM "$APP_PID")
  put "rss|$corpus" "$hwm"
  put "db_load|$corpus" "$(($(diag) - cmds0)) $((EPOCHSECONDS - t0)) $LOAD_REQUESTS"
  log "SQL commands during the load ($LOAD_REQUESTS portal requests, $((EPOCHSECONDS - t0)) s): $(($(diag) - cmds0))"
  log "peak RSS (VmHWM of dotnet, pid $APP_PID): $((hwm / 1024)) MB"
}

# The sitemap lists every page, so on a big corpus its one miss is a memory event of its own: asked after the RSS
# figures of the load round (and, at 1,000 countries, of the search and dashboard rounds), so that it is reported apart.
sitemap_round() { # corpus
  local sm
  sm=$(curl -s -o /dev/null -H 'Accept-Encoding: br' -w '%{http_code} %{size_download} %{time_total}' "$APP_URL/sitemap.xml")
  put "sitemap|$1" "$sm $(kb VmHWM "$APP_PID")"
  log "/sitemap.xml: HTTP ${sm%% *}, $(cut -d' ' -f2 <<<"$sm") B Brotli, $(cut -d' ' -f3 <<<"$sm") s; VmHWM after: $(($(kb VmHWM "$APP_PID") / 1024)) MB"
}

# "The same within 10% with 1,000 countries", measured side by side: both portals run at once (each idle while the
# other is loaded) and, per URL and connection count, take turns in runs seconds apart (content/ first in odd rounds,
# 1k first in even ones), so that the machine's drift (±15% within a minute on this VM) skews both alike. Two ratios to
# the ceiling taken minutes apart, as the load rounds give them, differed by up to ±20% between identical builds.
# Recorded as load|pair|<real|big>:<url>:<round>|<conns>; bench/report.py takes the median of the rounds' 1k/content/.
paired_round() { # real_pid real_url big_pid big_url
  local p c i which order DURATION=$PAIR_DURATION
  log "side by side: content/ ($2) and $COUNTRIES countries ($4), $PAIR_ROUNDS rounds of ${PAIR_DURATION}s per URL and connection count"
  warm "$2${TARGETS[0]}" "$WARMUP_FIRST"   # the content/ portal was started again for this; the 1k one is warm
  for p in "${TARGETS[@]:1}"; do run_wrk "$2$p" 16 "$WARMUP" -H 'Accept-Encoding: br'; done
  for c in "${CONNS[@]}"; do
    for p in "${TARGETS[@]}"; do
      for i in $(seq 1 "$PAIR_ROUNDS"); do
        if [ $((i % 2)) = 1 ]; then order="real big"; else order="big real"; fi
        for which in $order; do
          if [ "$which" = real ]; then measure pair "real:$p:$i" "$2$p" "$c" "$1"
          else measure pair "big:$p:$i" "$4$p" "$c" "$3"; fi
        done
      done
    done
  done
}

# bench/Ceiling serving the Brotli bytes of $CEILING_PAGE as the given portal node serves them; the ceiling stays up
# for every later round (its process is the same reference for each). Sets ceiling_pid, ceiling_url.
ceiling_start() { # portal_url
  curl -s -H 'Accept-Encoding: br' -D "$work/page.headers" -o "$work/page.br" "$1$CEILING_PAGE"
  local content_type port
  content_type=$(tr -d '\r' <"$work/page.headers" | awk -F': ' 'tolower($1) == "content-type" { print $2 }')
  grep -qi '^content-encoding: br' <(tr -d '\r' <"$work/page.headers") || { log "ceiling page is not Brotli"; exit 1; }
  put "meta|page_bytes" "$(stat -c %s "$work/page.br")"
  log "ceiling: bench/Ceiling serving the $(stat -c %s "$work/page.br") Brotli bytes of $CEILING_PAGE ($content_type)"
  env ASPNETCORE_URLS=http://127.0.0.1:0 CEILING_BODY="$work/page.br" CEILING_CONTENT_TYPE="$content_type" \
      setsid bash -c "cd '$work/ceiling' && exec dotnet Ceiling.dll" >"$work/ceiling.log" 2>&1 &
  ceiling_pid=$!
  PIDS+=("$ceiling_pid")
  prioritise "$ceiling_pid"
  for _ in $(seq 1 400); do
    port=$(grep -oP 'Now listening on: http://127\.0\.0\.1:\K[0-9]+' "$work/ceiling.log" 2>/dev/null) && break
    kill -0 "$ceiling_pid" 2>/dev/null || { cat "$work/ceiling.log" >&2; exit 1; }
    sleep 0.025
  done
  ceiling_url="http://127.0.0.1:$port$CEILING_PAGE"
  curl -s -H 'Accept-Encoding: br' -o "$work/ceiling.br" "$ceiling_url"
  cmp -s "$work/ceiling.br" "$work/page.br" || { log "the ceiling does not serve the portal's bytes"; exit 1; }
  check_url "$ceiling_url" || { log "ceiling: no 200 with Content-Encoding: br"; exit 1; }
}
ceiling_pid=""

put "meta|cpu" "$(nproc) x $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)"
put "meta|sdk" "$(dotnet --version)"
put "meta|settings" "wrk -t$WRK_THREADS -c{16,64} -d${DURATION}s --latency -H 'Accept-Encoding: br', warm-up ${WARMUP_FIRST}s on a process's first URL and ${WARMUP}s per URL"
put "meta|load_before" "$(cut -d' ' -f1-3 /proc/loadavg)"
put "meta|priority" "$PRIORITY"

# BENCH_POSTGRES=only skips the SQLite rounds (sections 2-4).
if [ "$POSTGRES" != only ]; then
  # --- 2. cold start with content/ -------------------------------------------------------------------------------
  APP_ENV="$DIAG_ENV"
  log "cold start, empty database (migrations + import of content/), 3 runs"
  empty=()
  for i in 1 2 3; do
    db="$work/real-$i.db"; cold_start "$db"; empty+=("${COLD_MS:-fail}"); cold_detail real-empty
  done
  put "cold|real|empty" "${empty[*]}"
  log "cold start, existing database, 3 runs"
  existing=()
  for i in 1 2 3; do
    cold_start "$work/real-3.db"; existing+=("${COLD_MS:-fail}"); cold_detail real-existing
  done
  put "cold|real|existing" "${existing[*]}"

  # --- 3. the portal with content/, and the ceiling beside it ------------------------------------------------------
  log "portal with content/ (existing database), diagnostics on"
  APP_DB="$work/real-3.db" APP_ENV="$DIAG_ENV" portal_start
  log "  $APP_URL, pid $APP_PID ($(cat /proc/$APP_PID/comm))"
  prepare_pages real
  ceiling_start "$APP_URL"

  load_round real
  sitemap_round real
  stop_pid "$APP_PID"

  # --- 4. 1,000 countries ----------------------------------------------------------------------------------------
  corpus="$work/corpus"
  log "generating $COUNTRIES countries x 6 languages into $corpus"
  python3 bench/gen-corpus.py content "$corpus" "$COUNTRIES" >"$work/gen.log"
  log "  $(tail -1 "$work/gen.log")"
  shared=$(grep -c '^shared-code pairs' "$work/gen.log" || true)
  put "corpus|shared_codes" "$shared"
  t0=${EPOCHREALTIME/./}
  # validate runs from the publish folder: its content root (and so appsettings.json) is the working directory.
  (cd "$pub" && dotnet Portal.dll validate "$corpus") >"$work/validate.log" 2>&1 || { cat "$work/validate.log" >&2; log "validation failed"; exit 1; }
  put "corpus|validate" "$(((${EPOCHREALTIME/./} - t0) / 1000)) $(grep -oP '^\d+(?= files)' "$work/validate.log")"
  log "  $(tail -1 "$work/validate.log")"

  APP_ENV="$DIAG_ENV Portal__ContentPath=$corpus"
  big_db="$work/big.db"
  log "cold start, empty database, import of the large corpus (1 run)"
  cold_start "$big_db"
  put "cold|big|empty" "${COLD_MS:-fail}"
  put "corpus|import" "$(grep -oP 'Seeded an empty database from \S+ \K.*' "$COLD_LOG" || echo '?')"
  cold_detail big-empty
  log "  $(grep -oP 'Seeded an empty database from \S+ \K.*' "$COLD_LOG" || echo 'no seed line')"
  [ -n "$COLD_MS" ] || { log "the large import did not finish; stopping"; exit 1; }
  log "cold start, existing large database (1 run)"
  cold_start "$big_db"
  put "cold|big|existing" "${COLD_MS:-fail}"
  cold_detail big-existing

  log "portal with $COUNTRIES countries (existing database), diagnostics on"
  APP_DB="$big_db" APP_ENV="$DIAG_ENV Portal__ContentPath=$corpus" portal_start
  log "  $APP_URL, pid $APP_PID"
  prepare_pages big
  curl -s -H 'Accept-Encoding: br' -o "$work/page-big.br" "$APP_URL$CEILING_PAGE"
  put "meta|page_bytes_big" "$(stat -c %s "$work/page-big.br")"
  load_round big
  # Countries that share a code with another: does the page show only its own guide and assessment?
  if [ "$shared" -gt 0 ]; then
    pair=$(grep -m1 '^shared-code pairs' "$work/gen.log")           # shared-code pairs: c0675=c0001 (AA)
    a=$(sed -E 's/.*: (c[0-9]+)=.*/\1/' <<<"$pair"); b=$(sed -E 's/.*=(c[0-9]+) .*/\1/' <<<"$pair")
    m0=$(curl -s "$APP_URL/_diagnostics/db-commands")
    html=$(curl -s "$APP_URL/nl/countries/$a")
    m1=$(curl -s "$APP_URL/_diagnostics/db-commands")
    own=$(grep -c "Testland ${a#c}" <<<"$html" || true); other=$(grep -c "Testland ${b#c}" <<<"$html" || true)
    put "corpus|shared_page" "$a $b $own $other $((m1 - m0))"
    log "  /nl/countries/$a (shares its code with $b): $own lines name it, $other name $b, $((m1 - m0)) SQL commands"
  fi

  # Search (bench/search.sh): the mix of searches in six languages against this portal, after its page rounds and
  # before the editor's rounds, so that its peak RSS is the reader site's with search (an editor's sign-in and
  # dashboard load their own code: their peak is reported on its own line).
  source "$root/bench/search.sh"
  log "search: ${SEARCH_DURATION:-10}s at 16 connections over bench/search.lua's searches"
  search_round "$APP_URL" "$APP_PID"
  log "  $(search_print | head -1)"

  log "the editor's dashboard with $COUNTRIES countries, signed in (bench/dashboard.sh, $DASHBOARD_REQUESTS requests per view)"
  dashboard_round big "$APP_URL" "$pub" "$big_db" "Portal__ContentPath=$corpus" || log "  dashboard not measured"
  put "dashboard|big|rss" "$(kb VmHWM "$APP_PID")"
  log "  peak RSS after the dashboard rounds: $(($(kb VmHWM "$APP_PID") / 1024)) MB"
  sitemap_round big

  # --- 4c. 1,000 countries against content/, side by side ----------------------------------------------------------
  big_pid=$APP_PID; big_url=$APP_URL
  log "portal with content/ again, beside the 1k one"
  APP_DB="$work/real-3.db" APP_ENV="$DIAG_ENV" portal_start
  paired_round "$APP_PID" "$APP_URL" "$big_pid" "$big_url"
  stop_pid "$APP_PID"
  stop_pid "$big_pid"
fi

# --- 4b. PostgreSQL, two nodes (bench/postgres.sh) ----------------------------------------------------------------
[ "$POSTGRES" = 0 ] || source "$root/bench/postgres.sh"
if [ -n "$ceiling_pid" ]; then
  put "rss|ceiling" "$(kb VmHWM "$ceiling_pid")"
  stop_pid "$ceiling_pid"
fi

# --- 4c. the hostile mix (bench/hostile.sh), on its own process and a fresh SQLite file ---------------------------
if [ "$POSTGRES" != only ]; then
  log "hostile mix: bench/hostile.sh"
  HOSTILE_PUBLISHED="$pub" HOSTILE_RESULTS="$results" bash "$root/bench/hostile.sh" >&2 || log "hostile mix failed"
fi

# --- 5. report -------------------------------------------------------------------------------------------------
put "meta|load_after" "$(cut -d' ' -f1-3 /proc/loadavg)"
put "meta|elapsed" "$((EPOCHSECONDS - bench_start))"
put "meta|countries" "$COUNTRIES"
put "meta|postgres" "$POSTGRES"
put "meta|date" "$(date -u '+%Y-%m-%d %H:%M UTC')"
mkdir -p "$root/out/bench"
cp "$results" "$root/out/bench/results.tsv"
python3 bench/report.py "$results" | tee "$root/out/bench/results.md"
log "written to out/bench/results.md (raw figures: out/bench/results.tsv)"
