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
ASPNETCORE_URLS=http://127.0.0.1:0 Portal__PublicUrl=http://127.0.0.1 Portal__Database__ConnectionString="Data Source=$data/portal.db" \
  setsid bash -c "cd '$out' && exec dotnet Portal.dll" >"$log" 2>&1 &
pid=$!
for _ in $(seq 1 120); do
  port=$(grep -oP 'Now listening on: http://127\.0\.0\.1:\K[0-9]+' "$log" 2>/dev/null) && break
  sleep 0.25
done
[ -n "${port:-}" ] || { cat "$log"; exit 1; }
code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/nl/countries/guinea")
# What the Dockerfile's HEALTHCHECK runs (from the app's folder), then readiness as the reverse proxy asks it.
health=0; (cd "$out" && dotnet Portal.dll health-check "http://127.0.0.1:$port/health/live") || health=$?
ready=0; (cd "$out" && dotnet Portal.dll health-check "http://127.0.0.1:$port/health/ready") || ready=$?
# An online backup by a second process while the node runs, and a command started from another folder (/).
backup=0; (cd / && Portal__Database__ConnectionString="Data Source=$data/portal.db" dotnet "$out/Portal.dll" backup "$data/backup.db") || backup=$?
validate=0; (cd / && dotnet "$out/Portal.dll" validate "$out/content") || validate=$?
kill -TERM -- -"$pid" 2>/dev/null || true
rm -rf "$data"
[ "$code" = 200 ] || { echo "publish: smoke test got HTTP $code"; exit 1; }
# Images are decoded by Skia's native library (Media/ImageUpload.cs): it must sit beside the app for this architecture.
[ -f "$out/libSkiaSharp.so" ] || { echo "publish: libSkiaSharp.so is missing from $out (SkiaSharp.NativeAssets.Linux.NoDependencies)"; exit 1; }
[ "$health" = 0 ] && [ "$ready" = 0 ] || { echo "publish: health-check failed (live exit $health, ready exit $ready)"; exit 1; }
[ "$backup" = 0 ] || { echo "publish: backup of the running node failed (exit $backup)"; exit 1; }
[ "$validate" = 0 ] || { echo "publish: validate from another folder failed (exit $validate)"; exit 1; }
echo "publish: $out serves /nl/countries/guinea (HTTP 200), health-check live and ready pass, backup and validate run from /"
