#!/usr/bin/env bash
# Installs the Debian packages patrolmap needs, only those missing. Idempotent.
#   postgresql-15-postgis-3 + postgis: the database and its tools (shp2pgsql)
#   gdal-bin: ogrinfo/ogr2ogr (OGC API client test, import benchmark)
#   chromium + chromium-driver: the headless browser test of the web map
#   wrk: the HTTP load generator of `make bench`
set -euo pipefail
want=(postgresql-15 postgresql-contrib postgresql-15-postgis-3 postgis gdal-bin chromium chromium-driver wrk curl)
missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
echo "patrolmap: installing Debian packages: ${missing[*]}"
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
