#!/usr/bin/env bash
# Installs, idempotently, what the test suite and the benchmark need beyond the .NET SDK:
# Debian's Chromium (driven by Playwright through ExecutablePath; no browser is downloaded),
# PostgreSQL, Java (for the Nu Html Checker), wrk, nginx (a caching proxy and a static host in tests), python3-vobject
# (the vCard parser), ffmpeg (short test videos), exiftool (reads what metadata a served image still carries) and the npm tools of tools/. Safe to run again; does nothing when all is present.
set -euo pipefail

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v java >/dev/null 2>&1 || need+=(default-jre-headless)
command -v wrk >/dev/null 2>&1 || need+=(wrk)
command -v ffmpeg >/dev/null 2>&1 || need+=(ffmpeg)   # makes the short test videos (MP4 H.264/AAC, WebM VP9/Opus)
[ -x /usr/sbin/nginx ] || need+=(nginx-light)
[ -x /usr/lib/postgresql/15/bin/initdb ] || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
dpkg -s fonts-noto-core >/dev/null 2>&1 || need+=(fonts-noto-core)   # Arabic-script glyphs for the browser tests
/usr/bin/python3 -c 'import vobject' >/dev/null 2>&1 || need+=(python3-vobject)  # a real vCard parser for the contact cards (Debian's python3, not a pyenv one)
command -v exiftool >/dev/null 2>&1 || need+=(libimage-exiftool-perl) # the media tests read an image's metadata with it

if [ ${#need[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "install-test-deps: installing ${need[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# The Nu Html Checker (its jar runs on the system Java) and swagger-parser, pinned, from npm.
root="$(cd "$(dirname "$0")/.." && pwd)"
if [ ! -f "$root/tools/node_modules/vnu-jar/build/dist/vnu.jar" ] || [ ! -d "$root/tools/node_modules/@apidevtools/swagger-parser" ]; then
  (cd "$root/tools" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi
echo "install-test-deps: ok"
