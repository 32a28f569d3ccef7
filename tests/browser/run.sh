#!/usr/bin/env bash
# The browser test: installs the npm packages from the lock file when needed, then drives
# Debian's headless Chromium against reclaimd. Usage: run.sh RECLAIMD ARTIFACT_DIR
set -euo pipefail
source "$(dirname "$0")/setup.sh"
cd "$browser_dir"
exec "$node" run.mjs "$@"
