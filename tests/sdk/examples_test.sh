#!/usr/bin/env bash
# The C examples on a fresh database: quickstart twice, errors, and events_tail with its cursor.
set -uo pipefail
source "$(dirname "$0")/check.sh"
dir=$1 quickstart=$2 errors=$3 events_tail=$4
rm -rf "$dir" && mkdir -p "$dir"

expect_exit 0 "quickstart" "$quickstart" "$dir/quickstart.db"
contains "$out" "close    -> closed" "quickstart walks the case to closed"
contains "$out" '"type":"case.opened"' "quickstart reads the events"
expect_exit 0 "quickstart again" "$quickstart" "$dir/quickstart.db"
contains "$out" "RC-2026-000002" "the second run opens a second case"
expect_exit 2 "quickstart with a bad path" "$quickstart" 'a"b'

expect_exit 0 "errors" "$errors"
for status in invalid_argument not_found conflict not_allowed storage unsupported; do
  contains "$out" " $status" "errors provokes $status"
done
contains "$out" "all as expected" "errors: every call answered as expected"

expect_exit 0 "events_tail" "$events_tail" "$dir/quickstart.db" "$dir/cursor"
contains "$out" "delivered 10 events, cursor at 10" "events_tail delivers every event once"
[[ $(cat "$dir/cursor") == 10 ]] && pass || fail "the cursor file holds 10"
expect_exit 0 "events_tail again" "$events_tail" "$dir/quickstart.db" "$dir/cursor"
contains "$out" "delivered 0 events, cursor at 10" "events_tail continues from its cursor"
expect_exit 2 "events_tail without arguments" "$events_tail"
summary
