#!/usr/bin/env bash
# Medusa's own returns flow beside Reclaim inside Medusa (@reclaim/medusa): one Medusa server on
# PostgreSQL (fsync on), Reclaim on SQLite, requests from a Node.js client on the same machine.
# docs/PERFORMANCE.md ("Inside Medusa") records its output.
#   bash bench/medusa.sh                      # 10 s per row, 1 and 8 clients, the build in build/
#   SECONDS_EACH=5 CLIENTS=1,4,16 BUILD=build bash bench/medusa.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="$(realpath "${BUILD:-$ROOT/build}")"
[[ -f "$BUILD/sdk/node/reclaim.node" ]] || { echo "build the tree first: $BUILD/sdk/node/reclaim.node is missing" >&2; exit 1; }
export SECONDS_EACH="${SECONDS_EACH:-10}" CLIENTS="${CLIENTS:-1,8}"
export RECLAIM_HTTP_OPTIONS='{"submits_per_minute": 1000000, "lookups_per_minute": 1000000}'
PG_FSYNC=on bash "$ROOT/tests/medusa/run.sh" "$BUILD/sdk/node/reclaim.node" "$BUILD/bench-medusa" \
  "$ROOT/bench/medusa.mjs"
