#!/usr/bin/env bash
# cpack builds the .deb; its metadata and files are checked, and the C examples are built with
# pkg-config and CMake against the package unpacked into a directory (dpkg-deb -x), and run.
set -uo pipefail
here=$(dirname "$0")
source "$here/check.sh"
source "$here/consumer.sh"
sanitized=$1 build=$2 work=$3
if [[ $sanitized == 1 ]]; then echo "skipped: the package is built from the plain build"; exit 77; fi
unset RECLAIM_LIBRARY RECLAIM_DATABASE
rm -rf "$work" && mkdir -p "$work"

expect_exit 0 "cpack -G DEB" cpack -G DEB -B "$work" --config "$build/CPackConfig.cmake"
deb=$(find "$work" -maxdepth 1 -name 'reclaim_*.deb' | head -1)
[[ -f $deb ]] && pass || { fail "no .deb in $work"; summary; exit 1; }
expect_exit 0 "dpkg-deb --info" dpkg-deb --info "$deb"
contains "$out" "Package: reclaim" "the package name"
contains "$out" "Depends:" "the dependencies come from dpkg-shlibdeps"
contains "$out" "libsoci" "SOCI is a dependency"
expect_exit 0 "dpkg-deb --contents" dpkg-deb --contents "$deb"
for f in ./usr/include/reclaim/reclaim.h ./usr/lib/libreclaim.so.1 ./usr/lib/pkgconfig/reclaim.pc \
  ./usr/lib/cmake/Reclaim/ReclaimConfig.cmake ./usr/bin/reclaimctl \
  ./usr/share/reclaim/php/Reclaim.php ./usr/lib/python3/dist-packages/reclaim/__init__.py \
  ./usr/share/reclaim/api/case-act-request.schema.json; do
  contains "$out" "$f" "the package holds $f"
done
expect_exit 0 "dpkg-deb -x" dpkg-deb -x "$deb" "$work/root"
consume "$work/root/usr" "$work/consumer"
summary
