#!/usr/bin/env bash
# Renders the example HTML report in a real browser (headless Chromium) to PNG, so that a change
# to the report can be looked at, not only parsed.
#
#   Scripts/render-html.sh [OUT_DIR] [WIDTHxHEIGHT]
#
# Writes OUT_DIR (default .build/example-report) /finance.tar (the example image, made by
# Scripts/example-image.py), the page registry.example.com-finance-2.14.0.html, and report.png.
# Needs python3 and Chromium (Debian: apt-get install -y chromium). Chromium runs with a dead
# proxy, so a page that tried to fetch anything would render broken.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-.build/example-report}
size=${2:-1280x1120}
mkdir -p "$out"

browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$browser" ]; then
    echo "render-html: Chromium not found (Debian: apt-get install -y chromium)" >&2
    exit 2
fi

[ -f "$out/finance.tar" ] || python3 Scripts/example-image.py "$out/finance.tar"
flock /tmp/plimsoll-swift-build.lock swift build --product plimsoll >&2
page=$(.build/debug/plimsoll inspect "$out/finance.tar" --format html --out "$out")

"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 \
    --proxy-server=127.0.0.1:9 --disable-background-networking --no-first-run \
    --window-size="${size/x/,}" --screenshot="$out/report.png" "file://$PWD/$page" 2>/dev/null
echo "$page"
echo "$out/report.png"
