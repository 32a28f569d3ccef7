#!/usr/bin/env bash
# The Medusa scenario (scenario.mjs) on a real Medusa v2 server with @reclaim/medusa loaded:
# installs the test shop's npm packages from its lock file when needed, starts a PostgreSQL
# cluster of its own and Medusa on 127.0.0.1, runs the scenario, stops both.
# Usage: run.sh RECLAIM_NODE_ADDON WORK_DIR [SCRIPT]
#   SCRIPT: what runs against the shop (default scenario.mjs; bench/medusa.sh gives its own).
#   PG_FSYNC=on: PostgreSQL with fsync (the benchmark); off by default, as in the other tests.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
app=$here/app
repo=$(cd "$here/../.." && pwd)
export RECLAIM_NODE_ADDON
RECLAIM_NODE_ADDON=$(realpath "$1")
work=$(realpath -m "$2")
script=$(realpath "${3:-$here/scenario.mjs}")
rm -rf "$work" && mkdir -p "$work"

for tool in node npm python3; do
  command -v "$tool" >/dev/null || { echo "missing $tool: run packaging/install-deps.sh" >&2; exit 1; }
done
# npm ci only when the lock file changed since the last install (a stamp copy of it).
if ! cmp -s "$app/package-lock.json" "$app/node_modules/.reclaim-installed-lock" 2>/dev/null ||
   [ ! -f "$app/node_modules/@medusajs/medusa/package.json" ]; then
  (cd "$app" && npm ci --no-audit --no-fund --loglevel=error)
  cp "$app/package-lock.json" "$app/node_modules/.reclaim-installed-lock"
fi
# npm copies the two local packages only when it installs; the tree's current files go in now.
copy_package() {  # name source files…
  local target=$app/node_modules/@reclaim/$1 source=$2
  shift 2
  rm -rf "$target" && mkdir -p "$target"
  (cd "$source" && cp -r "$@" "$target/")
}
copy_package node "$repo/sdk/node" package.json index.js index.d.ts lib types
copy_package medusa "$repo/sdk/medusa" package.json README.md .medusa

# Medusa 2.21 needs Node.js ^20.19 or >= 22.12; Debian 12's is 18. The lock file pins the
# official binary as npm ships it (as tests/browser does); the machine's own node is used
# when it is new enough and npm has none for this CPU.
node=$(command -v node)
for candidate in "$app"/node_modules/node-linux-{x64,arm64}/bin/node; do
  if [ -x "$candidate" ]; then node=$candidate; fi
done
"$node" -e 'const [a, b] = process.versions.node.split(".").map(Number);
            process.exit(a > 22 || (a === 22 && b >= 12) || (a === 20 && b >= 19) ? 0 : 1)' ||
  { echo "Medusa needs Node.js ^20.19 or >= 22.12; $node is $("$node" --version)" >&2; exit 1; }

echo "-- the plugin's own rules"
(cd "$app" && "$node" --test "$here/plugin.test.mjs")

bash "$repo/tests/support/pg_cluster.sh" start "$work/pg" "${PG_FSYNC:-off}" >/dev/null
medusa_pid=""
stop_all() {
  if [ -n "$medusa_pid" ]; then kill -TERM -- "-$medusa_pid" 2>/dev/null || true; wait "$medusa_pid" 2>/dev/null || true; fi
  bash "$repo/tests/support/pg_cluster.sh" stop "$work/pg" || true
}
trap stop_all EXIT
pg_port=$(cat "$work/pg/port")
"$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)/psql" "$(cat "$work/pg/conninfo")" -X -q \
  -c "CREATE DATABASE medusa"

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
secret() { python3 -c 'import secrets; print(secrets.token_hex(32))'; }
port=$(free_port)
export DATABASE_URL=postgres://reclaim@127.0.0.1:$pg_port/medusa
export SHOP_URL=http://127.0.0.1:$port
export JWT_SECRET COOKIE_SECRET RECLAIM_SECRET
JWT_SECRET=$(secret); COOKIE_SECRET=$(secret); RECLAIM_SECRET=$(secret)
export RECLAIM_DATABASE=$work/reclaim.db
export ADMIN_EMAIL=admin@shop.invalid ADMIN_PASSWORD=$(secret)
export WORK_DIR=$work NODE_ENV=production MEDUSA_DISABLE_TELEMETRY=true
medusa=(env PATH="$(dirname "$node"):$PATH" "$node" "$app/node_modules/@medusajs/cli/cli.js")

cd "$app"
echo "-- Medusa's migrations"
"${medusa[@]}" db:migrate >"$work/migrate.log" 2>&1 || { tail -40 "$work/migrate.log" >&2; exit 1; }
"${medusa[@]}" user -e "$ADMIN_EMAIL" -p "$ADMIN_PASSWORD" >"$work/user.log" 2>&1 ||
  { tail -40 "$work/user.log" >&2; exit 1; }
echo "-- Medusa on $SHOP_URL"
setsid "${medusa[@]}" start -H 127.0.0.1 -p "$port" >"$work/medusa.log" 2>&1 &
medusa_pid=$!
if ! "$node" "$script"; then
  echo "---- Medusa's log (last 80 lines)" >&2
  tail -80 "$work/medusa.log" >&2
  exit 1
fi
