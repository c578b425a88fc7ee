#!/usr/bin/env bash
# `make bench`: measures patrolmap against PostGIS/GDAL doing the same work, side by side in one
# run on this machine, and writes BENCHMARKS.md (figures from this run + bench/analysis.md).
#
#   1. import (whole St. Louis import, and its place-file stage) vs ogr2ogr loading the same file
#   2. point lookup over HTTP (wrk) vs the same point-in-polygon query in PostGIS (pgbench),
#      plus a JMH microbenchmark of the in-memory index alone
#   3. whole-layer downloads (plain, gzip, 304) vs psql building the same FeatureCollection
#   4. the 24:1 overlay report, p50/p99
#   4b. attribution of 1,000,000 dated points: POST /api/attribute vs the PostGIS join (bench/attribute.sh)
#   5. server RSS after warm-up, time from process start to the first answered lookup
#   6. scale: a synthetic 35,000-cell Voronoi tiling of the US (JMH + heap/build probe)
#
# Uses its own database (patrolmap_bench on the project cluster, created when missing) unless
# PATROLMAP_BENCH_DB_URL, or a non-default PATROLMAP_DB_URL, names another PostGIS. Raw results go
# to bench/out/ (ignored by git). Knobs: BENCH_SECONDS (one lookup load round, default 10),
# BENCH_ROUNDS (alternated wrk/pgbench rounds, default 3), BENCH_ATTRIBUTE_ROWS (1000000),
# BENCH_ATTRIBUTE_ROUNDS (alternated HTTP/PostGIS attribution rounds, default 1), BENCH_CONNS
# (16), BENCH_THREADS (2), BENCH_PORT (first port tried, 17070), BENCH_PROFILE=1 (JFR recording
# of the server during the lookup load, summarised in bench/out/profile.txt), BENCH_ONLY=attribute
# (section 4b alone, for iterating: imports only when the database has no dataset, prints
# bench/out/attribute.txt and leaves BENCHMARKS.md alone).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
OUT=$ROOT/bench/out
mkdir -p "$OUT"
rm -f "$OUT"/*.json "$OUT"/*.txt "$OUT"/*.cp "$OUT"/*.log "$OUT"/*.lua "$OUT"/*.sql "$OUT"/pgbench_log* "$OUT"/*.jfr
MVN=${MVN:-mvn -B -q}
export PGOPTIONS="-c client_min_messages=warning"
JAR=$ROOT/target/patrolmap.jar
SECONDS_LOAD=${BENCH_SECONDS:-10}
ROUNDS=${BENCH_ROUNDS:-3}
CONNS=${BENCH_CONNS:-16}
THREADS=${BENCH_THREADS:-2}
SERVER_JVM=${BENCH_SERVER_JVM:--Xmx512m -XX:+UseSerialGC}
log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
now_ns() { date +%s%N; }
for tool in java psql pgbench wrk ogr2ogr curl python3; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is missing (run scripts/install-deps.sh)" >&2; exit 1; }
done

# --- database -------------------------------------------------------------------------------------
DEFAULT_URL=$(bash scripts/db.sh url patrolmap)
if [ -n "${PATROLMAP_BENCH_DB_URL:-}" ]; then
  BENCH_URL=$PATROLMAP_BENCH_DB_URL
elif [ -n "${PATROLMAP_DB_URL:-}" ] && [ "$PATROLMAP_DB_URL" != "$DEFAULT_URL" ]; then
  BENCH_URL=$PATROLMAP_DB_URL
else
  BENCH_URL=$(bash scripts/db.sh url patrolmap_bench)
fi
# jdbc:postgresql://host:port/db?user=u&password=p -> libpq keyword/value string
conninfo() {
  local u=${1#jdbc:postgresql://} hostport db query k v out
  hostport=${u%%/*}; u=${u#*/}; db=${u%%\?*}; query=""; [[ $u == *\?* ]] && query=${u#*\?}
  out="host=${hostport%%:*} dbname=$db"
  [[ $hostport == *:* ]] && out="$out port=${hostport##*:}"
  IFS='&' read -ra kv <<<"$query"
  for p in "${kv[@]}"; do
    k=${p%%=*}; v=${p#*=}
    case $k in user|password|sslmode) out="$out $k=$v" ;; esac
  done
  echo "$out"
}
PGCONN=$(conninfo "$BENCH_URL")
DBNAME=$(sed -E 's/.* ?dbname=([^ ]+).*/\1/' <<<"$PGCONN")
MAINT=${PGCONN/dbname=$DBNAME/dbname=postgres}
q() { psql "$PGCONN" -v ON_ERROR_STOP=1 -qAt "$@"; }
if ! psql "$MAINT" -qAt -c "select 1 from pg_database where datname = '$DBNAME'" | grep -q 1; then
  log "creating database $DBNAME"
  psql "$MAINT" -v ON_ERROR_STOP=1 -qAt -c "create database $DBNAME"
