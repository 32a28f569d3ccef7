# consumer.sh — builds and runs the C examples against an installed Reclaim at $1 (a prefix
# holding include/, lib/, share/), both ways the README shows: pkg-config and CMake. Sourced
# by install_test.sh and deb_test.sh after check.sh; $2 is a scratch directory.
consume() {
  local prefix=$1 work=$2
  local examples=$prefix/share/reclaim/examples
  local pcdir
  pcdir=$(dirname "$(find "$prefix" -name reclaim.pc | head -1)")
  local libdir
  libdir=$(dirname "$(find "$prefix" -name 'libreclaim.so.1' | head -1)")
  mkdir -p "$work"

  # pkg-config
  expect_exit 0 "pkg-config --modversion" env PKG_CONFIG_PATH="$pcdir" pkg-config --modversion reclaim
  [[ $out =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] && pass || fail "pkg-config version: $out"
  expect_exit 0 "pkg-config --cflags --libs" env PKG_CONFIG_PATH="$pcdir" pkg-config --cflags --libs reclaim
  local flags=$out
  # shellcheck disable=SC2086
  expect_exit 0 "cc quickstart.c \$(pkg-config …)" cc -std=c99 -Wall -Werror \
    "$examples/quickstart.c" $flags -o "$work/quickstart"
  expect_exit 0 "the pkg-config quickstart runs" env LD_LIBRARY_PATH="$libdir" \
    "$work/quickstart" "$work/pc.db"
  contains "$out" "close    -> closed" "the pkg-config quickstart walks a case"
  expect_exit 0 "ldd of the quickstart" env LD_LIBRARY_PATH="$libdir" ldd "$work/quickstart"
  contains "$out" "libreclaim.so.1 => $libdir/libreclaim.so.1" "it loads the installed library"

  # CMake: find_package(Reclaim) → Reclaim::reclaim
  expect_exit 0 "cmake configure of the examples" cmake -S "$examples" -B "$work/cmake" -G Ninja \
    -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_BUILD_TYPE=Release
  expect_exit 0 "cmake build of the examples" cmake --build "$work/cmake"
  expect_exit 0 "the CMake errors example runs" env LD_LIBRARY_PATH="$libdir" "$work/cmake/errors"
  contains "$out" "all as expected" "the CMake errors example"
  expect_exit 0 "the CMake events_tail example runs" env LD_LIBRARY_PATH="$libdir" \
    "$work/cmake/events_tail" "$work/pc.db" "$work/cursor"
  contains "$out" "delivered 5 events" "the CMake events_tail example"
}
