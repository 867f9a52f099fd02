#!/usr/bin/env bash
# Mirrors the Dockerfile's steps without Docker: restore, publish Release, lay content/ and locales/ beside the
# app, then start it from that folder on a free port with a fresh SQLite file and check it serves a page.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$root/out/publish}"
cd "$root"
# ReadyToRun (precompiled native code, as in the Dockerfile): a cold start JITs far less (bench/run.sh measures it).
# It needs a runtime identifier: this machine's architecture, as the image build uses its target's.
arch=$(uname -m | sed 's/x86_64/x64/; s/aarch64/arm64/')
r2r=(-a "$arch" -p:PublishReadyToRun=true)
dotnet restore src/Portal/Portal.csproj "${r2r[@]}"
dotnet publish src/Portal/Portal.csproj -c Release -o "$out" --no-restore --self-contained false "${r2r[@]}"
rm -rf "$out/content" "$out/locales"
cp -r content "$out/content"
cp -r locales "$out/locales"

data=$(mktemp -d)
log="$data/app.log"
ASPNETCORE_URLS=http://127.0.0.1:0 Portal__Database__ConnectionString="Data Source=$data/portal.db" \
  setsid bash -c "cd '$out' && exec dotnet Portal.dll" >"$log" 2>&1 &
pid=$!
for _ in $(seq 1 120); do
  port=$(grep -oP 'Now listening on: http://127\.0\.0\.1:\K[0-9]+' "$log" 2>/dev/null) && break
  sleep 0.25
done
[ -n "${port:-}" ] || { cat "$log"; exit 1; }
code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/nl/countries/guinea")
kill -TERM -- -"$pid" 2>/dev/null || true
rm -rf "$data"
[ "$code" = 200 ] || { echo "publish: smoke test got HTTP $code"; exit 1; }
echo "publish: $out serves /nl/countries/guinea (HTTP 200)"
