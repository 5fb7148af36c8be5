#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the test suite: `scripts/pg-cluster.sh start DIR` installs
# PostgreSQL from the distribution's packages when initdb is absent (needs root), creates a
# cluster in DIR as the `postgres` user (when run as root), starts it on 127.0.0.1:$PG_TEST_PORT
# (default 55432) with password authentication, creates the role `ccc` (password `ccc-test`,
# allowed to create databases: each test makes its own) and the database `ccc_test`, and prints
# the URL the tests read from CCC_EXEMPT_TEST_PG_URL. `scripts/pg-cluster.sh restart DIR` crashes
# and restarts it (a test does so in the middle of an import); `stop DIR` stops it.
set -euo pipefail
cmd=${1:?usage: pg-cluster.sh start|restart|stop DIR}
dir=${2:?usage: pg-cluster.sh start|restart|stop DIR}
port=${PG_TEST_PORT:-55432}

bindir() {
    if command -v initdb >/dev/null 2>&1; then
        dirname "$(readlink -f "$(command -v initdb)")"
        return
    fi
    ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

as_postgres() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

case "$cmd" in
start)
    bin=$(bindir)
    if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
        apt-get update -qq >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
        bin=$(bindir)
    fi
    mkdir -p "$dir"
    if [ "$(id -u)" = 0 ]; then chown postgres "$dir"; fi
    pw="$dir/pw"
    printf 'postgres-test\n' >"$pw"
    if [ "$(id -u)" = 0 ]; then chown postgres "$pw"; fi
    as_postgres "$bin/initdb" -D "$dir/data" -U postgres --auth-local=trust \
        --auth-host=scram-sha-256 --pwfile="$pw" -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1
    as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
        -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off" start >&2
    psql -X -q -h "$dir" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 \
        -c "CREATE ROLE ccc LOGIN CREATEDB PASSWORD 'ccc-test'" \
        -c "CREATE DATABASE ccc_test OWNER ccc" >&2
    echo "postgresql://ccc:ccc-test@127.0.0.1:$port/ccc_test"
    ;;
restart)
    # An immediate stop (as a crash: no shutdown checkpoint, connections cut) and a start, which
    # recovers from the write-ahead log; the server's options are kept.
    bin=$(bindir)
    as_postgres "$bin/pg_ctl" -D "$dir/data" -m immediate -w restart -l "$dir/server.log" >&2
    ;;
stop)
    bin=$(bindir)
    as_postgres "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >&2 || true
    ;;
*)
    echo "usage: pg-cluster.sh start|restart|stop DIR" >&2
    exit 2
    ;;
esac
