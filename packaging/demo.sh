#!/usr/bin/env bash
# The main job: install what is missing, build, and run the example host, which loads
# libreclaim.so with dlopen as a shop would and walks a demo case through its lifecycle.
set -euo pipefail
cd "$(dirname "$0")/.."
bash packaging/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc)" --target reclaim reclaim-example-host
mkdir -p build/demo
exec build/sdk/example-host/reclaim-example-host build/plugin/libreclaim.so build/demo/reclaim-demo.db
