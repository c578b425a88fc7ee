#!/usr/bin/env bash
# `make lighthouse`: Lighthouse scores of the web map, mobile (Lighthouse's default: Moto G
# Power screen, 4x CPU slowdown, simulated slow 4G) and desktop (--preset=desktop), a few runs
# each, medians in bench/out/lighthouse/summary.md; every run's JSON report is kept beside it.
#
# The page is served by the packaged jar (as in production: gzip, ETags, cache headers) against
# an imported database, with the base map served by a local tile server in the documented XYZ
# format (bench/tiles.py, configured through PATROLMAP_TILE_URL as a deployment would) so the
# page is measured as it is used, with its tiles reachable, on a machine without internet. The
# runs use the default base map's URL form (/{z}/{x}/{y}.png, OpenStreetMap's: 256 px tiles only).
# Two more mobile runs: one with a high-density template (/{z}/{x}/{y}{r}.png, 512 px tiles on a
# phone, as several tile providers offer), one with the tile server unreachable (how the page
# degrades without tiles).
#
# Knobs: PATROLMAP_DB_URL (an imported database; `make import`), LIGHTHOUSE_RUNS (3),
# LIGHTHOUSE_PORT (17180; the tile server uses the next port), LIGHTHOUSE_VERSION (12.8.2: the
# last line that runs on Node 18/20), CHROME_PATH (/usr/bin/chromium), LIGHTHOUSE_JAR (the jar to
# serve, target/patrolmap.jar).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
OUT=$ROOT/bench/out/lighthouse
RUNS=${LIGHTHOUSE_RUNS:-3}
PORT=${LIGHTHOUSE_PORT:-17180}
TILE_PORT=$((PORT + 1))
VERSION=${LIGHTHOUSE_VERSION:-12.8.2}
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}
JAR=${LIGHTHOUSE_JAR:-$ROOT/target/patrolmap.jar}
LH=$ROOT/target/lighthouse/node_modules/.bin/lighthouse
FLAGS="--headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking"
log() { printf '[lighthouse %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

for tool in java node npm python3 curl "$CHROME_PATH"; do
  command -v "$tool" >/dev/null || { echo "lighthouse: $tool is missing" >&2; exit 1; }
done
[ -f "$JAR" ] || { echo "lighthouse: $JAR is missing (make build)" >&2; exit 1; }
if [ ! -x "$LH" ] || [ "$(node -p "require('$ROOT/target/lighthouse/node_modules/lighthouse/package.json').version")" != "$VERSION" ]; then
  log "installing lighthouse@$VERSION (npm) into target/lighthouse"
  npm install --no-audit --no-fund --no-save --prefix "$ROOT/target/lighthouse" "lighthouse@$VERSION" >&2
fi
mkdir -p "$OUT"
rm -f "$OUT"/*.json "$OUT"/*.load "$OUT"/*.log "$OUT"/summary.md

PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT

python3 "$ROOT/bench/tiles.py" "$TILE_PORT" &
PIDS+=($!)

# serve TILE_URL: starts the jar on $PORT with that base map; sets SERVER_PID.
serve() {
  PATROLMAP_PORT=$PORT PATROLMAP_TILE_URL="$1" PATROLMAP_WEB_DIR='' PATROLMAP_RELOAD_SECONDS=3600 \
    PATROLMAP_GEOCODER_URL=http://127.0.0.1:9/geocoder \
    java -Xmx512m -XX:+UseSerialGC -jar "$JAR" serve >"$OUT/server.log" 2>&1 &
  SERVER_PID=$!
  PIDS+=("$SERVER_PID")
  for _ in $(seq 1 120); do
    curl -sf "http://127.0.0.1:$PORT/api/config" >/dev/null && break
    sleep 0.5
  done
  curl -sf "http://127.0.0.1:$PORT/api/config" | grep -q '"dataset":{' \
    || { echo "lighthouse: no dataset served at $PATROLMAP_DB_URL (run make import)" >&2; exit 1; }
  # A production server is warm: its first requests (class loading, JIT) are not the page's cost.
  today=$(curl -sf "http://127.0.0.1:$PORT/api/config" | python3 -c 'import json,sys; print(json.load(sys.stdin)["today"])')
  for _ in 1 2 3 4 5; do
    for path in / /css/app.css /js/main.js /js/map.js /api/layers /api/footprints \
      /api/layers/areas?detail=low "/api/layers/patrol?date=$today&detail=low"; do
      curl -sf -o /dev/null -H 'Accept-Encoding: gzip' "http://127.0.0.1:$PORT$path"
    done
  done
}

stop_server() { kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; }

# run NAME [lighthouse flags...]: one Lighthouse run, JSON report to $OUT/NAME.json.
run() {
  local name=$1
  shift
  log "$name (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  cut -d' ' -f1-3 /proc/loadavg >"$OUT/$name.load"
  "$LH" "http://localhost:$PORT/" --quiet --output=json --output-path="$OUT/$name.json" \
    --chrome-flags="$FLAGS" "$@" >"$OUT/$name.log" 2>&1 \
    || { echo "lighthouse: run $name failed, see $OUT/$name.log" >&2; exit 1; }
}

serve "http://127.0.0.1:$TILE_PORT/{z}/{x}/{y}.png"
for i in $(seq 1 "$RUNS"); do
  run "mobile-$i"
  run "desktop-$i" --preset=desktop
done
stop_server

serve "http://127.0.0.1:$TILE_PORT/{z}/{x}/{y}{r}.png"
run "mobile-hidpi-tiles"
stop_server

# Tiles unreachable (an offline machine, a blocked tile host): nothing listens on the next port.
serve "http://127.0.0.1:$((TILE_PORT + 1))/{z}/{x}/{y}.png"
run "mobile-no-tiles"
stop_server

python3 "$ROOT/bench/lighthouse_report.py" "$OUT" | tee "$OUT/summary.md"
