#!/usr/bin/env bash
# Prints what a country page costs a reader: bytes transferred (Brotli, as browsers ask) for the HTML and its one
# stylesheet, per language. Usage: bench/page-weight.sh   (publishes Release into out/publish first)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
bash scripts/publish.sh >/dev/null
source bench/app.sh
APP_DIR="$root/out/publish" APP_DB=$(mktemp -u /tmp/portal-weight.XXXXXX.db)
app_start
trap app_stop EXIT
printf "%-6s %-8s %10s %10s %10s\n" lang country html_B css_B total_B
for c in nl en fr ar fa ckb; do
  for country in guinea iraq; do
    url="$APP_URL/$c/countries/$country"
    html=$(curl -s -H 'Accept-Encoding: br' "$url" -o /tmp/pw.br -w '%{size_download}')
    css_path=$(curl -s "$url" | grep -oP 'href="\K/css/[^"]+')
    css=$(curl -s -H 'Accept-Encoding: br' "$APP_URL$css_path" -o /dev/null -w '%{size_download}')
    printf "%-6s %-8s %10s %10s %10s\n" "$c" "$country" "$html" "$css" $((html + css))
  done
done