fi
q -c "create extension if not exists postgis" 2>/dev/null
export PATROLMAP_DB_URL=$BENCH_URL
if [ -z "${PATROLMAP_DATA_MIRROR:-}" ] && [ -d ../shared/data/tiger ]; then
  export PATROLMAP_DATA_MIRROR=$(cd ../shared/data && pwd)
fi
export PATROLMAP_PROJECT_DIR=$ROOT
log "database: ${BENCH_URL%%\?*}; data mirror: ${PATROLMAP_DATA_MIRROR:-none (downloads)}"

# --- build: the jar (make builds it) and the JMH classes with their classpath ---------------------
[ -f "$JAR" ] || $MVN package -DskipTests
$MVN test-compile dependency:build-classpath -Dmdep.outputFile="$OUT/test.cp" -Dmdep.includeScope=test >/dev/null
BENCH_CP=$ROOT/target/test-classes:$ROOT/target/classes:$(cat "$OUT/test.cp")

# --- machine --------------------------------------------------------------------------------------
{
  echo "nproc=$(nproc)"
  echo "ram_mb=$(awk '/MemTotal/ {printf "%d", $2/1024}' /proc/meminfo)"
  echo "cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
  echo "java=$(java -version 2>&1 | head -1)"
  echo "postgres=$(q -c 'show server_version')"
  echo "postgis=$(q -c 'select postgis_lib_version()') (GEOS $(q -c 'select postgis_geos_version()' | cut -d- -f1))"
  echo "wrk=$(wrk -v 2>&1 | head -1 | awk '{print $1, $2}')"
  echo "pgbench=$(pgbench --version)"
  echo "ogr2ogr=$(ogr2ogr --version)"
  echo "commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD 2>/dev/null || echo '+dirty')"
  echo "date=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "server_jvm=$SERVER_JVM"
  echo "loadavg_start=$(cut -d' ' -f1-3 /proc/loadavg)"
  echo "load=${SECONDS_LOAD}s, $CONNS connections, $THREADS threads, $ROUNDS rounds"
} >"$OUT/machine.txt"

ONLY=${BENCH_ONLY:-}
case $ONLY in ''|attribute) ;; *) echo "bench: BENCH_ONLY must be 'attribute' or empty" >&2; exit 1 ;; esac
if [ "$ONLY" = attribute ]; then
  if [ -z "$(q -c "select 1 from pg_tables where tablename = 'current_dataset'")" ] \
    || [ -z "$(q -c 'select dataset_id from current_dataset')" ]; then
    log "no dataset yet: importing once"
    java -jar "$JAR" fetch >/dev/null
    java -jar "$JAR" import >"$OUT/import-1.log" 2>&1
  fi
