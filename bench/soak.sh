#!/usr/bin/env bash
# Soak test (`make soak`): a bounded mixed load against a server on a free port with its own
# database (patrolmap_soak), for SOAK_SECONDS (default 600). Reports zero 5xx, RSS over time,
# threads and database connections (pg_stat_activity) at start and end. Exit 1 on any 5xx.
#   SOAK_SECONDS (600)  SOAK_THREADS (4)  SOAK_RPS (150, total cap)  SOAK_SAMPLE_SECONDS (30)
#   SOAK_DB (patrolmap_soak)  SOAK_SKIP_IMPORT (unset: import first)  SOAK_JAR (target/patrolmap.jar)
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_TOTAL=${SOAK_SECONDS:-600}
THREADS=${SOAK_THREADS:-4}
RPS=${SOAK_RPS:-150}
SAMPLE=${SOAK_SAMPLE_SECONDS:-30}
DB=${SOAK_DB:-patrolmap_soak}
PGPORT=${PATROLMAP_PGPORT:-55432}
JAR=${SOAK_JAR:-target/patrolmap.jar}   # a copy lets you rebuild while the soak runs
OUT=${SOAK_OUT:-target/soak}
mkdir -p "$OUT"
[ -f "$JAR" ] || { echo "soak: build first (make build)" >&2; exit 2; }
if [ -z "${PATROLMAP_DATA_MIRROR:-}" ] && [ -d ../shared/data/tiger ]; then export PATROLMAP_DATA_MIRROR=$(cd ../shared/data && pwd); fi

as_pg() { if [ "$(id -un)" = postgres ]; then "$@"; elif [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi; }
psql_pg() { as_pg psql -h 127.0.0.1 -p "$PGPORT" -U postgres -v ON_ERROR_STOP=1 -qAt "$@"; }
psql_pg -d postgres -c "select 1 from pg_database where datname='$DB'" | grep -q 1 || psql_pg -d postgres -c "create database $DB"
psql_pg -d "$DB" -c "create extension if not exists postgis"
export PATROLMAP_DB_URL="jdbc:postgresql://127.0.0.1:${PGPORT}/${DB}?user=postgres"
export PATROLMAP_GEOCODER_URL=http://127.0.0.1:9   # never leave the machine
export PATROLMAP_TILE_URL=""
if [ -z "${SOAK_SKIP_IMPORT:-}" ]; then
  echo "soak: importing into $DB"
  java -jar "$JAR" import > "$OUT/import.log" 2>&1 || { tail -20 "$OUT/import.log"; exit 1; }
fi

PATROLMAP_PORT=0 java -Xmx512m -XX:+UseSerialGC -jar "$JAR" serve > "$OUT/server.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true; wait $PID 2>/dev/null || true' EXIT
PORT=""
for _ in $(seq 1 120); do
  PORT=$(sed -n 's#^patrolmap serving on http://localhost:\([0-9]*\)/.*#\1#p' "$OUT/server.log" | head -1)
  [ -n "$PORT" ] && break
  kill -0 $PID 2>/dev/null || { cat "$OUT/server.log"; exit 1; }
  sleep 0.5
done
[ -n "$PORT" ] || { echo "soak: server did not start"; cat "$OUT/server.log"; exit 1; }
BASE="http://127.0.0.1:$PORT"
echo "soak: server pid $PID on $BASE; ${SECONDS_TOTAL}s, $THREADS threads, <= $RPS req/s"

# live heap after a full GC, in KiB: the sum of "used" over the heap's generations (Serial, Parallel or G1)
heap() { jcmd $PID GC.run >/dev/null 2>&1 || true; jcmd $PID GC.heap_info 2>/dev/null | grep -E '(generation|heap|PSYoungGen|ParOldGen) +total' | sed -n 's/.*used \([0-9]*\)K.*/\1/p' | awk '{s+=$1}END{print s "K"}'; }
sample() { # elapsed rss_kb live_heap_kb_after_full_gc threads db_connections
  local rss thr conns
  rss=$(ps -o rss= -p $PID | tr -d ' ')
  thr=$(ls /proc/$PID/task | wc -l)
  conns=$(psql_pg -d postgres -c "select count(*) from pg_stat_activity where datname='$DB' and application_name='patrolmap'")
  echo "$1 $rss $(heap) $thr $conns"
}

# warm-up: every layer once, so the start sample is taken with caches filled
for l in areas patrol dispatch contracts footprints; do curl -s -o /dev/null "$BASE/api/layers/$l"; done
echo "t_s rss_kb heap_after_gc threads db_conns" > "$OUT/samples.txt"
sample 0 >> "$OUT/samples.txt"
java bench/Soak.java "$BASE" "$SECONDS_TOTAL" "$THREADS" "$RPS" > "$OUT/load.log" 2>&1 &
LOAD=$!
start=$(date +%s)
while kill -0 $LOAD 2>/dev/null; do
  sleep "$SAMPLE"
  kill -0 $LOAD 2>/dev/null && sample $(( $(date +%s) - start )) >> "$OUT/samples.txt"
done
set +e; wait $LOAD; RC=$?; set -e
sleep 2
sample $(( $(date +%s) - start )) >> "$OUT/samples.txt"
HEALTH=$(curl -s -o /dev/null -w '%{http_code}' "$BASE/health")
cat "$OUT/samples.txt"
grep -E '^soak-(result|first-failure)' "$OUT/load.log"
read -r _ rss0 heap0 thr0 conn0 < <(sed -n 2p "$OUT/samples.txt")
read -r _ rss1 heap1 thr1 conn1 < <(tail -1 "$OUT/samples.txt")
read -r _ rssm heapm _ _ < <(tail -n +2 "$OUT/samples.txt" | awk '{a[NR]=$0}END{print a[int((NR+1)/2)]}')
rssmax=$(tail -n +2 "$OUT/samples.txt" | awk 'max<$2{max=$2}END{print max}')
echo "soak-summary rss_kb start=$rss0 mid=$rssm end=$rss1 max=$rssmax; live_heap start=$heap0 mid=$heapm end=$heap1; threads start=$thr0 end=$thr1; db_connections start=$conn0 end=$conn1; health_after=$HEALTH; load_exit=$RC"
[ "$HEALTH" = 200 ] && [ "$RC" = 0 ]
