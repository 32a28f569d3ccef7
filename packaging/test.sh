#!/usr/bin/env bash
# The whole suite: install what is missing, build, run every test; then build again with
# AddressSanitizer + UndefinedBehaviorSanitizer and run every test there too; then build the
# libFuzzer targets (clang, ASan + UBSan) and run each briefly (docs/FUZZING.md).
set -euo pipefail
cd "$(dirname "$0")/.."
bash packaging/install-deps.sh
jobs=$(nproc)
export CTEST_OUTPUT_ON_FAILURE=1

cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$jobs"
ctest --test-dir build -j"$jobs" --timeout 600

cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug \
  -DRECLAIM_SANITIZE=address,undefined >/dev/null
cmake --build build-asan -j"$jobs"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
  LSAN_OPTIONS=suppressions="$PWD/tests/lsan-suppressions.txt" \
  ctest --test-dir build-asan -j"$jobs" --timeout 900

# A short run of every fuzz target on its corpus: any crash, leak, timeout or sanitizer report,
# and any target that does not run, fails the suite. RECLAIM_FUZZ_SECONDS sets the time each.
CC=clang-14 CXX=clang++-14 cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DRECLAIM_FUZZ=ON -DRECLAIM_BUILD_TESTS=OFF >/dev/null
cmake --build build-fuzz -j"$jobs" --target fuzz_targets
bash fuzz/run.sh "${RECLAIM_FUZZ_SECONDS:-15}"
