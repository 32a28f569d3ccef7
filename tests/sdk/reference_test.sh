#!/usr/bin/env bash
# The HTML reference was generated from the header: every declared function has its entry.
set -uo pipefail
source "$(dirname "$0")/check.sh"
html=$1 header=$2
[[ -f $html/index.html ]] && pass || fail "no $html/index.html"
contains "$(cat "$html/index.html")" "THE CONTRACT" "the main page carries the header's contract"
page=$(cat "$html"/reclaim_8h.html 2>/dev/null)
for fn in $(grep -oE '\breclaim_[a-z_]+\(' "$header" | tr -d '(' | sort -u); do
  contains "$page" "$fn" "the reference documents $fn"
done
contains "$page" "RECLAIM_UNSUPPORTED" "the status codes are documented"
summary
