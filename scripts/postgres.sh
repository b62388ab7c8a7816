#!/usr/bin/env bash
# A private, throw-away PostgreSQL cluster for the tests and benchmarks: trust auth on loopback,
# in a temporary folder, on a free port. Source this file, then: pg_start; ...; pg_stop.
# Sets TIMESHEETS_TEST_POSTGRES to the admin connection string.

pg_bin() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/initdb" ] && { echo "$dir"; return 0; }
  done
  return 1
}

pg_start() {
  if ! PG_BIN=$(pg_bin); then
    echo "Installing PostgreSQL (apt-get)..."
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) || {
      echo "error: PostgreSQL is not installed and apt-get could not install it." >&2; return 1; }
    PG_BIN=$(pg_bin)
  fi
  PG_DIR=$(mktemp -d /tmp/timesheets-pg.XXXXXX)
  PG_PORT=${PG_PORT:-$((54000 + RANDOM % 1000))}
  local as_postgres=()
  if [ "$(id -u)" = 0 ]; then
    chown postgres "$PG_DIR"
    as_postgres=(runuser -u postgres --)
  fi
  "${as_postgres[@]}" "$PG_BIN/initdb" -A trust -U postgres -D "$PG_DIR/data" >"$PG_DIR/initdb.log" 2>&1 || {
    cat "$PG_DIR/initdb.log" >&2; return 1; }
  export PG_DIR PG_BIN PG_PORT
  pg_resume || return 1
  export TIMESHEETS_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Maximum Pool Size=20"
  echo "PostgreSQL started on 127.0.0.1:$PG_PORT (data in $PG_DIR)"
}

# Stops the server of pg_start but keeps its data: a database outage (the fault tests), until pg_resume.
pg_halt() {
  [ -n "${PG_DIR:-}" ] && [ -d "$PG_DIR/data" ] || return 1
  local as_postgres=()
  [ "$(id -u)" = 0 ] && as_postgres=(runuser -u postgres --)
  "${as_postgres[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null
}

# Starts the server of PG_DIR again on PG_PORT (after pg_halt; pg_start calls it the first time).
pg_resume() {
  local as_postgres=()
  [ "$(id -u)" = 0 ] && as_postgres=(runuser -u postgres --)
  "${as_postgres[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w \
    -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300" start >/dev/null || {
    cat "$PG_DIR/server.log" >&2; return 1; }
}

pg_stop() {
  [ -n "${PG_DIR:-}" ] && [ -d "$PG_DIR/data" ] || return 0
  local as_postgres=()
  [ "$(id -u)" = 0 ] && as_postgres=(runuser -u postgres --)
  "${as_postgres[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
  echo "PostgreSQL stopped."
}
