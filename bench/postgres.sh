# The page figures on PostgreSQL with two portal nodes on one database, as compose.yaml runs them but without the
# proxy: wrk loads each node directly (one wrk per node, half the connections and one thread each, their rates
# summed). Also the cold start of a node on PostgreSQL (creating the database, then on the existing one), SQL commands
# per request on each node, each node's peak RSS, and how soon an emergency notice published and removed on node 1
# shows on node 2 (the LISTEN/NOTIFY eviction; issue #6 asks for "within one second").
# Sourced by bench/run.sh after its SQLite rounds: uses its functions and $work, $pub, $results, ceiling_pid/ceiling_url.

log "PostgreSQL: a throwaway server (scripts/pg-start.sh), two portal nodes on one database"
source "$root/scripts/pg-start.sh" >"$work/pg-start.log" 2>&1 || { cat "$work/pg-start.log" >&2; exit 1; }
log "  $(tail -1 "$work/pg-start.log")"   # run.sh's cleanup calls pg_stop should anything below fail
pg_sql() { psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d "${2:-postgres}" -Atc "$1"; }
put "meta|pg_version" "$(pg_sql 'SHOW server_version')"
pg_db=portal_bench
# No spaces in it: APP_ENV is split on them. It comes after app.sh's SQLite connection string and replaces it.
PG_ENV="Portal__Database__Provider=PostgreSql Portal__Database__ConnectionString=Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=$pg_db"

# First start on a server without the database: the node creates it (EF's MigrateAsync does, the user may create
# databases here), migrates and seeds it from content/ (MigrateOnStart, the default).
[ -z "$(pg_sql "SELECT 1 FROM pg_database WHERE datname = '$pg_db'")" ] || { log "database $pg_db exists already"; exit 1; }
APP_ENV="$DIAG_ENV $PG_ENV"
log "cold start, no database yet (the node creates it, migrates and imports content/), 1 run"
cold_start unused   # (the SQLite file argument: PG_ENV in APP_ENV replaces it)
put "cold|pg|empty" "${COLD_MS:-fail}"
cold_detail pg-empty
[ -n "$COLD_MS" ] || { log "the first start on PostgreSQL failed; stopping"; exit 1; }
put "pg|created" "$(pg_sql "SELECT count(*) FROM pg_database WHERE datname = '$pg_db'") $(pg_sql 'SELECT count(*) FROM "ContentItems"' "$pg_db")"
log "  database $pg_db: $(pg_sql 'SELECT count(*) FROM "ContentItems"' "$pg_db") content items"

# An administrator for the cross-node check below (the CLI, as an operator creates the first one). Throwaway password.
bench_email=bench@portal.invalid
bench_password=$(python3 -c 'import secrets; print(secrets.token_urlsafe(18))')
(cd "$pub" && env $PG_ENV PORTAL_PASSWORD="$bench_password" dotnet Portal.dll users add "$bench_email" Administrator) \
  >"$work/pg-users.log" 2>&1 || { cat "$work/pg-users.log" >&2; log "users add failed"; exit 1; }

# The nodes of a several-node deployment do not migrate (docs/operations.md): `migrate` is the deploy step, done above.
APP_ENV="$DIAG_ENV $PG_ENV Portal__Database__MigrateOnStart=false"
log "cold start, existing PostgreSQL database (MigrateOnStart=false), 3 runs"
existing=()
for i in 1 2 3; do
  cold_start unused; existing+=("${COLD_MS:-fail}"); cold_detail pg-existing
done
put "cold|pg|existing" "${existing[*]}"

log "two portal nodes on $pg_db, diagnostics on"
APP_DB=unused portal_start; n1_pid=$APP_PID; n1_url=$APP_URL
APP_DB=unused portal_start; n2_pid=$APP_PID; n2_url=$APP_URL; n2_started=$EPOCHSECONDS
log "  node 1 $n1_url (pid $n1_pid), node 2 $n2_url (pid $n2_pid)"
# The scheduler's first run, 5 s after a start, sends SQL commands of its own: let it pass before counting.
sleep $((n2_started + 6 - EPOCHSECONDS > 0 ? n2_started + 6 - EPOCHSECONDS : 0))
# Each node has its own output cache: a miss, then hits, on each.
APP_URL=$n1_url; prepare_pages pg
APP_URL=$n2_url; prepare_pages pg2
ceiling_warm=0
if [ -z "$ceiling_pid" ]; then   # BENCH_POSTGRES=only: no SQLite round started the ceiling
  ceiling_start "$n1_url"; ceiling_warm=$WARMUP_FIRST
else
  # The ceiling serves the SQLite portal's bytes. Not compared byte for byte: a page names its own address (port).
  curl -s -H 'Accept-Encoding: br' -o "$work/page-pg.br" "$n1_url$CEILING_PAGE"
  put "meta|page_bytes_pg" "$(stat -c %s "$work/page-pg.br")"
  log "  node 1's $CEILING_PAGE: $(stat -c %s "$work/page-pg.br") B Brotli (the ceiling's: $(stat -c %s "$work/page.br") B)"
fi

