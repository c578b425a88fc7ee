#!/usr/bin/env bash
# Installs what patrolmap needs with apt, only what is missing. Idempotent; when everything is
# present it makes no apt call at all.
#   a JDK 17+ and Maven: when `javac` (major >= 17) or `mvn` are missing. The JDK is
#     default-jdk-headless when that is 17+, else the lowest openjdk-N-jdk-headless with N >= 17
#   postgresql-N + postgresql-N-postgis-3 + postgis: the database and its tools (shp2pgsql). N is
#     the installed major that has PostGIS, else the highest major the distribution offers PostGIS
#     for (15 on Debian 12, 16 on Ubuntu 24.04, 17 on Debian 13)
#   gdal-bin: ogrinfo/ogr2ogr (OGC API client test, import benchmark); curl
#   chromium + chromium-driver: the headless browser test of the web map; npm: installs axe-core,
#     the browser test's accessibility checker; wrk: the HTTP load generator of `make bench`.
#     These are skipped with a warning where the distribution has
#     no package for them (Ubuntu ships Chromium as a snap only).
# Usage: install-deps.sh [--dry-run]   (--dry-run prints what would be installed, changes nothing)
set -euo pipefail
DRY_RUN=false; [ "${1:-}" = --dry-run ] && DRY_RUN=true
JAVA_MIN=17
REQUIRED=(postgis gdal-bin curl)
OPTIONAL=(chromium chromium-driver wrk npm)

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
offered() { apt-cache policy "$1" 2>/dev/null | grep -q 'Candidate: [^(]'; }

