#!/usr/bin/env bash
# The C examples on a fresh database: quickstart twice, errors, events_tail with its cursor, and
# demo_history, whose quarter reclaimctl then reports on.
set -uo pipefail
source "$(dirname "$0")/check.sh"
dir=$1 quickstart=$2 errors=$3 events_tail=$4 demo_history=$5 ctl=$6
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

expect_exit 0 "demo_history" "$demo_history" "$dir/demo.db"
expect_exit 2 "demo_history on a database that holds it" "$demo_history" "$dir/demo.db"
expect_exit 0 "demo_history again, elsewhere" "$demo_history" "$dir/demo2.db"
quarter=(report --shop default --from 2026-09-01 --to 2026-11-30 --group-by sku)
"$ctl" --db "$dir/demo.db" --json "${quarter[@]}" >"$dir/demo.json" &&
  "$ctl" --db "$dir/demo2.db" --json "${quarter[@]}" >"$dir/demo2.json" &&
  cmp -s "$dir/demo.json" "$dir/demo2.json" && pass || fail "the same seed gives the same quarter"
opened=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["totals"]["opened"])' \
  "$dir/demo.json" 2>/dev/null || echo 0)
cases=$("$ctl" --db "$dir/demo.db" --json case list --all --limit 500 | grep -o '"number":"RC-' | wc -l)
[[ $opened -gt 50 && $opened == "$cases" ]] && pass ||
  fail "the quarter's report counts every case the demo opened ($opened reported, $cases listed)"
expect_exit 0 "demo report as html" "$ctl" --db "$dir/demo.db" "${quarter[@]}" --format html \
  --locale ru --output "$dir/demo.html"
contains "$(cat "$dir/demo.html")" "KET-1" "the demo's html report names its products"
summary
