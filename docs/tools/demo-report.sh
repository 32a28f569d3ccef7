#!/usr/bin/env bash
# The demo shop's quarter (sdk/examples/demo_history.c) reported by week with reclaimctl as the
# HTML report in Polish, English and Russian, and screenshots of it in headless Chromium.
# Usage: docs/tools/demo-report.sh BUILD_DIR [OUT_DIR]   (OUT_DIR defaults to BUILD_DIR/demo-report)
# docs/report-*.png are these screenshots.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
build="$(cd "${1:?usage: demo-report.sh BUILD_DIR [OUT_DIR]}" && pwd)"
out="${2:-$build/demo-report}"
cmake --build "$build" --target reclaim-example-demo_history reclaimctl >/dev/null
mkdir -p "$out"
out="$(cd "$out" && pwd)"
rm -f "$out/demo.db" "$out/demo.db-wal" "$out/demo.db-shm"
"$build/sdk/examples/reclaim-example-demo_history" "$out/demo.db"
cat > "$out/config.json" <<JSON
{"database":"sqlite:$out/demo.db","shops":[{"id":"default","name":"Sklep Demo",
 "jurisdiction":"PL","timezone":"Europe/Warsaw","currency":"PLN","locale":"pl"}]}
JSON
fragments=()
for locale in pl en ru; do
  "$build/sdk/reclaimctl/reclaimctl" --config "$out/config.json" report --shop default \
    --from 2026-09-01 --to 2026-11-30 --group-by week --format html --locale "$locale" \
    --output "$out/report-$locale.html"
  fragments+=("$out/report-$locale.html")
done
bash "$root/docs/tools/report-screenshot.sh" --fragments "$out" "${fragments[@]}"
