#!/usr/bin/env bash
# A project-owned PostgreSQL/PostGIS cluster on 127.0.0.1, run as the `postgres` user
# (PostgreSQL refuses to run as root). Idempotent: `db.sh start` twice is harmless.
#   db.sh start   - init (first time) and start the cluster, create the databases
#   db.sh stop    - stop it
#   db.sh url [db] - print the JDBC URL
# Skipped entirely when PATROLMAP_DB_URL is set (an existing PostGIS is used instead).
# The PostgreSQL version: an existing cluster's own (it fails rather than run other binaries over
# its data); for a new cluster the highest version with PostGIS installed.
set -euo pipefail
PGDATA_DIR=${PATROLMAP_PGDATA:-/var/tmp/patrolmap-pg}
PGPORT=${PATROLMAP_PGPORT:-55432}
as_pg() { if [ "$(id -un)" = postgres ]; then "$@"; elif [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi; }
psql_pg() { as_pg env PGOPTIONS='-c client_min_messages=warning' "$BIN/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -v ON_ERROR_STOP=1 -qAt "$@"; }
die() { echo "patrolmap: $*" >&2; exit 1; }
# PostgreSQL major that made the cluster in PGDATA_DIR; empty when there is none yet. Read as
# `postgres`: the directory is private to that user.
cluster_version() { as_pg cat "$PGDATA_DIR/PG_VERSION" 2>/dev/null || true; }

# The binaries to run: an existing cluster's own version (never another version over its data);
# for a new cluster the highest version with PostGIS installed, else the highest installed.
pg_bin() {
  local v control initdb
  v=$(cluster_version)
  if [ -n "$v" ]; then
    [ -x "/usr/lib/postgresql/$v/bin/pg_ctl" ] || die "the cluster in $PGDATA_DIR was made by PostgreSQL $v, which is not installed; install postgresql-$v and postgresql-$v-postgis-3, or set PATROLMAP_PGDATA to a new directory (the cluster was left as it is)"
    echo "/usr/lib/postgresql/$v/bin"; return
  fi
  for control in $(printf '%s\n' /usr/share/postgresql/*/extension/postgis.control | sort -rV); do
    v=${control#/usr/share/postgresql/}; v=${v%%/*}
    if [ -e "$control" ] && [ -x "/usr/lib/postgresql/$v/bin/initdb" ]; then echo "/usr/lib/postgresql/$v/bin"; return; fi
  done
  for initdb in $(printf '%s\n' /usr/lib/postgresql/*/bin/initdb | sort -rV); do
    [ -x "$initdb" ] && { dirname "$initdb"; return; }
  done
  die "PostgreSQL is not installed (run scripts/install-deps.sh)"
}

case "${1:-start}" in
  url) echo "jdbc:postgresql://127.0.0.1:${PGPORT}/${2:-patrolmap}?user=postgres"; exit 0 ;;
  stop)
    if as_pg test -f "$PGDATA_DIR/postmaster.pid" 2>/dev/null; then
      BIN=$(pg_bin) || exit 1
      as_pg "$BIN/pg_ctl" -D "$PGDATA_DIR" -m fast -w stop
    fi
    exit 0 ;;
  start) ;;
  *) echo "usage: db.sh start|stop|url [db]" >&2; exit 2 ;;
esac

[ -n "${PATROLMAP_DB_URL:-}" ] && { echo "patrolmap: using PATROLMAP_DB_URL, no local cluster"; exit 0; }
BIN=$(pg_bin) || exit 1
VERSION=$(basename "$(dirname "$BIN")")
[ -e "/usr/share/postgresql/$VERSION/extension/postgis.control" ] \
  || die "PostGIS is not installed for PostgreSQL $VERSION ($BIN): install postgresql-$VERSION-postgis-3"
if [ -z "$(cluster_version)" ]; then
  if [ "$(id -u)" -eq 0 ]; then
    mkdir -p "$PGDATA_DIR"; chown postgres:postgres "$PGDATA_DIR"; chmod 700 "$PGDATA_DIR"
  else
    as_pg mkdir -p "$PGDATA_DIR"; as_pg chmod 700 "$PGDATA_DIR"
  fi
  as_pg "$BIN/initdb" -D "$PGDATA_DIR" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  cat >> "$PGDATA_DIR/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PGPORT
unix_socket_directories = '/tmp'
max_connections = 200
shared_buffers = 256MB
fsync = off
synchronous_commit = off
full_page_writes = off
CONF
fi
if ! as_pg "$BIN/pg_ctl" -D "$PGDATA_DIR" status >/dev/null 2>&1; then
  as_pg "$BIN/pg_ctl" -D "$PGDATA_DIR" -l "$PGDATA_DIR/server.log" -w -t 60 start >/dev/null
fi
for db in patrolmap patrolmap_test; do
  psql_pg -d postgres -c "select 1 from pg_database where datname='$db'" | grep -q 1 \
    || psql_pg -d postgres -c "create database $db"
  psql_pg -d "$db" -c "create extension if not exists postgis"
done
echo "patrolmap: PostGIS up on 127.0.0.1:$PGPORT ($PGDATA_DIR, PostgreSQL $VERSION)"