else
# --- 1. import vs ogr2ogr -------------------------------------------------------------------------
# Place file as fetched by the importer (shapefiles/cache), else straight from the mirror.
java -jar "$JAR" fetch >/dev/null
PLACE_SHP=$(find "$ROOT/shapefiles/cache" -name 'tl_2019_29_place.shp' | head -1)
[ -n "$PLACE_SHP" ] || { echo "bench: tl_2019_29_place.shp not found after fetch" >&2; exit 1; }
OGR_PG="PG:$PGCONN"
: >"$OUT/import.txt"
for run in 1 2 3; do
  log "import run $run/3 (patrolmap import, then ogr2ogr of the place file)"
  t0=$(now_ns)
  java -jar "$JAR" import >"$OUT/import-$run.log" 2>&1
  t1=$(now_ns)
  # Place-file stage = reading it + loading it (insert with reprojection), from the import's own clock.
  # The geometry check/repair pass runs afterwards over the used features of all layers.
  place=$(awk '
    function t() { match($0, /[0-9]+\.[0-9]+s\]/); return substr($0, RSTART, RLENGTH - 2) + 0 }
    /s\] reading tl_2019_29_place/ {r0 = t(); next}
    /s\] reading / && r0 != "" && r1 == "" {r1 = t()}
    /s\] loading places/ {l0 = t(); next}
    /s\] (loading|deriving) / && l0 != "" && l1 == "" {l1 = t()}
    END {printf "%.3f", (r1 - r0) + (l1 - l0)}' "$OUT/import-$run.log")
  q -c "drop table if exists bench_ogr_place"
  t2=$(now_ns)
  ogr2ogr -f PostgreSQL "$OGR_PG" "$PLACE_SHP" -nln bench_ogr_place -lco GEOMETRY_NAME=geom \
    -nlt PROMOTE_TO_MULTI -t_srs EPSG:4326
  t3=$(now_ns)
  n=$(q -c "select count(*) from bench_ogr_place")
  echo "run=$run import_s=$(( (t1 - t0) / 1000000 ))e-3 place_stage_s=$place ogr2ogr_s=$(( (t3 - t2) / 1000000 ))e-3 ogr_rows=$n" >>"$OUT/import.txt"
done
q -c "drop table if exists bench_ogr_place"
fi

# --- server ---------------------------------------------------------------------------------------
port=${BENCH_PORT:-17070}
while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
BASE=http://127.0.0.1:$port
# A point in Ferguson: the first successful lookup marks the end of start-up.
PROBE="$BASE/api/lookup?lon=-90.3054&lat=38.7442"
JFR_OPTS=""
[ "${BENCH_PROFILE:-0}" = 1 ] && JFR_OPTS="-XX:+FlightRecorder"
log "starting the server on port $port ($SERVER_JVM)"
t0=$(now_ns)
# shellcheck disable=SC2086
java $SERVER_JVM $JFR_OPTS -jar "$JAR" serve --port "$port" >"$OUT/server.log" 2>&1 &
SERVER_PID=$!
trap 'kill $SERVER_PID 2>/dev/null || true; wait $SERVER_PID 2>/dev/null || true' EXIT
until [ "$(curl -s -o /dev/null -w '%{http_code}' "$PROBE" || true)" = 200 ]; do
  kill -0 $SERVER_PID 2>/dev/null || { cat "$OUT/server.log" >&2; echo "bench: the server died" >&2; exit 1; }
  [ $(( ($(now_ns) - t0) / 1000000000 )) -lt 120 ] || { echo "bench: no answer after 120 s" >&2; exit 1; }
  sleep 0.05
done
t1=$(now_ns)
echo "startup_ms=$(( (t1 - t0) / 1000000 ))" >"$OUT/startup.txt"
echo "rss_after_start_kb=$(ps -o rss= -p $SERVER_PID | tr -d ' ')" >>"$OUT/startup.txt"

if [ "$ONLY" = attribute ]; then
  bash "$ROOT/bench/attribute.sh" "$BASE" "$SERVER_PID" "$PGCONN" "$OUT"
  echo "loadavg_end=$(cut -d' ' -f1-3 /proc/loadavg)" >>"$OUT/machine.txt"
  cat "$OUT/machine.txt" "$OUT/attribute.txt"
  exit 0
