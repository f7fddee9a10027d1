#!/usr/bin/env bash
# Writes the checker's JSON (and text, with the outline) for every report the project knows into
# DIR, one file per input, so that two builds can be compared byte for byte:
#
#   scripts/snapshot.sh /tmp/before      # on the starting commit
#   scripts/snapshot.sh /tmp/after       # after a change
#   diff -r /tmp/before /tmp/after && echo identical
#
# BIN=path/to/check uses that program instead of building the release example (to compare two
# builds made elsewhere, or a debug build).
#
# Inputs: tests/fixtures/reports, examples/sample, ../shared/corpus (with excerpts/) when present,
# and a 1 MB report built from the sample (as benches/check.rs builds it).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:?usage: scripts/snapshot.sh DIR}
mkdir -p "$out"
if [ -z "${BIN:-}" ]; then
  cargo build --release --example check --quiet
  bin=target/release/examples/check
else
  bin=$BIN
fi

files=()
while IFS= read -r f; do files+=("$f"); done < <(
  find tests/fixtures/reports examples/sample ../shared/corpus -type f 2>/dev/null | sort
)
big=target/sample-1mb.txt
sample=examples/sample/青石镇2023年法治政府建设工作报告.txt
: > "$big"
while [ "$(stat -c %s "$big")" -lt 1000000 ]; do cat "$sample" >> "$big"; printf '\n' >> "$big"; done
files+=("$big")

for f in "${files[@]}"; do
  name=$(printf '%s' "$f" | sed 's|^\.\./||; s|/|__|g')
  "$bin" --format json "$f" > "$out/$name.json" || true
  NO_COLOR=1 "$bin" --format text --outline --evidence 100 "$f" > "$out/$name.txt" || true
done
# All files in one batch too: the order and the per-file isolation of a batch, every format, the
# explanations, the summary, the figures and the HTML pages (messages on stderr kept too).
"$bin" --format json "${files[@]}" > "$out/all.jsonl" 2> "$out/all.jsonl.stderr" || true
"$bin" --format csv "${files[@]}" > "$out/all.csv" 2> "$out/all.csv.stderr" || true
NO_COLOR=1 "$bin" --format text "${files[@]}" > "$out/all.txt" 2> "$out/all.txt.stderr" || true
NO_COLOR=1 "$bin" --format text --explain "${files[@]}" > "$out/all-explain.txt" 2>&1 || true
"$bin" --format json --explain "${files[@]}" > "$out/all-explain.jsonl" 2>&1 || true
"$bin" --format json --tokens tests/fixtures/reports "$sample" > "$out/tokens.txt" 2>&1 || true
"$bin" --format json --no-copies --figures "$out/figures.csv" --html "$out/html" "${files[@]}" \
  > /dev/null 2> "$out/html.stderr" || true
"$bin" --check-rules tests/fixtures/reports > "$out/check-rules.txt" 2>&1 || true
"$bin" --stats tests/fixtures/reports > "$out/stats.txt" 2>&1 || true
"$bin" --format json --stats tests/fixtures/reports > "$out/stats.json" 2>&1 || true
echo "${#files[@]} inputs written to $out"
