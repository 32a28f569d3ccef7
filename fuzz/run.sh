#!/usr/bin/env bash
# Runs every fuzz target for SECONDS each (default 60), seeded from fuzz/seeds and the host
# fixtures in tests/fixtures/hosts. Build the targets first (docs/FUZZING.md):
#   CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
#     -DRECLAIM_FUZZ=ON -DRECLAIM_BUILD_TESTS=OFF
#   cmake --build build-fuzz -j2 --target fuzz_requests fuzz_import fuzz_http
# Findings (crash-*, leak-*, timeout-*) are written to build-fuzz/fuzz-work/; the exit status is
# non-zero when any target found one.
set -euo pipefail

seconds=${1:-60}
root=$(cd "$(dirname "$0")/.." && pwd)
build=${RECLAIM_FUZZ_BUILD:-$root/build-fuzz}
work=$build/fuzz-work
mkdir -p "$work"

# The import target reads the host from the first byte: the digits 0–6 name the adapters in
# fuzz_import.c's order; each host's fixtures become seeds of its own.
import_seeds=$work/seeds-import
rm -rf "$import_seeds" && mkdir -p "$import_seeds"
digit=0
for host in reclaim woocommerce shopify magento2 prestashop shopware6 generic; do
  if [[ -d $root/tests/fixtures/hosts/$host ]]; then
    for file in "$root/tests/fixtures/hosts/$host"/*.json "$root/tests/fixtures/hosts/$host"/*.xml; do
      [[ -f $file && $(stat -c %s "$file") -le 65536 ]] || continue
      { printf '%s' "$digit"; cat "$file"; } >"$import_seeds/$host-$(basename "$file")"
    done
  fi
  digit=$((digit + 1))
done
for file in "$root"/fuzz/seeds/requests/order-*; do
  cp "$file" "$import_seeds/"
done

status=0
for target in fuzz_requests fuzz_import fuzz_http; do
  case $target in
    fuzz_requests) seeds=$root/fuzz/seeds/requests ;;
    fuzz_import) seeds=$import_seeds ;;
    fuzz_http) seeds=$root/fuzz/seeds/http ;;
  esac
  mkdir -p "$work/corpus-$target"
  echo "== $target: $seconds s" >&2
  if ! "$build/fuzz/$target" -max_total_time="$seconds" -max_len=65536 -timeout=10 \
      -rss_limit_mb=2048 -dict="$root/fuzz/json.dict" -print_final_stats=1 \
      -artifact_prefix="$work/$target-" "$work/corpus-$target" "$seeds" \
      >"$work/$target.log" 2>&1; then
    echo "$target: FINDING, see $work/$target.log" >&2
    status=1
  fi
  grep -E '^stat::(number_of_executed_units|peak_rss_mb)' "$work/$target.log" |
    sed "s/^/$target /" >&2 || true
done
exit $status