fi

# --- 2. lookups: the same 1,000 points for wrk and pgbench ----------------------------------------
# Random points inside the two counties, reproducible (PostGIS seeded generator), rounded to the
# 6 decimals sent over HTTP, and kept only when still covered after rounding.
q <<'SQL'
drop table if exists bench_point;
create table bench_point (i int primary key, lon double precision not null, lat double precision not null);
insert into bench_point
select row_number() over (order by d.path), x, y from (
  select d.path, round(ST_X(d.geom)::numeric, 6)::float8 as x, round(ST_Y(d.geom)::numeric, 6)::float8 as y
  from (select (ST_Dump(ST_GeneratePoints(ST_Union(geom), 1050, 42))).*
        from area where dataset_id = (select dataset_id from current_dataset)) d
) d
where exists (select 1 from area a where a.dataset_id = (select dataset_id from current_dataset)
              and ST_Covers(a.geom, ST_SetSRID(ST_MakePoint(x, y), 4326)))
order by d.path limit 1000;
analyze bench_point;
SQL
NPOINTS=$(q -c "select count(*) from bench_point")
{
  echo "-- generated by bench/run.sh: $NPOINTS points inside the two counties (seed 42)"
  echo "local paths = {"
  q -F, -c "select lon, lat from bench_point order by i" | awk -F, '{printf "  \"/api/lookup?lon=%s&lat=%s\",\n", $1, $2}'
  echo "}"
  cat "$ROOT/bench/lookup.lua"
} >"$OUT/lookup.lua"
cat >"$OUT/lookup.sql" <<SQL
\set i random(1, $NPOINTS)
select a.id from area a join bench_point p on p.i = :i where a.dataset_id = (select dataset_id from current_dataset) and ST_Covers(a.geom, ST_SetSRID(ST_MakePoint(p.lon, p.lat), 4326));
SQL
q -c "explain select a.id from area a join bench_point p on p.i = 1 where a.dataset_id = (select dataset_id from current_dataset) and ST_Covers(a.geom, ST_SetSRID(ST_MakePoint(p.lon, p.lat), 4326))" >"$OUT/pgbench-plan.txt"

log "lookup warm-up (wrk 8 s, pgbench 5 s)"
wrk -t "$THREADS" -c "$CONNS" -d 8s -s "$OUT/lookup.lua" "$BASE" >"$OUT/wrk-warmup.txt"
pgbench -n -c "$CONNS" -j "$THREADS" -T 5 -M prepared -f "$OUT/lookup.sql" "$PGCONN" >/dev/null 2>&1
# Alternate HTTP and PostGIS rounds so both see the same background load (this machine is shared).
for round in $(seq 1 "$ROUNDS"); do
  log "lookup round $round/$ROUNDS: wrk ${SECONDS_LOAD}s over HTTP, then pgbench ${SECONDS_LOAD}s ($CONNS connections)"
  if [ "${BENCH_PROFILE:-0}" = 1 ] && [ "$round" = 1 ]; then
    jcmd $SERVER_PID JFR.start name=bench settings=profile filename="$OUT/lookup.jfr" >/dev/null
  fi
  wrk -t "$THREADS" -c "$CONNS" -d "${SECONDS_LOAD}s" --latency -s "$OUT/lookup.lua" "$BASE" >"$OUT/wrk-$round.txt"
  if [ "${BENCH_PROFILE:-0}" = 1 ] && [ "$round" = 1 ]; then
    jcmd $SERVER_PID JFR.stop name=bench >/dev/null
    jfr print --stack-depth 64 --events jdk.ExecutionSample "$OUT/lookup.jfr" | python3 bench/jfr_top.py >"$OUT/profile.txt"
  fi
  (cd "$OUT" && pgbench -n -c "$CONNS" -j "$THREADS" -T "$SECONDS_LOAD" -M prepared -f "$OUT/lookup.sql" \
    -l --log-prefix=pgbench_log "$PGCONN" >"$OUT/pgbench-$round.txt" 2>&1)
  # one line per transaction: client, tx, latency (us), ... -> p50/p99
  cat "$OUT"/pgbench_log* | python3 -c '
