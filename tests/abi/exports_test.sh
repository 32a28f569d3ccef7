#!/usr/bin/env bash
# The library exports exactly the functions the public header declares, all under RECLAIM_1,
# and its SONAME carries the header's ABI version (libreclaim.so.<RECLAIM_ABI_VERSION>).
set -euo pipefail
library=$1 header=$2
exported=$(nm -D --defined-only "$library" | awk '$2 ~ /^[TW]$/ {print $3}' | sort)
declared=$(grep -oE '\breclaim_[a-z_]+\(' "$header" | tr -d '(' | sort -u)
unversioned=$(echo "$exported" | grep -v '@@RECLAIM_1$' || true)
if [[ -n "$unversioned" ]]; then echo "not in RECLAIM_1 or not reclaim_*: $unversioned"; exit 1; fi
if ! diff <(echo "$exported" | sed 's/@@RECLAIM_1$//') <(echo "$declared"); then
  echo "exported symbols differ from the header's functions (< exported, > declared)"; exit 1
fi
others=$(nm -D --defined-only "$library" | awk '{print $3}' | grep -vE '^(reclaim_[a-z_]+@@RECLAIM_1|RECLAIM_1)$' || true)
if [[ -n "$others" ]]; then echo "other exported symbols: $others"; exit 1; fi
abi=$(sed -nE 's/^#define RECLAIM_ABI_VERSION ([0-9]+).*/\1/p' "$header")
soname=$(readelf -d "$library" | sed -nE 's/.*Library soname: \[(.*)\].*/\1/p')
if [[ $soname != "libreclaim.so.$abi" ]]; then
  echo "SONAME $soname does not match RECLAIM_ABI_VERSION $abi"; exit 1
fi
echo "$(echo "$exported" | wc -l) exported functions match the header; SONAME $soname"
echo "2 passed, 0 failed"
