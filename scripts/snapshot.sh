#!/usr/bin/env bash
# Writes the checker's JSON (and text, with the outline) for every report the project knows into
# DIR, one file per input, so that two builds can be compared byte for byte:
#
#   scripts/snapshot.sh /tmp/before      # on the starting commit
#   scripts/snapshot.sh /tmp/after       # after a change
#   diff -r /tmp/before /tmp/after && echo identical
#
# Inputs: tests/fixtures/reports, examples/sample, ../shared/corpus (with excerpts/) when present,
# and a 1 MB report built from the sample (as benches/check.rs builds it).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:?usage: scripts/snapshot.sh DIR}
mkdir -p "$out"
cargo build --release --example check --quiet
bin=target/release/examples/check

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
# All files in one batch too: the order and the per-file isolation of a batch.
"$bin" --format json "${files[@]}" > "$out/all.jsonl" || true
echo "${#files[@]} inputs written to $out"
