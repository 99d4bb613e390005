#!/usr/bin/env bash
# Runs pytest against a throwaway PostgreSQL server: Debian's postgresql (installed when missing,
# as root), a fresh data folder, a unix socket only, trust auth. The server is stopped and its
# folder removed when pytest ends, whether the tests passed or not.
#   scripts/test-postgres.sh [pytest arguments...]
set -euo pipefail
cd "$(dirname "$0")/.."

PG_PORT="${PG_PORT:-55432}"
PG_ROOT="${PG_ROOT:-/tmp/parallax-pg-$PG_PORT}"
PYTEST="${PYTEST:-.venv/bin/pytest}"

pg_bin() {
  local found
  found="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
  echo "$found"
}

BIN="$(pg_bin)"
if [ -z "$BIN" ]; then
  if [ "$(id -u)" = "0" ]; then
    echo "Installing Debian's postgresql for the PostgreSQL tests"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    BIN="$(pg_bin)"
  else
    echo "make test-postgres needs Debian's postgresql: run 'sudo apt-get install postgresql'"
    exit 1
  fi
fi

# PostgreSQL refuses to run as root: the server runs as the `postgres` user when we are root.
as_owner() {
  if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

rm -rf "$PG_ROOT"
mkdir -p "$PG_ROOT/socket"
[ "$(id -u)" = "0" ] && chown -R postgres: "$PG_ROOT"

stop() {
  as_owner "$BIN/pg_ctl" -D "$PG_ROOT/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$PG_ROOT"
}
trap stop EXIT

as_owner "$BIN/initdb" -D "$PG_ROOT/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
# No TCP: the socket folder alone, which only this machine reaches. fsync off: the data is
# thrown away at the end, and the suite is many small transactions.
as_owner "$BIN/pg_ctl" -D "$PG_ROOT/data" -l "$PG_ROOT/server.log" -w -o \
  "-p $PG_PORT -k $PG_ROOT/socket -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=500" \
  start >/dev/null

export PARALLAX_TEST_POSTGRES="postgresql+psycopg://postgres@/postgres?host=$PG_ROOT/socket&port=$PG_PORT"
# The test databases go with the server's folder: no DROP DATABASE one by one.
export PARALLAX_TEST_POSTGRES_THROWAWAY=1
echo "PostgreSQL $("$BIN/postgres" --version | awk '{print $3}') on $PG_ROOT/socket port $PG_PORT"
set +e
"$PYTEST" "$@"
status=$?
set -e
exit $status
