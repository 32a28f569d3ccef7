#!/usr/bin/env bash
# Case opens and case reads per second from 1, 4 and 16 processes, on SQLite and on PostgreSQL (a
# cluster started here, fsync on, stopped at the end), each beside raw SOCI work on the same
# backend in the same run. docs/PERFORMANCE.md ("Several processes") records its output.
#   bash bench/scaling.sh                          # 3 s per measurement, Release in build-bench
#   BUILD=build SECONDS_EACH=2 bash bench/scaling.sh  # an existing build configured with
#                                                    # -DRECLAIM_BUILD_BENCHMARKS=ON
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SECONDS_EACH="${SECONDS_EACH:-3}"
LOG="$(mktemp)"
trap 'rm -f "$LOG"; bash "$ROOT/tests/support/pg_cluster.sh" stop "$BUILD/postgresql-bench" || true' EXIT
if [[ -z "${BUILD:-}" ]]; then
  BUILD="$ROOT/build-bench"
  cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release -DRECLAIM_BUILD_TESTS=OFF \
        -DRECLAIM_BUILD_BENCHMARKS=ON >"$LOG" 2>&1 || { cat "$LOG"; exit 1; }
fi
BUILD="$(realpath "$BUILD")"
nice ninja -C "$BUILD" -j2 scaling_bench >"$LOG" 2>&1 || { cat "$LOG"; exit 1; }
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
"$BUILD/bench/scaling_bench" "$SECONDS_EACH" sqlite
RECLAIM_PG_OWNER=$$ bash "$ROOT/tests/support/pg_cluster.sh" start "$BUILD/postgresql-bench" on >/dev/null
"$BUILD/bench/scaling_bench" "$SECONDS_EACH" postgresql "$(cat "$BUILD/postgresql-bench/conninfo")" |
  tail -n +3
