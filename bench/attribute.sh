#!/usr/bin/env bash
# Attribution benchmark, called by bench/run.sh with the server running (or alone, see below):
# N random points (BENCH_ATTRIBUTE_ROWS, default 1,000,000) in the two counties' bounding box with
# random dates 2014-01-01..today (seed 17) are attributed end to end through HTTP (curl uploads the
# CSV to POST /api/attribute and downloads the answer: upload, parse, lookup, write, download), and by
# PostGIS doing the same join (bench/sql/attribute_postgis.sql: COPY in, ST_Covers + services in force
# on the date, COPY out), alternated BENCH_ATTRIBUTE_ROUNDS times (default 1). The server's heap is
# sampled with jstat during each upload, and during one of N/10 rows, to show it does not grow with the
# file. Writes key=value lines to $OUT/attribute.txt.
#
#   bash bench/attribute.sh BASE_URL SERVER_PID "libpq conninfo" OUT_DIR
set -euo pipefail
BASE=$1 PID=$2 PGCONN=$3 OUT=$4
N=${BENCH_ATTRIBUTE_ROWS:-1000000}
ROUNDS=${BENCH_ATTRIBUTE_ROUNDS:-1}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
now_ns() { date +%s%N; }
q() { psql "$PGCONN" -v ON_ERROR_STOP=1 -qAt "$@"; }

ext=$(q -c "select ST_XMin(e) || ' ' || ST_YMin(e) || ' ' || ST_XMax(e) || ' ' || ST_YMax(e) from (select ST_Extent(geom) as e from area where dataset_id = (select dataset_id from current_dataset)) x")
gen() { # rows seed -> CSV on stdout
  python3 - "$1" "$2" $ext <<'PY'
import datetime, random, sys
n, seed, x0, y0, x1, y1 = int(sys.argv[1]), int(sys.argv[2]), *map(float, sys.argv[3:7])
r = random.Random(seed)
d0 = datetime.date(2014, 1, 1).toordinal(); d1 = datetime.date.today().toordinal()
out = sys.stdout
out.write("case_id,lon,lat,incident_date\n")
for i in range(n):
    out.write("c%d,%.6f,%.6f,%s\n" % (i, x0 + r.random() * (x1 - x0), y0 + r.random() * (y1 - y0),
              datetime.date.fromordinal(r.randint(d0, d1 - 1)).isoformat()))
PY
}
log "attribution: generating $N and $((N / 10)) random dated points"
gen "$N" 17 >"$OUT/attr-points.csv"
gen "$((N / 10))" 18 >"$OUT/attr-points-small.csv"
BYTES_IN=$(stat -c %s "$OUT/attr-points.csv")