import sys
lat = sorted(int(l.split()[2]) for l in sys.stdin if l.strip())
pick = lambda q: lat[min(len(lat) - 1, int(q * len(lat)))]
print("p50_us=%d p99_us=%d n=%d" % (pick(0.50), pick(0.99), len(lat)))' >"$OUT/pgbench-latency-$round.txt"
  rm -f "$OUT"/pgbench_log*
done
echo "rss_after_lookups_kb=$(ps -o rss= -p $SERVER_PID | tr -d ' ')" >>"$OUT/startup.txt"

# --- 3. whole-layer downloads vs psql -------------------------------------------------------------
N_LAYER=${BENCH_LAYER_REQUESTS:-30}
: >"$OUT/layers.txt"
curl_many() { # url n extra-curl-args... -> one "code bytes seconds" line per request, one connection
  local url=$1 n=$2; shift 2
  local args=()
  for ((k = 0; k < n; k++)); do args+=(-o /dev/null "$url"); done
  curl -s "$@" -w '%{http_code} %{size_download} %{time_total}\n' "${args[@]}"
}
psql_many() { # sqlfile n -> one "ms" line per run, one session, output discarded
  { echo '\timing on'; echo '\o /dev/null'; for ((k = 0; k < $2; k++)); do cat "$1"; done; } \
    | psql "$PGCONN" -qAt -v ON_ERROR_STOP=1 | sed -nE 's/^Time: ([0-9.]+) ms.*/\1/p'
}
for layer in areas patrol; do
  log "layer $layer: HTTP plain/gzip/304 and psql, $N_LAYER requests each"
  url="$BASE/api/layers/$layer"
  etag=$(curl -s -D - -o /dev/null "$url" | tr -d '\r' | sed -n 's/^[Ee][Tt]ag: //p')
  curl_many "$url" 3 >/dev/null
  curl_many "$url" "$N_LAYER" | sed "s/^/$layer plain /" >>"$OUT/layers.txt"
  curl_many "$url" "$N_LAYER" -H 'Accept-Encoding: gzip' | sed "s/^/$layer gzip /" >>"$OUT/layers.txt"
  curl_many "$url" "$N_LAYER" -H "If-None-Match: $etag" | sed "s/^/$layer 304 /" >>"$OUT/layers.txt"
  psql_many "bench/sql/layer_$layer.sql" 2 >/dev/null
  bytes=$(psql "$PGCONN" -qAt -v ON_ERROR_STOP=1 -f "bench/sql/layer_$layer.sql" | wc -c)
  psql_many "bench/sql/layer_$layer.sql" "$N_LAYER" | awk -v l="$layer" -v b="$bytes" '{printf "%s psql 200 %d %.6f\n", l, b, $1 / 1000}' >>"$OUT/layers.txt"
done

# --- 4. overlay -----------------------------------------------------------------------------------
log "overlay of the 24:1 footprint: 20 warm-up + 200 requests"
curl_many "$BASE/api/footprints/normandy-24-1/overlay" 20 >/dev/null
curl_many "$BASE/api/footprints/normandy-24-1/overlay" 200 >"$OUT/overlay.txt"

# --- 4b. attribution: 1,000,000 dated points through HTTP vs the PostGIS join -------------------
bash "$ROOT/bench/attribute.sh" "$BASE" "$SERVER_PID" "$PGCONN" "$OUT"

