#!/usr/bin/env bash
# Runs the fuzz targets for SECONDS each (default 60), one after the other, seeded from
# fuzz/seeds/<name> (fuzz_<name>) and, for fuzz_import, the host fixtures in
# tests/fixtures/hosts. Build the targets first (docs/FUZZING.md):
#   CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
#     -DRECLAIM_FUZZ=ON -DRECLAIM_BUILD_TESTS=OFF
#   cmake --build build-fuzz -j2 --target fuzz_targets
#   bash fuzz/run.sh [SECONDS [TARGET...]]     every target when none is named
# RECLAIM_FUZZ_RUNS=N also stops each target after N executions (a campaign's count), whichever
# of the two comes first.
# RECLAIM_FUZZ_LEAKS=exit is for long campaigns: LeakSanitizer then checks once, when the target
# exits, instead of after every input whose allocations and frees do not balance. A target that
# keeps an engine unbalances most inputs (caches, limiter entries, SQLite's pages), and that
# per-input scan of the whole heap was about 97 % of fuzz_http's time (docs/FUZZING.md). A leak
# is still reported, at exit, with its allocation's stack; afterwards the corpus is replayed
# once with the per-input check, which names the input. The default (each) checks after every
# input.
# Each target keeps its corpus in build-fuzz/fuzz-work/corpus-<target>, so runs build on each
# other. Findings (<target>-crash-*, -leak-*, -timeout-*, -oom-*) are written to
# build-fuzz/fuzz-work/. The exit status is non-zero when a target found something, is missing,
# or did not run (no executions reported).
set -euo pipefail

leaks=${RECLAIM_FUZZ_LEAKS:-each}
case $leaks in
  each) leak_flags=() ;;
  exit) leak_flags=(-detect_leaks=0) ;;
  *) echo "RECLAIM_FUZZ_LEAKS must be each or exit, not $leaks" >&2 && exit 2 ;;
esac

seconds=${1:-60}
shift || true
all=(fuzz_requests fuzz_import fuzz_http fuzz_config fuzz_http_stream fuzz_parsers fuzz_templates
  fuzz_mail)
targets=("$@")
((${#targets[@]})) || targets=("${all[@]}")
root=$(cd "$(dirname "$0")/.." && pwd)
build=${RECLAIM_FUZZ_BUILD:-$root/build-fuzz}
work=$build/fuzz-work
mkdir -p "$work"

# The import target reads the host from the first byte: the digits 0–7 name the adapters in
# fuzz_import.cpp's order; each host's fixtures become seeds of its own.
import_seeds=$work/seeds-import
rm -rf "$import_seeds" && mkdir -p "$import_seeds"
digit=0
for host in reclaim woocommerce shopify magento2 prestashop shopware6 generic medusa; do
  if [[ -d $root/tests/fixtures/hosts/$host ]]; then
    for file in "$root/tests/fixtures/hosts/$host"/*.json "$root/tests/fixtures/hosts/$host"/*.xml; do
      [[ -f $file && $(stat -c %s "$file") -le 65536 ]] || continue
      { printf '%s' "$digit"; cat "$file"; } >"$import_seeds/$host-$(basename "$file")"
    done
  fi
  digit=$((digit + 1))
done

# One dictionary per target (libFuzzer takes one): the documents' keys and JSON for those that
# read JSON, HTTP tokens for those that read HTTP, both for the request documents of
# reclaim_http_handle, template tags for the templates.
dict() {
  local out=$work/$1.dict
  shift
  (cd "$root/fuzz" && cat "$@") >"$out"
  echo "$out"
}

status=0
finding() {
  echo "$1: FINDING, see $2" >&2
  grep -E '^(==[0-9]+==ERROR|SUMMARY|artifact_prefix|Test unit written)' "$2" >&2 || true
  status=1
}

for target in "${targets[@]}"; do
  name=${target#fuzz_}
  seeds=("$root/fuzz/seeds/$name")
  case $target in
    fuzz_requests | fuzz_config) dictionary=$(dict "$target" json.dict) ;;
    fuzz_import)
      dictionary=$(dict "$target" json.dict)
      seeds+=("$import_seeds")
      ;;
    fuzz_http) dictionary=$(dict "$target" json.dict http.dict) ;;
    fuzz_http_stream | fuzz_parsers) dictionary=$(dict "$target" http.dict) ;;
    fuzz_templates) dictionary=$(dict "$target" json.dict template.dict) ;;
    fuzz_mail) dictionary=$(dict "$target" mail.dict) ;;
    *)
      echo "$target: no such target (${all[*]})" >&2
      status=1
      continue
      ;;
  esac
  binary=$build/fuzz/$target
  if [[ ! -x $binary ]]; then
    echo "$target: FAILED, $binary is not built" >&2
    status=1
    continue
  fi
  mkdir -p "$work/corpus-$target"
  echo "== $target: $seconds s" >&2
  log=$work/$target.log
  common=(-max_len=65536 -timeout=10 -rss_limit_mb=2048 -artifact_prefix="$work/$target-")
  if ! "$binary" -max_total_time="$seconds" ${RECLAIM_FUZZ_RUNS:+-runs=$RECLAIM_FUZZ_RUNS} \
      "${common[@]}" "${leak_flags[@]}" -dict="$dictionary" -print_final_stats=1 \
      "$work/corpus-$target" "${seeds[@]}" >"$log" 2>&1; then
    finding "$target" "$log"
  fi
  # Every input of the corpus once more, each with its own leak check (-runs=0 stops after them).
  if [[ $leaks == exit ]] && ! "$binary" -runs=0 "${common[@]}" -detect_leaks=1 \
      "$work/corpus-$target" >"$work/$target.replay.log" 2>&1; then
    finding "$target" "$work/$target.replay.log"
  fi
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  if [[ -z $runs || $runs -eq 0 ]]; then
    echo "$target: FAILED, it did not run (see $log)" >&2
    tail -5 "$log" >&2
    status=1
  fi
  grep -E '^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)' "$log" |
    sed "s/^/$target /" >&2 || true
done
exit $status
