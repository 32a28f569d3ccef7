#!/usr/bin/env bash
# Builds build-bench (Release) and runs adapters_bench once: every adapter and the reference
# ("reclaim": Reclaim's own document of the same 10-line order) in the same run, repetitions
# interleaved at random; prints imports per second and the ratio of each adapter to the reference.
#   bash bench/adapters.sh                      # ~1 minute on 2 cores
#   MIN_TIME=0.2 REPS=1 bash bench/adapters.sh  # a quick look
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="$ROOT/build-bench"
MIN_TIME="${MIN_TIME:-0.5}"
REPS="${REPS:-3}"
OUT="${OUT:-$BUILD/adapters-results.json}"

LOG="$(mktemp)"
trap 'rm -f "$LOG"' EXIT
cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release -DRECLAIM_BUILD_TESTS=OFF \
      -DRECLAIM_BUILD_BENCHMARKS=ON >"$LOG" 2>&1 || { cat "$LOG"; exit 1; }
ninja -C "$BUILD" -j2 adapters_bench >"$LOG" 2>&1 || { cat "$LOG"; exit 1; }

"$BUILD/bench/adapters_bench" --benchmark_min_time="$MIN_TIME" --benchmark_repetitions="$REPS" \
  --benchmark_display_aggregates_only="$([ "$REPS" -gt 1 ] && echo true || echo false)" \
  --benchmark_enable_random_interleaving=true --benchmark_format=console \
  --benchmark_out_format=json --benchmark_out="$OUT" >"$LOG"

python3 - "$OUT" <<'PY'
import json, sys
data = json.load(open(sys.argv[1]))
rows = {}
for b in data["benchmarks"]:
    if b.get("error_occurred"):
        sys.exit("benchmark failed: %s: %s" % (b["name"], b.get("error_message")))
    if b.get("run_type") == "iteration":
        rows.setdefault(b["run_name"], b)
    elif b.get("aggregate_name") == "median":
        rows[b["run_name"]] = b
rate = lambda name: rows[name + "/real_time"]["items_per_second"]
adapters = ["reclaim", "woocommerce", "shopify", "magento2", "prestashop", "shopware6", "generic"]
us = lambda name: 1e6 / rate(name)
print("%-12s %9s %9s %9s %8s %8s %10s %8s" % ("adapter", "doc bytes", "parse us", "map us",
      "map /s", "ratio", "import /s", "ratio"))
for a in adapters:
    print("%-12s %9d %9.1f %9.1f %8.0f %7.0f%% %10.0f %7.0f%%" % (
        a, rows["BM_Parse/" + a + "/real_time"]["doc_bytes"], us("BM_Parse/" + a),
        us("BM_Map/" + a) - us("BM_Parse/" + a), rate("BM_Map/" + a),
        100 * rate("BM_Map/" + a) / rate("BM_Map/reclaim"),
        rate("BM_Import/" + a), 100 * rate("BM_Import/" + a) / rate("BM_Import/reclaim")))
print("map us: parse + map minus parse, the adapter's own work; ratios: adapter / reclaim")
print("results: " + sys.argv[1])
PY
