#!/usr/bin/env bash
# Builds build-bench (Release) and runs queue_bench: the staff queue's first page, the overdue
# filter and an e-mail search as whole HTML pages, beside the hand-written SQL of the same pages,
# on the reports benchmark's database (generated once and kept; see bench/reports.sh).
#   bash bench/queue.sh
#   CASES=100000 REPS=50 bash bench/queue.sh  # a quick look
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${BUILD:-$ROOT/build-bench}"
CASES="${CASES:-1000000}"
REPS="${REPS:-200}"
DB="${DB:-$BUILD/reports-$CASES.db}"

LOG="$(mktemp)"
trap 'rm -f "$LOG"' EXIT
cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release -DRECLAIM_BUILD_TESTS=OFF \
      -DRECLAIM_BUILD_BENCHMARKS=ON >"$LOG" 2>&1 || { cat "$LOG"; exit 1; }
ninja -C "$BUILD" -j2 queue_bench >"$LOG" 2>&1 || { cat "$LOG"; exit 1; }

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
"$BUILD/bench/queue_bench" --cases "$CASES" --reps "$REPS" --db "$DB"
