#!/usr/bin/env bash
# Starts a throwaway PostgreSQL on 127.0.0.1 (a free port, a private data directory, trust auth) for the tests,
# without touching the system cluster. Use with `source`: exports PORTAL_TEST_PG (an Npgsql connection string)
# and PG_DATA; stop with pg_stop. initdb refuses to run as root, so as root it runs as the postgres user.
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$pg_bin" ] || { echo "pg-start: PostgreSQL is not installed (run scripts/install-test-deps.sh)"; return 1; }
PG_DATA=$(mktemp -d /tmp/portal-pg.XXXXXX)
PG_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
as_pg=()
if [ "$(id -u)" -eq 0 ]; then chown postgres "$PG_DATA"; as_pg=(runuser -u postgres --); fi
"${as_pg[@]}" "$pg_bin/initdb" -D "$PG_DATA" -U postgres -A trust --no-sync >/dev/null
"${as_pg[@]}" "$pg_bin/pg_ctl" -D "$PG_DATA" -o "-h 127.0.0.1 -p $PG_PORT -k $PG_DATA -F" -l "$PG_DATA/log" -w start >/dev/null
export PG_DATA PG_PORT
export PORTAL_TEST_PG="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres"
pg_stop() { "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null 2>&1 || true; rm -rf "$PG_DATA"; }
echo "pg-start: PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT"
