#!/usr/bin/env bash
# The browser test: installs the npm packages from the lock file when needed, then drives
# Debian's headless Chromium against reclaimd. Usage: run.sh RECLAIMD ARTIFACT_DIR
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
for tool in node npm /usr/bin/chromium; do
  command -v "$tool" >/dev/null || { echo "missing $tool: run packaging/install-deps.sh" >&2; exit 1; }
done
cd "$here"
# npm ci only when the lock file changed since the last install (a stamp copy of it) or a
# package is missing.
if ! cmp -s package-lock.json node_modules/.reclaim-installed-lock 2>/dev/null ||
   [ ! -f node_modules/playwright-core/package.json ] || [ ! -f node_modules/axe-core/axe.min.js ]; then
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json node_modules/.reclaim-installed-lock
fi
exec node run.mjs "$@"
