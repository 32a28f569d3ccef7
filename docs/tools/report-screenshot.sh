#!/usr/bin/env bash
# Renders a reclaim_report JSON result as the HTML report in Polish, English and Russian, embeds
# each in a host page with a strict Content-Security-Policy, and takes screenshots in headless
# Chromium at 360 px and 1200 px wide (checking that nothing is requested and running axe-core).
# Usage: docs/tools/report-screenshot.sh BUILD_DIR [REPORT.json|-] [OUT_DIR]
#   REPORT.json defaults to the sample in tests/fixtures/reports; "-" reads stdin.
#   OUT_DIR defaults to BUILD_DIR/report-screenshots. Copy the PNGs you want into docs/.
# Or: docs/tools/report-screenshot.sh --fragments OUT_DIR report-pl.html report-en.html …
#   for fragments reclaim_report already rendered (named report-LOCALE.html).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
if [ "${1:-}" = "--fragments" ]; then
  out="$(cd "${2:?--fragments OUT_DIR FRAGMENT...}" && pwd)"
  shift 2
  fragments=("$@")
else
  build="$(cd "${1:?usage: report-screenshot.sh BUILD_DIR [REPORT.json|-] [OUT_DIR]}" && pwd)"
  input="${2:-$root/tests/fixtures/reports/demo_week.json}"
  out="${3:-$build/report-screenshots}"
  tool="$build/tests/reclaim_report_html"
  [ -x "$tool" ] || { echo "build the reclaim_report_html target first: cmake --build $build --target reclaim_report_html" >&2; exit 1; }
  mkdir -p "$out"
  out="$(cd "$out" && pwd)"
  document="$(mktemp)"
  trap 'rm -f "$document"' EXIT
  if [ "$input" = "-" ]; then cat > "$document"; else cp "$input" "$document"; fi
  fragments=()
  for locale in pl en ru; do
    "$tool" "$locale" "$document" > "$out/report-$locale.html"
    fragments+=("$out/report-$locale.html")
  done
fi
source "$root/tests/browser/setup.sh"
cd "$browser_dir"
"$node" report.mjs "$out" "${fragments[@]}"