heap_kb() { # "used old" heap in kB right now (jstat -gc: S0U S1U EU OU)
  jstat -gc "$PID" | awk 'NR == 2 {printf "%d %d", $3 + $4 + $6 + $8, $8}'
}
heap_after_gc_kb() {
  jcmd "$PID" GC.run >/dev/null
  heap_kb | cut -d' ' -f1
}
start_heap_sampler() { # one jstat sampling every 100 ms (one JVM, not one per sample: that would
  # load the 2 cores during the timed upload); one line per sample in $OUT/attr-peak.txt: the peak
  # used heap and old generation (kB) so far
  rm -f "$OUT/attr-peak.txt"
  jstat -gc "$PID" 100 > >(awk -v f="$OUT/attr-peak.txt" '
    $1 ~ /^[0-9.]+$/ {u = $3 + $4 + $6 + $8; if (u > p) p = u; if ($8 > o) o = $8; printf "%d %d\n", p, o > f; fflush(f)}') &
  SAMPLER=$! # jstat itself: killing it ends awk
  for _ in $(seq 1 50); do [ -s "$OUT/attr-peak.txt" ] && break; sleep 0.1; done
}
TICKS=$(getconf CLK_TCK)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; } # utime + stime of a process (all its threads)
http_run() { # file -> "seconds rows_out bytes_out peak_heap_kb peak_old_kb cpu_s"
  local file=$1 t0 t1 c0 c1 peak
  start_heap_sampler
  c0=$(cpu_ticks "$PID")
  t0=$(now_ns)
  curl -s -f -H 'Content-Type: text/csv' --data-binary "@$file" -o "$OUT/attr-http-out.csv" "$BASE/api/attribute"
  t1=$(now_ns)
  c1=$(cpu_ticks "$PID")
  sleep 0.2 # a last sample after the answer
  kill -TERM $SAMPLER 2>/dev/null; wait $SAMPLER 2>/dev/null || true
  sleep 0.1 # awk's last line
  peak=$(tail -1 "$OUT/attr-peak.txt" 2>/dev/null)
  [ -n "$peak" ] || peak="0 0"
  echo "$(( (t1 - t0) / 1000000 ))e-3 $(($(wc -l <"$OUT/attr-http-out.csv") - 1)) $(stat -c %s "$OUT/attr-http-out.csv") $peak" \
    "$(awk -v a="$c0" -v b="$c1" -v t="$TICKS" 'BEGIN {printf "%.2f", (b - a) / t}')"
}
pg_run() { # file -> "seconds rows_out cpu_s" (cpu_s: the backend's CPU time, -1 when not measurable)
  local t0 t1 cpu
  rm -f "$OUT/attr-pg-cpu".*
  t0=$(now_ns)
  PM_CPU_FILE="$OUT/attr-pg-cpu" psql "$PGCONN" -qAt -f "$ROOT/bench/sql/attribute_postgis.sql" <"$1" >"$OUT/attr-pg-out.csv"
  t1=$(now_ns)
  cpu=-1
  if [ -s "$OUT/attr-pg-cpu.start" ] && [ -s "$OUT/attr-pg-cpu.end" ]; then
    cpu=$(awk -v t="$TICKS" 'NR == FNR {a = $1; next} {printf "%.2f", ($1 - a) / t}' "$OUT/attr-pg-cpu.start" "$OUT/attr-pg-cpu.end")
  fi
  echo "$(( (t1 - t0) / 1000000 ))e-3 $(($(wc -l <"$OUT/attr-pg-out.csv") - 1)) $cpu"
}

log "attribution warm-up ($((N / 10)) rows through HTTP and PostGIS)"
http_run "$OUT/attr-points-small.csv" >/dev/null
pg_run "$OUT/attr-points-small.csv" >/dev/null
{
  echo "rows=$N"
  echo "bytes_in=$BYTES_IN"
  echo "heap_idle_before_kb=$(heap_after_gc_kb)"
  read -r s rows bytes peak old cpu <<<"$(http_run "$OUT/attr-points-small.csv")"
  echo "small_rows=$((N / 10)) small_http_s=$s small_peak_heap_kb=$peak small_peak_old_kb=$old"
  for round in $(seq 1 "$ROUNDS"); do
    log "attribution round $round/$ROUNDS: $N rows through HTTP, then PostGIS" >&2
    read -r hs hrows hbytes hpeak hold hcpu <<<"$(http_run "$OUT/attr-points.csv")"
    read -r ps prows pcpu <<<"$(pg_run "$OUT/attr-points.csv")"
    echo "round=$round load=$(cut -d' ' -f1 /proc/loadavg) http_s=$hs http_rows=$hrows http_bytes_out=$hbytes http_peak_heap_kb=$hpeak http_peak_old_kb=$hold http_cpu_s=$hcpu pg_s=$ps pg_rows=$prows pg_cpu_s=$pcpu"
  done
  echo "heap_idle_after_kb=$(heap_after_gc_kb)"
  echo "http_status_counts=$(awk -F, 'NR > 1 {c[$6]++} END {for (k in c) printf "%s:%d;", k, c[k]}' "$OUT/attr-http-out.csv")"
} >"$OUT/attribute.txt"
rm -f "$OUT"/attr-points*.csv "$OUT/attr-http-out.csv" "$OUT/attr-pg-out.csv" "$OUT/attr-peak.txt" "$OUT"/attr-pg-cpu.*
