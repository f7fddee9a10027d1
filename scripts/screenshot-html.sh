#!/usr/bin/env bash
# Renders the HTML report pages of the fixture reports and takes a screenshot of the index and of
# one report page in headless Chromium, to look at them as a legal officer would. Not part of
# `cargo test`. Usage: scripts/screenshot-html.sh [OUT_DIR]   (default /tmp/fazhi-html)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-/tmp/fazhi-html}"
if ! command -v chromium >/dev/null 2>&1; then
  apt-get update -qq && apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
fi
rm -rf "$out" && mkdir -p "$out"
cargo run -q --release --example check -- --summary-only --html "$out/pages" tests/fixtures/reports examples/sample >/dev/null || true
shoot() {
  chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$(mktemp -d)" --window-size=1200,1600 --screenshot="$2" "file://$1" >/dev/null 2>&1
}
shoot "$out/pages/index.html" "$out/index.png"
page=$(ls "$out/pages" | grep -v '^index' | head -n 1)
shoot "$out/pages/$page" "$out/report.png"
echo "screenshots: $out/index.png $out/report.png"
