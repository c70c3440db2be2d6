#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests, on a free loopback port.
#
#   eval "$(tests/pg.sh start)"    # prints the exports below; needs root (or the postgres user)
#   tests/pg.sh stop               # stops the server named by CROSSWIRE_TEST_PG_DIR, deletes it
#
# `start` initialises a scratch cluster (Debian's `postgresql` package; the server refuses to
# run as root, so it runs as `postgres`), creates a role and a database owned by it, and
# prints `export CROSSWIRE_TEST_PG_URL=postgresql+psycopg://...` and CROSSWIRE_TEST_PG_DIR.
# Nothing outlives `stop`: the cluster, its password and its log live in one temporary dir.
set -euo pipefail

as_postgres() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start() {
    local pgbin dir port password
    pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
    [ -x "$pgbin/initdb" ] || { echo "pg.sh: no PostgreSQL server (apt-get install postgresql)" >&2; exit 1; }
    dir=$(mktemp -d /tmp/crosswire-pg.XXXXXX)
    chmod 755 "$dir"
    [ "$(id -u)" = 0 ] && chown postgres: "$dir"
    # A port nobody listens on now (the kernel picks it; a race with another program is unlikely).
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    password=$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
    echo "$password" > "$dir/pw"
    [ "$(id -u)" = 0 ] && chown postgres: "$dir/pw"
    # C.UTF-8: code-point order like SQLite's, and lower()/upper() still know non-ASCII letters.
    as_postgres "$pgbin/initdb" -D "$dir/data" -U postgres -A scram-sha-256 --pwfile="$dir/pw" \
        -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; exit 1; }
    # fsync off: a test server loses nothing worth keeping in a crash, and runs much faster.
    as_postgres "$pgbin/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c max_connections=200" \
        start >/dev/null || { cat "$dir/log" >&2; exit 1; }
    PGPASSWORD=$password "$pgbin/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres \
        -qv ON_ERROR_STOP=1 \
        -c "CREATE ROLE crosswire LOGIN CREATEDB PASSWORD '$password'" \
        -c "CREATE DATABASE crosswire_test OWNER crosswire" >/dev/null
    echo "export CROSSWIRE_TEST_PG_DIR=$dir"
    echo "export CROSSWIRE_TEST_PG_URL=postgresql+psycopg://crosswire:$password@127.0.0.1:$port/crosswire_test"
}

stop() {
    local dir=${CROSSWIRE_TEST_PG_DIR:-} pgbin
    [ -n "$dir" ] && [ -d "$dir" ] || return 0
    pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
    as_postgres "$pgbin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    *) echo "usage: tests/pg.sh start|stop" >&2; exit 2 ;;
esac