# Load: as load_round, with one wrk per node at once. The ceiling (one process, all the connections) is measured
# just before each page as in the SQLite rounds, so the ratio compares two nodes with the reference on the same cores.
pg_diag() { curl -s "$1/_diagnostics/db-commands"; }
put "rss_before|pg1" "$(kb VmRSS "$n1_pid") $(kb VmHWM "$n1_pid")"
put "rss_before|pg2" "$(kb VmRSS "$n2_pid") $(kb VmHWM "$n2_pid")"
cmds0=$(($(pg_diag "$n1_url") + $(pg_diag "$n2_url"))); t0=$EPOCHSECONDS; LOAD_REQUESTS=0
log "load: warm-up (${WARMUP_FIRST}s first URL, ${WARMUP}s each, both nodes at once), then ${DURATION}s per URL at ${CONNS[*]} connections split over the nodes"
[ "$ceiling_warm" = 0 ] || warm "$ceiling_url" "$ceiling_warm"
warm "$n1_url${TARGETS[0]} $n2_url${TARGETS[0]}" "$WARMUP_FIRST"
for p in "${TARGETS[@]:1}"; do run_wrk "$n1_url$p $n2_url$p" 16 "$WARMUP" -H 'Accept-Encoding: br'; done
for c in "${CONNS[@]}"; do
  for p in "${TARGETS[@]}"; do
    measure pg "ceiling@$p" "$ceiling_url" "$c" "$ceiling_pid"
    measure pg "$p" "$n1_url$p $n2_url$p" "$c" "$n1_pid $n2_pid"
    put "load_nodes|pg|$p|$c" "$LOAD_NODES_RPS"
  done
done
put "rss|pg1" "$(kb VmHWM "$n1_pid")"
put "rss|pg2" "$(kb VmHWM "$n2_pid")"
cmds=$(($(pg_diag "$n1_url") + $(pg_diag "$n2_url") - cmds0))
put "db_load|pg" "$cmds $((EPOCHSECONDS - t0)) $LOAD_REQUESTS"
log "SQL commands during the load, both nodes ($LOAD_REQUESTS portal requests, $((EPOCHSECONDS - t0)) s): $cmds"
log "peak RSS (VmHWM): node 1 $(($(kb VmHWM "$n1_pid") / 1024)) MB, node 2 $(($(kb VmHWM "$n2_pid") / 1024)) MB"

# Across nodes: sign in on node 1 (the editor form, with its antiforgery token), publish an emergency notice there,
# and time until node 2, whose page is a cache hit, serves the page with it; then remove it and time until it is gone.
log "across nodes: a notice published and removed on node 1, read from node 2"
jar="$work/pg-cookies"
form_token() { curl -s -c "$jar" -b "$jar" "$1" | grep -m1 -oP 'name="__RequestVerificationToken" type="hidden" value="\K[^"]+'; }
post_form() { # url field=value… -> "status seconds"
  local url=$1 args=() f
  shift
  for f in "$@"; do args+=(--data-urlencode "$f"); done
  curl -s -c "$jar" -b "$jar" -o /dev/null -w '%{http_code} %{time_total}' "${args[@]}" "$url"
}
page_has() { # node_url text: the nl Guinea page as a browser gets it (Brotli, so the cached variant) contains the text
  local html
  html=$(curl -s --compressed -H 'Accept-Encoding: br' "$1/nl/countries/guinea")
  [[ $html == *"$2"* ]]
}
# Milliseconds until node 2's page shows (want=1) or no longer shows (want=0) the text; polled every ~10 ms, 30 s at most.
until_node2() { # text want
  local t0=${EPOCHREALTIME/./} has
  while :; do
    if page_has "$n2_url" "$1"; then has=1; else has=0; fi
    [ "$has" != "$2" ] || { echo $(((${EPOCHREALTIME/./} - t0) / 1000)); return; }
    [ $(((${EPOCHREALTIME/./} - t0) / 1000000)) -lt 30 ] || { echo fail; return; }
    sleep 0.01
  done
}
notice="Benchmark notice $(python3 -c 'import secrets; print(secrets.token_hex(4))')"
signin=$(post_form "$n1_url/editor/sign-in" "Input.Email=$bench_email" "Input.Password=$bench_password" \
  "__RequestVerificationToken=$(form_token "$n1_url/editor/sign-in")")
[ "${signin%% *}" = 302 ] || { log "sign-in on node 1 answered HTTP ${signin%% *}, not 302"; exit 1; }
page_has "$n2_url" "$notice" && { log "node 2 shows the notice before it was published"; exit 1; }
a=$(pg_diag "$n2_url"); page_has "$n2_url" "$notice" || true; b=$(pg_diag "$n2_url")   # node 2's page: a hit
published=$(post_form "$n1_url/editor/notice?handler=Publish" "Texts[nl]=$notice" "__RequestVerificationToken=$(form_token "$n1_url/editor/notice")")
seen=$(until_node2 "$notice" 1)
page_has "$n1_url" "$notice" && on1=1 || on1=0
removed=$(post_form "$n1_url/editor/notice?handler=Remove" "__RequestVerificationToken=$(form_token "$n1_url/editor/notice")")
gone=$(until_node2 "$notice" 0)
# status and seconds of the publish, ms until node 2 showed it, whether node 1 did; the same for the removal; node 2's
# SQL commands for its page just before (0: a hit, so only the eviction can have shown the change)
put "pg|crossnode" "${published% *} ${published#* } $seen $on1 ${removed% *} ${removed#* } $gone $((b - a))"
log "  publish on node 1: HTTP ${published% *} in ${published#* } s; node 2 showed it after $seen ms (node 1: $on1); removal: HTTP ${removed% *}, gone from node 2 after $gone ms"

stop_pid "$n1_pid"; stop_pid "$n2_pid"
pg_stop; unset -f pg_stop
log "PostgreSQL stopped and removed"
