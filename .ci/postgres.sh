#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the server's tests, sourced by .ci/run (as root):
# `start_test_postgres` installs Debian's postgresql when missing, runs initdb into a temporary
# directory as the postgres user, starts it on a free loopback port and exports
# TURNERO_TEST_POSTGRES_URL (a database and role of its own); `stop_test_postgres` stops it and
# removes the directory. The cluster trusts local connections: it holds test data only.

start_test_postgres() {
  local initdbs=(/usr/lib/postgresql/*/bin/initdb)
  if [ ! -x "${initdbs[0]}" ]; then
    echo "ci: installing postgresql"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends postgresql >/dev/null
  fi
  initdbs=(/usr/lib/postgresql/*/bin/initdb)
  # The newest installed major version (the glob sorts 15 before 16).
  local bin
  bin="$(dirname "${initdbs[-1]}")"
  TEST_PG_DIR="$(mktemp -d /tmp/turnero-pg.XXXXXX)"
  chown postgres "$TEST_PG_DIR"
  local port=55432
  # A port something already listens on answers a connection: take the next.
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  runuser -u postgres -- "$bin/initdb" -D "$TEST_PG_DIR/data" -A trust -U postgres >/dev/null
  runuser -u postgres -- "$bin/pg_ctl" -D "$TEST_PG_DIR/data" -l "$TEST_PG_DIR/log" -w start \
    -o "-p $port -k $TEST_PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off" >/dev/null
  TEST_PG_BIN="$bin"
  "$bin/psql" -q -h 127.0.0.1 -p "$port" -U postgres -c "CREATE ROLE turnero_test LOGIN" \
    -c "CREATE DATABASE turnero_test OWNER turnero_test" >/dev/null
  export TURNERO_TEST_POSTGRES_URL="postgres://turnero_test@127.0.0.1:$port/turnero_test"
  echo "ci: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') for the tests on port $port"
}

stop_test_postgres() {
  if [ -n "${TEST_PG_DIR:-}" ] && [ -d "$TEST_PG_DIR/data" ]; then
    runuser -u postgres -- "$TEST_PG_BIN/pg_ctl" -D "$TEST_PG_DIR/data" -m fast -w stop >/dev/null || true
    rm -rf "$TEST_PG_DIR"
  fi
}
