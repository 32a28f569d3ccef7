#!/usr/bin/env bash
# Builds build-bench (Release) and runs reports_bench: reclaim_report for the last 30 days and the
# whole two years, each grouping, beside hand-written SQL on the same database in the same run.
# The 1,000,000-case database is generated once (through the storage layer) and kept.
#   bash bench/reports.sh                    # generation takes a while once (see docs/PERFORMANCE.md)
#   CASES=100000 REPS=1 bash bench/reports.sh  # a quick look
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${BUILD:-$ROOT/build-bench}"
CASES="${CASES:-1000000}"
REPS="${REPS:-3}"
DB="${DB:-$BUILD/reports-$CASES.db}"

LOG="$(mktemp)"
trap 'rm -f "$LOG"' EXIT
cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release -DRECLAIM_BUILD_TESTS=OFF \
      -DRECLAIM_BUILD_BENCHMARKS=ON >"$LOG" 2>&1 || { cat "$LOG"; exit 1; }
ninja -C "$BUILD" -j2 reports_bench >"$LOG" 2>&1 || { cat "$LOG"; exit 1; }

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
"$BUILD/bench/reports_bench" --cases "$CASES" --reps "$REPS" --db "$DB"