# Major version of the `javac` on PATH; 0 when there is none. "1.8.0_392" is 8, "17.0.15" is 17.
javac_major() {
  command -v javac >/dev/null 2>&1 || { echo 0; return; }
  local v
  v=$(javac -version 2>&1 | sed -nE 's/^javac ([0-9._]+).*/\1/p')
  v=${v#1.}
  v=${v%%[!0-9]*}
  echo "${v:-0}"
}

# Major version of the Java that `mvn` runs on (it honours JAVA_HOME); empty when `mvn -v` fails.
mvn_java_major() {
  local v
  v=$(mvn -B -v 2>/dev/null) || return 0
  v=$(sed -nE 's/^Java version: ([0-9._]+).*/\1/p' <<<"$v")
  v=${v#1.}
  echo "${v%%[!0-9]*}"
}

# The highest installed PostgreSQL major whose PostGIS package is installed too; empty when none.
pg_installed_major() {
  local initdb n
  for initdb in $(printf '%s\n' /usr/lib/postgresql/*/bin/initdb | sort -rV); do
    [ -x "$initdb" ] || continue
    n=${initdb#/usr/lib/postgresql/}; n=${n%%/*}
    if installed "postgresql-$n-postgis-3"; then echo "$n"; return; fi
  done
}

# The highest PostgreSQL major for which apt offers postgresql-N-postgis-3; empty when none.
pg_offered_major() {
  local n
  for n in $(apt-cache pkgnames postgresql- 2>/dev/null | sed -nE 's/^postgresql-([0-9]+)-postgis-3$/\1/p' | sort -rn); do
    if apt-cache show "postgresql-$n-postgis-3" >/dev/null 2>&1; then echo "$n"; return; fi
  done
}

# default-jdk-headless when it is a JDK 17+, else the lowest openjdk-N-jdk-headless (N >= 17) offered.
jdk_package() {
  local n
  n=$(apt-cache show default-jdk-headless 2>/dev/null | sed -nE '/^Depends:/{s/.*openjdk-([0-9]+)-jdk-headless.*/\1/p;q}')
  if [ "${n:-0}" -ge "$JAVA_MIN" ] 2>/dev/null; then echo default-jdk-headless; return; fi
  for n in $(apt-cache pkgnames openjdk- 2>/dev/null | sed -nE 's/^openjdk-([0-9]+)-jdk-headless$/\1/p' | sort -n); do
    if [ "$n" -ge "$JAVA_MIN" ] && apt-cache show "openjdk-$n-jdk-headless" >/dev/null 2>&1; then
      echo "openjdk-$n-jdk-headless"; return
    fi
  done
}

# What is missing, found without asking apt.
need_jdk=false; [ "$(javac_major)" -ge "$JAVA_MIN" ] || need_jdk=true
mvn_java=$(mvn_java_major)
need_mvn=false; [ -n "$mvn_java" ] || need_mvn=true
pg=$(pg_installed_major)
missing=()
for p in "${REQUIRED[@]}" "${OPTIONAL[@]}"; do installed "$p" || missing+=("$p"); done

if ! $need_jdk && ! $need_mvn && [ -n "$pg" ] && [ ${#missing[@]} -eq 0 ]; then
  if [ "${mvn_java:-0}" -lt "$JAVA_MIN" ] 2>/dev/null; then
    echo "patrolmap: Maven runs on Java $mvn_java but needs $JAVA_MIN+: set JAVA_HOME to a JDK $JAVA_MIN+" >&2
    exit 1
  fi
  $DRY_RUN && echo "patrolmap: nothing to install"
  exit 0
fi

command -v apt-get >/dev/null 2>&1 || {
  echo "patrolmap: apt-get not found; install by hand: a JDK $JAVA_MIN+, Maven, PostgreSQL with PostGIS 3, GDAL, curl (and Chromium + chromedriver, wrk for the browser test and benchmarks)" >&2
  exit 1
}
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
# Fresh package lists before choosing versions (a new container has none); offline, the old lists are used.
if ! $DRY_RUN; then
  $SUDO apt-get update -qq || echo "patrolmap: apt-get update failed; using the package lists at hand" >&2
fi

install=()
if [ -z "$pg" ]; then
  pg=$(pg_offered_major)
  [ -n "$pg" ] || { echo "patrolmap: apt offers no postgresql-N-postgis-3 package (check /etc/apt/sources.list)" >&2; exit 1; }
  for p in "postgresql-$pg" "postgresql-$pg-postgis-3"; do installed "$p" || install+=("$p"); done
fi
if $need_jdk; then
  jdk=$(jdk_package)
  [ -n "$jdk" ] || { echo "patrolmap: apt offers no JDK $JAVA_MIN+ (default-jdk-headless or openjdk-N-jdk-headless)" >&2; exit 1; }
  install+=("$jdk")
fi
$need_mvn && install+=(maven)
skipped=()
for p in "${missing[@]}"; do
  if [[ " ${OPTIONAL[*]} " == *" $p "* ]] && ! offered "$p"; then skipped+=("$p"); else install+=("$p"); fi
done
[ ${#skipped[@]} -eq 0 ] || echo "patrolmap: warning: apt offers no ${skipped[*]} here (the web map's browser test needs chromium + chromium-driver, \`make bench\` needs wrk)" >&2
if $DRY_RUN; then echo "patrolmap: would install: ${install[*]:-nothing}"; exit 0; fi
[ ${#install[@]} -gt 0 ] || exit 0
echo "patrolmap: installing Debian packages: ${install[*]}"
$SUDO apt-get install -y -qq --no-install-recommends "${install[@]}" >/dev/null

v=$(javac_major)
[ "$v" -ge "$JAVA_MIN" ] || { echo "patrolmap: javac on PATH is still $v; pick a JDK $JAVA_MIN+ with update-alternatives --config javac (and java)" >&2; exit 1; }
v=$(mvn_java_major)
[ -n "$v" ] || { echo "patrolmap: mvn -v fails after installing Maven" >&2; exit 1; }
[ "$v" -ge "$JAVA_MIN" ] || { echo "patrolmap: Maven runs on Java $v but needs $JAVA_MIN+: set JAVA_HOME to a JDK $JAVA_MIN+" >&2; exit 1; }
