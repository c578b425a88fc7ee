#!/usr/bin/env bash
# A project-owned PostgreSQL/PostGIS cluster on 127.0.0.1, run as the `postgres` user
# (PostgreSQL refuses to run as root). Idempotent: `db.sh start` twice is harmless.
#   db.sh start   - init (first time) and start the cluster, create the databases
#   db.sh stop    - stop it
#   db.sh url [db] - print the JDBC URL
# Skipped entirely when PATROLMAP_DB_URL is set (an existing PostGIS is used instead).
set -euo pipefail
PGDATA_DIR=${PATROLMAP_PGDATA:-/var/tmp/patrolmap-pg}
PGPORT=${PATROLMAP_PGPORT:-55432}
BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
as_pg() { if [ "$(id -un)" = postgres ]; then "$@"; elif [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi; }
psql_pg() { as_pg "$BIN/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -v ON_ERROR_STOP=1 -qAt "$@"; }

case "${1:-start}" in
  url) echo "jdbc:postgresql://127.0.0.1:${PGPORT}/${2:-patrolmap}?user=postgres"; exit 0 ;;
  stop)
    if [ -f "$PGDATA_DIR/postmaster.pid" ]; then as_pg "$BIN/pg_ctl" -D "$PGDATA_DIR" -m fast -w stop; fi
    exit 0 ;;
  start) ;;
  *) echo "usage: db.sh start|stop|url [db]" >&2; exit 2 ;;
esac

[ -n "${PATROLMAP_DB_URL:-}" ] && { echo "patrolmap: using PATROLMAP_DB_URL, no local cluster"; exit 0; }
[ -x "$BIN/initdb" ] || { echo "patrolmap: PostgreSQL is not installed (run scripts/install-deps.sh)" >&2; exit 1; }
if [ ! -f "$PGDATA_DIR/PG_VERSION" ]; then
  mkdir -p "$PGDATA_DIR"; chown postgres:postgres "$PGDATA_DIR"; chmod 700 "$PGDATA_DIR"
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
echo "patrolmap: PostGIS up on 127.0.0.1:$PGPORT ($PGDATA_DIR)"