# --- 4c. downloads: GeoPackage and CSV, cold (first request) and warm, vs ogr2ogr -------------------
log "downloads: patrol as GeoPackage/CSV cold and warm, NENA pair, ogr2ogr GeoJSON->GPKG baseline"
: >"$OUT/downloads.txt"
for f in gpkg csv; do
  # cold: first encoding of today's (already built) patrol layer; then of a date never asked (dissolve too)
  curl_many "$BASE/api/layers/patrol?f=$f" 1 | sed "s/^/patrol $f cold /" >>"$OUT/downloads.txt"
  curl_many "$BASE/api/layers/patrol?f=$f&date=2016-06-01" 1 | sed "s/^/patrol $f cold_new_date /" >>"$OUT/downloads.txt"
  curl_many "$BASE/api/layers/patrol?f=$f" 20 | sed "s/^/patrol $f warm /" >>"$OUT/downloads.txt"
done
curl_many "$BASE/api/nena?f=gpkg" 1 | sed "s/^/nena gpkg cold /" >>"$OUT/downloads.txt"
curl_many "$BASE/api/nena?f=gpkg" 20 | sed "s/^/nena gpkg warm /" >>"$OUT/downloads.txt"
# vector tiles of the patrol layer around Charlack: first request (simplify the zoom + clip) and warm
for zxy in 10/255/392 12/1020/1569 14/4080/6279; do
  curl_many "$BASE/api/tiles/patrol/$zxy.mvt?date=2016-06-01" 1 | sed "s#^#tile-z${zxy%%/*} mvt cold #" >>"$OUT/downloads.txt"
  curl_many "$BASE/api/tiles/patrol/$zxy.mvt?date=2016-06-01" 20 | sed "s#^#tile-z${zxy%%/*} mvt warm #" >>"$OUT/downloads.txt"
done
curl -s "$BASE/api/layers/patrol" -o "$OUT/patrol.geojson"
for i in 1 2 3; do
  rm -f "$OUT/patrol-ogr.gpkg"
  t0=$(date +%s.%N)
  ogr2ogr -f GPKG "$OUT/patrol-ogr.gpkg" "$OUT/patrol.geojson" -nln patrol -nlt PROMOTE_TO_MULTI
  t1=$(date +%s.%N)
  echo "patrol ogr2ogr run 200 $(stat -c %s "$OUT/patrol-ogr.gpkg") $(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')" >>"$OUT/downloads.txt"
done

# --- 5. memory after warm-up ----------------------------------------------------------------------
echo "rss_after_warmup_kb=$(ps -o rss= -p $SERVER_PID | tr -d ' ')" >>"$OUT/startup.txt"
kill $SERVER_PID
wait $SERVER_PID 2>/dev/null || true
trap - EXIT

# --- 2b and 6. JMH: the in-memory index alone, St. Louis and the synthetic national tiling --------
JMH=(java -cp "$BENCH_CP" -Dpatrolmap.db.url="$BENCH_URL" org.openjdk.jmh.Main LookupIndexBench
  -f 1 -wi 3 -w 2s -i 5 -r 2s -jvmArgs "-Xmx3g -Dpatrolmap.db.url=$BENCH_URL")
log "JMH throughput, $THREADS threads (2 datasets x 2 benchmarks)"
"${JMH[@]}" -bm thrpt -t "$THREADS" -tu s -rf json -rff "$OUT/jmh-thrpt.json" >"$OUT/jmh-thrpt.txt" 2>&1
log "JMH sample time (latency percentiles), 1 thread"
"${JMH[@]}" -bm sample -t 1 -tu us -rf json -rff "$OUT/jmh-sample.json" >"$OUT/jmh-sample.txt" 2>&1

log "scale probe: 35,000 Voronoi cells (build time, heap)"
java -Xmx3g -cp "$BENCH_CP" org.patrolmap.bench.ScaleProbe 35000 >"$OUT/scale.json"

echo "loadavg_end=$(cut -d' ' -f1-3 /proc/loadavg)" >>"$OUT/machine.txt"

# --- report ---------------------------------------------------------------------------------------
python3 bench/report.py "$OUT" "$ROOT/bench/analysis.md" >"$ROOT/BENCHMARKS.md"
log "wrote BENCHMARKS.md"
