#!/usr/bin/env bash
# Tests the self-check page in a real browser: builds it (scripts/build-page.sh), opens
# target/self-check/index.html from disk in headless Chromium (Debian's package), feeds it reports
# (the README's sample, a .docx, a report sent back, a department's report, a rule file loaded from
# .toml) and compares the verdict, score, area statuses and finding ids it shows with the example
# program's --format json for the same files. Also fails on any request beyond the page's folder.
#
# Installs what is missing: chromium (apt) and playwright-core (npm, pinned, into target/page-test;
# no browser download). FAZHI_SCREENSHOTS=docs writes the screenshots into docs/ (default:
# target/page-test/).
set -euo pipefail
cd "$(dirname "$0")/.."
PLAYWRIGHT_CORE=1.65.1
work=target/page-test
shots="${FAZHI_SCREENSHOTS:-$work}"

if ! command -v chromium >/dev/null 2>&1; then
  apt-get install -y -q --no-install-recommends chromium
fi
if ! command -v node >/dev/null 2>&1; then
  apt-get install -y -q --no-install-recommends nodejs npm
fi
mkdir -p "$work" "$shots"
if [ "$(node -p "try{require('./$work/node_modules/playwright-core/package.json').version}catch(e){''}")" != "$PLAYWRIGHT_CORE" ]; then
  npm install --silent --no-audit --no-fund --prefix "$work" "playwright-core@$PLAYWRIGHT_CORE"
fi

scripts/build-page.sh target/self-check

# The program's JSON for each case, with the rule set the page must use.
sample="examples/sample/青石镇2023年法治政府建设工作报告.txt"
cargo build --quiet --locked --example check
check=target/debug/examples/check
cases=(
  # file | the page's choice | the rule set it must use | screenshot
  "$sample|auto|township|page-sample.png"
  "tests/fixtures/forms/report.docx|auto|township|"
  "tests/fixtures/reports/no-problems-no-plans.txt|township|township|page-return.png"
  "tests/fixtures/reports/department-2022.txt|auto|department|"
  "tests/fixtures/reports/complete-street-2022.txt|custom|county|"
)
{
  printf '['
  sep=''
  for c in "${cases[@]}"; do
    IFS='|' read -r file choice rules shot <<<"$c"
    extra=''
    if [ "$choice" = custom ]; then
      extra=",\"rules_file\":\"$PWD/rules/$rules.toml\""
    fi
    printf '%s{"file":"%s","rules":"%s","expect_rules":"%s","shot":"%s"%s,"cli":' \
      "$sep" "$PWD/$file" "$choice" "$rules" "$shot" "$extra"
    "$check" --format json --rules "$rules" "$file" | tr -d '\n' || true
    printf '}'
    sep=','
  done
  printf ']\n'
} >"$work/cases.json"

FAZHI_NODE_MODULES="$work" node scripts/test-page.mjs target/self-check "$work/cases.json" "$shots"
