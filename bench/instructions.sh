#!/usr/bin/env bash
# Instructions per call of case open, case get and the status page, counted by callgrind, for
# one or two builds of libreclaim.so (e.g. before and after a change). Instruction counts do not
# depend on what else the machine runs, so two builds compare on a busy machine too.
#   bash bench/instructions.sh LIBDIR [LIBDIR2]     # LIBDIR holds libreclaim.so.1
#   N=300 bash bench/instructions.sh build-bench/plugin /path/to/other/build-bench/plugin
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
N="${N:-200}"
command -v valgrind >/dev/null || { echo "needs valgrind (apt-get install valgrind)"; exit 1; }
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
cc -std=c99 -O2 -I"$ROOT/include" "$ROOT/bench/instructions.c" -o "$WORK/instructions" \
   -L"$1" -l:libreclaim.so.1
count() {  # LIBDIR STEPS: total instructions of one run on a fresh database
  rm -rf "$WORK/db" && mkdir "$WORK/db"
  LD_LIBRARY_PATH="$1" valgrind --tool=callgrind --callgrind-out-file="$WORK/cg.out" \
    "$WORK/instructions" "$2" "$N" "$WORK/db" 2>&1 | grep -o 'Collected : [0-9]*' | grep -o '[0-9]*$'
}
printf '%-40s %14s %14s %14s\n' "library ($N calls each)" "case open" "case get" "status page"
for lib in "$@"; do
  base=$(count "$lib" "-"); open=$(count "$lib" o); get=$(count "$lib" og); page=$(count "$lib" ogp)
  printf '%-40s %14d %14d %14d\n' "$lib" $(( (open - base) / N )) $(( (get - open) / N )) \
    $(( (page - get) / N ))
done
echo "(instructions per call; callgrind, N=$N, SQLite file, synchronous=normal)"
