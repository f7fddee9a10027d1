#!/usr/bin/env bash
# Checks the HTML views in headless Chromium, as a legal officer would use them, and takes the
# screenshots in docs/ (docs/html-index.png, docs/html-report.png).
#
# Writes the pages of a small round (a town's report, a copy of it by another town, the same town's
# report sent twice, a department's report of another year, a saved web page, three other reports) with --rules auto
# --year 2023, then loads a checking page beside them that drives the index in a frame: filtering by
# verdict shows only those rows, a click on 得分 sorts the rows by score (and again, the other way),
# and on a report page every position link has its line, the link back to the index and the link to
# the copied report's page are there, the shared passages stand side by side (each side's text, the
# other side linked to its line on the other page, which holds its words), and page chrome is
# greyed. Prints the results; exits 1 when a check fails. No network: Chromium runs with networking
# features off and a fresh profile.
#
# Usage: scripts/check-html.sh [--no-screenshots]
#   CHECK_BIN   the check program (default: target/debug/examples/check, built if missing)
# Needs Debian's chromium (apt-get install -y chromium fonts-noto-cjk).
set -euo pipefail
cd "$(dirname "$0")/.."
shots=1
[ "${1:-}" = "--no-screenshots" ] && shots=0
bin="${CHECK_BIN:-target/debug/examples/check}"
if [ ! -x "$bin" ]; then
  cargo build -q --example check
fi
if ! command -v chromium >/dev/null 2>&1; then
  echo "chromium not found: apt-get install -y chromium fonts-noto-cjk" >&2
  exit 2
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/reports"
sample="examples/sample/青石镇2023年法治政府建设工作报告.txt"
cp "$sample" "$work/reports/01-青石镇.txt"
cp "$sample" "$work/reports/02-青石镇重报.txt"
sed 's/青石镇/白沙镇/g' "$sample" > "$work/reports/03-白沙镇.txt"
cp tests/fixtures/reports/department-2022.txt "$work/reports/04-部门.txt"
cp tests/fixtures/reports/web-page-chrome.txt "$work/reports/05-网页.txt"
# Other towns' own reports: the three alike are then a copy, not the template every report shares.
cp tests/fixtures/reports/complete-street-2022.txt "$work/reports/06-街道.txt"
cp tests/fixtures/reports/township-short-weak.txt "$work/reports/07-乡.txt"
cp tests/fixtures/reports/lookalike-substrings.txt "$work/reports/08-镇.txt"
bin="$(realpath "$bin")"
(cd "$work" && "$bin" --no-settings --rules auto --year 2023 --summary-only --html pages reports >/dev/null) || true

chrome() {
  chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run --disable-quic \
    --user-data-dir="$(mktemp -d -p "$work")" "$@" 2>/dev/null
}

