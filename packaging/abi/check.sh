#!/usr/bin/env bash
# The abi.dump test: libreclaim.so must have exactly the ABI recorded in libreclaim.abi.
# Any difference fails, additions included (the header is complete for ABI 1): a deliberate
# change regenerates the reference with packaging/abi/update.sh, reviewed in the same commit.
# Usage: check.sh SANITIZED LIBRARY SOURCE_DIR. Exit 77 (skipped) in sanitizer builds, whose
# instrumented library is not the one shipped, and when abigail-tools is missing.
set -uo pipefail
sanitized=$1 library=$2 source=$3
if [[ $sanitized == 1 ]]; then
  echo "skipped: the ABI reference is of the plain RelWithDebInfo build, not a sanitizer build"
  exit 77
fi
if ! command -v abidiff >/dev/null; then
  echo "skipped: abidiff (abigail-tools) is not installed"
  exit 77
fi
abidiff --drop-private-types --headers-dir2 "$source/include/reclaim" \
  "$source/packaging/abi/libreclaim.abi" "$library"
status=$?
if ((status != 0)); then
  echo "libreclaim.so differs from packaging/abi/libreclaim.abi (abidiff exit $status)."
  echo "If the change is deliberate, regenerate it: bash packaging/abi/update.sh"
  echo "0 passed, 1 failed"
  exit 1
fi
echo "the ABI matches packaging/abi/libreclaim.abi"
echo "1 passed, 0 failed"
