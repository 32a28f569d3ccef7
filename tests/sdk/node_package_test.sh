#!/usr/bin/env bash
# The Node.js binding as a shop's project gets it (docs/INTEGRATE-NODE.md, "As an npm package"):
# npm pack in sdk/node, npm install of the tarball into an empty project, the addon built from
# the installed package with CMake against an installed Reclaim, and the package's quickstart
# run with that addon.
set -uo pipefail
here=$(dirname "$0")
source "$here/check.sh"
sanitized=$1 build=$2 work=$3 source_dir=$4
if [[ $sanitized == 1 ]]; then echo "skipped: installed trees are tested on the plain build"; exit 77; fi
unset RECLAIM_LIBRARY RECLAIM_NODE_ADDON
rm -rf "$work" && mkdir -p "$work/app"
prefix=$work/prefix

expect_exit 0 "cmake --install" cmake --install "$build" --prefix "$prefix"
expect_exit 0 "npm pack" npm pack --silent --pack-destination "$work" "$source_dir/sdk/node"
tarball=$work/$(echo "$out" | tail -n 1)
[[ -f $tarball ]] && pass || fail "npm pack made no tarball: $out"
tar -tzf "$tarball" > "$work/contents" 2>&1
for f in package/index.js package/index.d.ts package/types/api.d.ts package/README.md \
  package/CMakeLists.txt package/src/addon.cc package/lib/addon.js; do
  grep -qx "$f" "$work/contents" && pass || fail "not in the package: $f"
done
grep -q '^package/test/' "$work/contents" && fail "the tests are packed" || pass

cd "$work/app" || exit 1
echo '{"name": "shop", "version": "1.0.0", "private": true}' > package.json
# The package's own dependencies (the headers) come from npm's cache, filled by the build's npm ci.
expect_exit 0 "npm install" npm install --no-audit --no-fund --prefer-offline --loglevel=error "$tarball"
package=node_modules/@reclaim/node
expect_exit 0 "cmake (standalone)" cmake -S "$package" -B "$package/build" -DCMAKE_PREFIX_PATH="$prefix"
expect_exit 0 "cmake --build (standalone)" cmake --build "$package/build"
[[ -f $package/build/reclaim.node ]] && pass || fail "no $package/build/reclaim.node"
expect_exit 0 "the package's quickstart" node "$package/examples/quickstart.js"
contains "$out" "case RC-2026-000001: in_review, version 2" "the quickstart runs on the packaged addon"
expect_exit 0 "the addon's library" node -e \
  "console.log(require('@reclaim/node').version(), require.resolve('@reclaim/node'))"
contains "$out" "$work/app/node_modules/@reclaim/node/index.js" "the package resolves by its name"
expect_exit 0 "ldd" ldd "$package/build/reclaim.node"
contains "$out" "$prefix/lib/libreclaim.so.1" "the addon links the installed library"

summary
