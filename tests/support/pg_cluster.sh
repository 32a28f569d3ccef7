#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for the tests: initdb into a new folder under /tmp, listening on
# 127.0.0.1 only (a free port) and on a unix socket in that folder.
#
#   pg_cluster.sh start STATE [fsync]   starts it; STATE/conninfo then holds the admin settings
#   pg_cluster.sh restart STATE [mode]  stops it (pg_ctl mode: fast or immediate) and starts it
#   pg_cluster.sh stop STATE            stops it and deletes its folder
#   pg_cluster.sh schema STATE NAME     makes an empty schema NAME and prints its database URI
#   pg_cluster.sh run STATE NAME CMD…   runs CMD with RECLAIM_TEST_DATABASE set to a new schema
#   pg_cluster.sh own STATE NAME CMD…   the same on a cluster of its own (fsync on), started for
#                                       CMD and stopped after it; RECLAIM_TEST_RESTART then holds
#                                       a command that restarts the server as a crash would
#
# fsync is off unless asked for: the tests' conclusions hold while the machine itself stays up
# (a server stopped or killed keeps its WAL in the page cache), not across a power cut.
# As root the server runs as the postgres system user (initdb and postgres refuse root).
# A watchdog stops the cluster when the process that started the script (ctest) goes away.
set -euo pipefail

action=$1
state=$(realpath -m "$2")
self=$(realpath "$0")
bindir=${RECLAIM_PG_BINDIR:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
[[ -x "$bindir/pg_ctl" ]] || { echo "pg_cluster.sh: no PostgreSQL server found (apt install postgresql)" >&2; exit 1; }
as=()
[[ $(id -u) -eq 0 ]] && as=(runuser -u postgres --)

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

run_server() {  # dir port fsync
  "${as[@]}" "$bindir/pg_ctl" -D "$1/data" -l "$1/server.log" -w -t 60 -s \
    -o "-c listen_addresses=127.0.0.1 -p $2 -k $1 -c fsync=$3 -c full_page_writes=$3 -c max_connections=300 -c shared_buffers=64MB" \
    start
}

stop_server() {  # dir mode
  "${as[@]}" "$bindir/pg_ctl" -D "$1/data" -m "$2" -w -t 60 -s stop 2>/dev/null || true
}

psql_admin() {
  local conninfo
  conninfo=$(cat "$state/conninfo")
  "$bindir/psql" "$conninfo" -X -q -v ON_ERROR_STOP=1 "$@"
}

case "$action" in
  start)
    fsync=${3:-off}
    [[ -f "$state/dir" ]] && "$self" stop "$state"
    mkdir -p "$state"
    dir=$(mktemp -d /tmp/reclaim-pg-XXXXXX)
    chmod 700 "$dir"
    [[ ${#as[@]} -gt 0 ]] && chown postgres: "$dir"
    "${as[@]}" "$bindir/initdb" -D "$dir/data" -U reclaim --auth=trust -E UTF8 --no-sync \
      >"$state/initdb.log" 2>&1 || { cat "$state/initdb.log" >&2; rm -rf "$dir"; exit 1; }
    started=""
    for _ in 1 2 3 4 5; do
      port=$(free_port)
      if run_server "$dir" "$port" "$fsync"; then started=1; break; fi
    done
    if [[ -z "$started" ]]; then
      cat "$dir/server.log" >&2 || true
      rm -rf "$dir"
      exit 1
    fi
    echo "$dir" >"$state/dir"
    echo "$port" >"$state/port"
    echo "$fsync" >"$state/fsync"
    echo "host=127.0.0.1 port=$port user=reclaim dbname=postgres" >"$state/conninfo"
    owner=${RECLAIM_PG_OWNER:-$PPID}
    # The watchdog: outlives this script, not its caller.
    setsid bash -c "while [[ -d /proc/$owner ]] && [[ -f '$state/dir' ]]; do sleep 2; done
      if [[ -f '$state/dir' ]] && [[ \$(cat '$state/dir') == '$dir' ]]; then
        '$self' stop '$state'
      fi" </dev/null >/dev/null 2>&1 &
    echo "PostgreSQL on 127.0.0.1:$port, data in $dir (fsync=$fsync)"
    ;;
  restart)
    dir=$(cat "$state/dir")
    stop_server "$dir" "${3:-fast}"
    run_server "$dir" "$(cat "$state/port")" "$(cat "$state/fsync")"
    ;;
  stop)
    if [[ -f "$state/dir" ]]; then
      dir=$(cat "$state/dir")
      rm -f "$state/dir" "$state/conninfo"
      stop_server "$dir" fast
      rm -rf "$dir"
    fi
    ;;
  schema)
    name=$3
    [[ "$name" =~ ^[a-z_][a-z0-9_]*$ ]] || { echo "bad schema name: $name" >&2; exit 1; }
    psql_admin -c "SET client_min_messages = warning" -c "DROP SCHEMA IF EXISTS $name CASCADE" -c "CREATE SCHEMA $name" >/dev/null
    echo "postgresql://reclaim@127.0.0.1:$(cat "$state/port")/postgres?options=-csearch_path%3D$name"
    ;;
  run)
    name=$3
    shift 3
    RECLAIM_TEST_DATABASE=$("$self" schema "$state" "$name") exec "$@"
    ;;
  own)
    name=$3
    shift 3
    RECLAIM_PG_OWNER=$$ "$self" start "$state" on
    trap '"$self" stop "$state"' EXIT
    export RECLAIM_TEST_RESTART="bash $self restart $state immediate"
    RECLAIM_TEST_DATABASE=$("$self" schema "$state" "$name") "$@"
    ;;
  *)
    echo "usage: $0 start|restart|stop|schema STATE ..." >&2
    exit 2
    ;;
esac
