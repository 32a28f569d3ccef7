#!/usr/bin/env bash
# The main job: install what is missing, build, and start reclaimd, the standalone host, on an
# embedded SQLite database with demo orders. It prints the URL and an order to try, and serves
# in the foreground until Ctrl-C or SIGTERM. RECLAIM_DEMO_LISTEN changes the address.
set -euo pipefail
cd "$(dirname "$0")/.."
bash packaging/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc)" --target reclaim reclaimd
mkdir -p build/demo
# The demo orders, delivered two days ago: a return is still within its 14 days.
python3 packaging/recent-orders.py sdk/reclaimd/demo-orders.json build/demo/demo-orders.json
cat >build/demo/reclaimd.json <<JSON
{
  "engine": {
    "database": "sqlite:$PWD/build/demo/reclaim-demo.db",
    "shops": [{"id": "default", "name": "Demo Shop", "jurisdiction": "PL",
               "timezone": "Europe/Warsaw", "currency": "PLN", "locale": "pl", "case_prefix": "RC"}]
  },
  "http": {"listen": "${RECLAIM_DEMO_LISTEN:-127.0.0.1:8080}", "threads": 2},
  "orders": ["$PWD/build/demo/demo-orders.json"],
  "staff_link": {"staff": {"id": "demo", "name": "Demo Supervisor", "role": "supervisor",
                           "shops": ["default"]}, "ttl_s": 600}
}
JSON
exec build/sdk/reclaimd/reclaimd build/demo/reclaimd.json
