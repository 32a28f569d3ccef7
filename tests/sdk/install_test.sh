#!/usr/bin/env bash
# cmake --install into a prefix in the build directory, then use it as the README says: the
# files and the SONAME are in place, the C examples build with pkg-config and with CMake and
# run, reclaimctl runs from bin/, the PHP example and the Python package find the library.
set -uo pipefail
here=$(dirname "$0")
source "$here/check.sh"
source "$here/consumer.sh"
sanitized=$1 build=$2 work=$3
if [[ $sanitized == 1 ]]; then echo "skipped: installed trees are tested on the plain build"; exit 77; fi
unset RECLAIM_LIBRARY RECLAIM_DATABASE
rm -rf "$work" && mkdir -p "$work"
prefix=$work/prefix

expect_exit 0 "cmake --install" cmake --install "$build" --prefix "$prefix"
for f in include/reclaim/reclaim.h lib/libreclaim.so lib/libreclaim.so.1 lib/pkgconfig/reclaim.pc \
  lib/cmake/Reclaim/ReclaimConfig.cmake lib/cmake/Reclaim/ReclaimConfigVersion.cmake \
  lib/cmake/Reclaim/ReclaimTargets.cmake bin/reclaimctl share/reclaim/php/Reclaim.php \
  share/reclaim/php/examples/import_order.php share/reclaim/examples/quickstart.c \
  share/reclaim/examples/CMakeLists.txt lib/python3/dist-packages/reclaim/__init__.py \
  share/reclaim/api/case.schema.json share/reclaim/api/openapi.yaml; do
  [[ -e $prefix/$f ]] && pass || fail "not installed: $f"
done
[[ -L $prefix/lib/libreclaim.so && -L $prefix/lib/libreclaim.so.1 ]] && pass ||
  fail "libreclaim.so and .so.1 are symlinks"
expect_exit 0 "readelf" readelf -d "$prefix/lib/libreclaim.so"
contains "$out" "Library soname: [libreclaim.so.1]" "the SONAME"
lacks "$(find "$prefix" -name '*.a')" ".a" "no static archive is installed"

consume "$prefix" "$work/consumer"

expect_exit 0 "the installed reclaimctl" "$prefix/bin/reclaimctl" --db "$work/ctl.db" info
contains "$out" "schema" "reclaimctl finds the installed library by its RPATH"
if command -v php >/dev/null; then
  expect_exit 0 "the installed PHP example" php "$prefix/share/reclaim/php/examples/import_order.php" \
    reclaim "$prefix/share/reclaim/php/examples/reclaim-order.json"
  contains "$out" "case RC-2026-000001 opened" "the PHP example finds the installed library"
fi
expect_exit 0 "the installed Python package" env PYTHONPATH="$prefix/lib/python3/dist-packages" \
  /usr/bin/python3 -c 'import reclaim; print(reclaim.default_library_path(), reclaim.version())'
contains "$out" "$prefix/lib/libreclaim.so.1" "the Python package finds the installed library"
summary
