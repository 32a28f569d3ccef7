#!/usr/bin/env bash
# Regenerates packaging/abi/libreclaim.abi, the reference ABI that packaging/abi/check.sh (the
# abi.dump test) compares libreclaim.so with. Run it only for a deliberate ABI change — a new
# function at the end of a new version node, or a new SONAME — from the RelWithDebInfo build:
#   cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo && cmake --build build -j2
#   bash packaging/abi/update.sh [build/plugin/libreclaim.so]
set -euo pipefail
cd "$(dirname "$0")/../.."
library=${1:-build/plugin/libreclaim.so}
abidw --no-corpus-path --no-show-locs --no-comp-dir-path --drop-private-types \
  --exported-interfaces-only --type-id-style hash --headers-dir include/reclaim "$library" |
  sed "s|path='$PWD/|path='|" >packaging/abi/libreclaim.abi
echo "packaging/abi/libreclaim.abi regenerated from $library"