copy_page=$(cd "$work/pages" && ls 0003-*.html)
first_page=$(cd "$work/pages" && ls 0001-*.html)
web_page=$(cd "$work/pages" && ls 0005-*.html)
cat > "$work/pages/_check.html" <<EOF
<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>
<iframe id="index" src="index.html"></iframe><iframe id="page" src="$copy_page"></iframe><iframe id="web" src="$web_page"></iframe><iframe id="first" src="$first_page" style="width:1000px;height:600px"></iframe>
<pre id="result">pending</pre>
<script>
var out = [], loaded = 0;
function check(name, ok) { out.push((ok ? 'ok   ' : 'FAIL ') + name); }
function run() {
  try {
    var d = document.getElementById('index').contentDocument;
    var rows = function () { return Array.prototype.slice.call(d.querySelectorAll('#reports tbody tr')); };
    check('index: one row per report (' + rows().length + ')', rows().length === 8);
    var s = d.getElementById('verdict');
    s.value = 'return'; s.dispatchEvent(new Event('change'));
    var shown = rows().filter(function (r) { return !r.hidden; });
    check('filter 退回: ' + shown.length + ' rows shown, all 退回', shown.length > 0 && shown.length < 8 &&
      shown.every(function (r) { return r.getAttribute('data-verdict') === 'return'; }));
    check('filter: the count shown follows', d.getElementById('shown').textContent === String(shown.length));
    s.value = ''; s.dispatchEvent(new Event('change'));
    check('filter 全部: every row shown', rows().every(function (r) { return !r.hidden; }));
    var ths = d.querySelectorAll('#reports thead th'), col = -1;
    for (var i = 0; i < ths.length; i++) if (ths[i].textContent === '得分') col = i;
    var scores = function () { return rows().map(function (r) { return parseFloat(r.cells[col].textContent); }); };
    ths[col].click();
    var up = scores();
    check('sort by 得分, ascending: ' + up.join(' '), up.every(function (x, i) { return i === 0 || up[i - 1] <= x; }));
    ths[col].click();
    var down = scores();
    check('sort by 得分 again, descending: ' + down.join(' '), down.every(function (x, i) { return i === 0 || down[i - 1] >= x; }));
    var p = document.getElementById('page').contentDocument;
    var lines = Array.prototype.slice.call(p.querySelectorAll('a[href^="#L"]'));
    check('page: ' + lines.length + ' position links, each to a line of the text', lines.length > 10 &&
      lines.every(function (a) { return p.getElementById(a.getAttribute('href').slice(1)) !== null; }));
    check('page: a link back to the index', p.querySelector('a[href="index.html"]') !== null);
    check('page: the copied passage links to the other report\'s page', p.querySelector('a[href^="0001-"]') !== null);
    var side = p.querySelector('table.side');
    var rows = side ? Array.prototype.slice.call(side.querySelectorAll('tr')).slice(1) : [];
    check('page: ' + rows.length + ' shared passages side by side, both sides with text', rows.length > 0 &&
      rows.every(function (r) { return r.cells.length === 2 && r.cells[0].querySelector('.passage').textContent.length > 0 &&
        r.cells[1].querySelector('.passage').textContent.length > 0; }));
    var f = document.getElementById('first'), fd = f.contentDocument;
    var there = side ? side.querySelector('a[href^="' + f.getAttribute('src') + '#L"]') : null;
    var target = there ? fd.getElementById(there.getAttribute('href').split('#')[1]) : null;
    var words = there ? there.parentNode.parentNode.querySelector('.passage').textContent.slice(0, 8) : '';
    check('page: the other side links to its line on the other page, which holds its words (' + words + ')',
      target !== null && words.length === 8 && target.textContent.indexOf(words) >= 0);
    var cell = rows.length ? rows[0].cells : null;
    check('page: the two sides stand side by side', cell !== null &&
      Math.abs(cell[0].getBoundingClientRect().top - cell[1].getBoundingClientRect().top) < 2 &&
      cell[0].getBoundingClientRect().right <= cell[1].getBoundingClientRect().left + 1);
    var w = document.getElementById('web').contentDocument;
    var grey = w.querySelector('.chrome');
    check('web page: page chrome greyed', grey !== null && getComputedStyle(grey).color === 'rgb(170, 170, 170)');
  } catch (e) { out.push('FAIL ' + e); }
  document.getElementById('result').textContent = out.join('\n');
}
['index', 'page', 'web', 'first'].forEach(function (id) {
  document.getElementById(id).addEventListener('load', function () { if (++loaded === 4) run(); });
});
</script></body></html>
EOF
result="$(chrome --allow-file-access-from-files --virtual-time-budget=5000 --dump-dom "file://$work/pages/_check.html" |
  sed -n '/<pre id="result">/,/<\/pre>/p' | sed -e 's/<[^>]*>//g' -e 's/&gt;/>/g' -e "s/&#39;/'/g")"
echo "$result"
status=0
if [ -z "$result" ] || echo "$result" | grep -q -e '^FAIL' -e '^pending'; then
  status=1
fi
if [ "$shots" = 1 ]; then
  chrome --hide-scrollbars --window-size=1280,720 --screenshot="$work/index.png" "file://$work/pages/index.html" >/dev/null
  chrome --hide-scrollbars --window-size=1000,900 --screenshot="$work/report.png" "file://$work/pages/$copy_page" >/dev/null
  cp "$work/index.png" docs/html-index.png
  cp "$work/report.png" docs/html-report.png
  ls -l docs/html-index.png docs/html-report.png
fi
exit $status
