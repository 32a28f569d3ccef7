#!/usr/bin/env bash
# The PHP example: Reclaim's own order document, and the default: WooCommerce's order 727,
# from 2017, which is past the guarantee, so the support desk opens the case.
set -uo pipefail
source "$(dirname "$0")/check.sh"
php=$1 examples=$2

expect_exit 0 "example with adapter reclaim" "$php" "$examples/import_order.php" reclaim \
  "$examples/reclaim-order.json"
contains "$out" "order 1001 imported: 2 line(s), first: Czajnik × 2" "the order was imported"
contains "$out" "eligibility: shop_guarantee" "the check allows the customer"
contains "$out" "case RC-2026-000001 opened: received" "the case was opened"

expect_exit 0 "example, the default WooCommerce document" "$php" -r '
  $c = json_decode(file_get_contents($argv[1]), true);
  exit($c["id"] === 727 && $c["line_items"][0]["id"] === 315 ? 0 : 1);' \
  "$examples/woocommerce-order-727.json"
"$php" "$examples/import_order.php" >"$tmp_err.out" 2>"$tmp_err" && got=0 || got=$?
if [[ $got == 0 ]]; then
  contains "$(cat "$tmp_err.out")" "order 727 imported" "the WooCommerce order was imported"
  contains "$(cat "$tmp_err.out")" "eligibility: guarantee_expired" "the 2017 order is too old"
  contains "$(cat "$tmp_err.out")" "opened: received" "the support desk opened the case"
else
  fail "the WooCommerce example exited $got: $(cat "$tmp_err")"
fi
rm -f "$tmp_err.out"

expect_exit 2 "a missing document" "$php" "$examples/import_order.php" reclaim /nonexistent.json
contains "$err" "cannot read /nonexistent.json" "the missing file is named"
summary
