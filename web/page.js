// The self-check page: a file in, the checker's verdict out, all in this browser (see loader.js).
(function () {
  'use strict';

  const VERDICT = { pass: '通过', revise: '需修改', return: '退回' };
  const STATUS = { present: '具备', weak: '薄弱', missing: '缺失' };
  const SEVERITY = { info: '提示', warning: '警告', error: '错误' };
  const RULES = { township: '乡镇（街道）', county: '县（市、区）人民政府', department: '政府部门' };

  const $ = (id) => document.getElementById(id);
  const status = $('status');
  let checker = null;
  let last = null; // the last file: {bytes, name}
  let customName = null;

  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(props || {})) {
      if (k === 'class') node.className = v;
      else if (k.startsWith('data-')) node.setAttribute(k, v);
      else node[k] = v;
    }
    for (const c of children) if (c !== null && c !== undefined) node.append(c);
    return node;
  }

  function say(message, bad) {
    status.textContent = message;
    status.classList.toggle('bad', !!bad);
  }

  const number = (x) => (Number.isInteger(x) ? String(x) : x.toFixed(1));

  // Lets the browser paint the status before the (synchronous) work starts.
  const afterPaint = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

  async function checkFile(bytes, name) {
    last = { bytes, name };
    if (!checker) return; // checked once the checker has loaded
    document.body.dataset.busy = '1';
    try {
      await checkNow(bytes, name);
    } finally {
      delete document.body.dataset.busy;
    }
  }

  async function checkNow(bytes, name) {
    say('正在检查“' + name + '”……');
    await afterPaint();
    const started = performance.now();
    const answer = checker.check(bytes, name, $('rules').value);
    const ms = Math.round(performance.now() - started);
    if (answer.error) {
      say(answer.error, true);
      return;
    }
    show(answer);
    say('已检查“' + name + '”（用时 ' + ms + ' 毫秒），文件未离开本机。');
    document.body.dataset.checked = String(Number(document.body.dataset.checked || 0) + 1);
  }

  function show(answer) {
    const report = answer.report;
    $('result').hidden = false;
    const verdict = $('verdict');
    const error = $('error');
    for (const id of ['findings', 'areas', 'text']) $(id).replaceChildren();
    $('text').classList.remove('focus');
    if (report.error) {
      verdict.dataset.verdict = 'return';
      verdict.textContent = '无法检查';
      $('score').textContent = '';
      $('score').removeAttribute('data-score');
      $('about').textContent = report.file;
      $('rules-used').textContent = '';
      error.hidden = false;
      error.textContent = report.error;
      return;
    }
    error.hidden = true;
    verdict.dataset.verdict = report.verdict;
    verdict.textContent = VERDICT[report.verdict] || report.verdict;
    const score = $('score');
    score.dataset.score = String(report.score);
    score.textContent = '得分 ' + number(report.score) + '（合格线 ' + number(report.pass_threshold) + '）';
    const m = report.metadata || {};
    $('about').textContent = [m.title || report.file, m.organization, m.year ? m.year + '年度' : null]
      .filter(Boolean).join(' · ');
    const used = RULES[answer.rules] ? RULES[answer.rules] + '规则' : '规则集“' + answer.rules + '”';
    $('rules-used').textContent = '按' + used + '（' + report.rule_set.name + ' ' + report.rule_set.version + '）检查' +
      (answer.why ? '：' + answer.why : ($('rules').value === 'auto' ? '：报告中未见单位名称，按乡镇（街道）检查' : ''));
    $('rules-used').dataset.rules = answer.rules;

    showFindings(report);
    showAreas(report);
    showText(answer.text, report);
  }

  function showFindings(report) {
    const list = $('findings');
    const missing = report.areas.filter((a) => a.status !== 'present');
    if (report.findings.length === 0 && missing.length === 0) {
      list.append(el('li', { class: 'none' }, '没有发现需要修改的地方。'));
      return;
    }
    for (const f of report.findings) {
      const item = el('li', { class: 'finding', 'data-id': f.id, 'data-severity': f.severity },
        el('span', { class: 'sev ' + f.severity }, SEVERITY[f.severity] || f.severity), f.message);
      if (f.line) item.append(el('span', { class: 'where', onclick: () => goTo(f.line) }, '第' + f.line + '行'));
      list.append(item);
    }
    for (const a of missing) {
      const what = a.status === 'missing' ? '缺少' : '内容薄弱：';
      const fix = a.looked_for && a.looked_for.length
        ? '，可补充写明' + a.looked_for.slice(0, 3).map((l) => '“' + l.terms.slice(0, 3).join('”“') + '”').join('、') + '等方面的具体工作'
        : '';
      list.append(el('li', { class: 'area-note' },
        el('span', { class: 'sev ' + (a.required && a.status === 'missing' ? 'error' : 'warning') }, STATUS[a.status]),
        what + '“' + a.title + '”' + (a.required ? '（必备部分）' : '') + fix + '。'));
    }
  }

  function showAreas(report) {
    const box = $('areas');
    for (const a of report.areas) {
      const counted = a.evidence.filter((e) => e.counted && !e.negated);
      const terms = [...new Set(counted.map((e) => e.term))];
      const card = el('div', { class: 'area', 'data-id': a.id, 'data-status': a.status, tabIndex: 0 },
        el('h3', {}, el('span', {}, a.title + (a.required ? '（必备）' : '')),
          el('span', { class: 'status ' + a.status }, STATUS[a.status] || a.status)),
        el('div', { class: 'reason' }, '得分 ' + number(a.score) + ' / ' + number(a.max_score) + '。' + (a.reason || '')));
      if (terms.length) {
        card.append(el('div', { class: 'terms' }, '找到：',
          ...terms.slice(0, 12).map((t) => el('span', { class: 'chip' }, t)),
          terms.length > 12 ? '等' + terms.length + '个词' : null));
      }
      if (a.looked_for && a.looked_for.length) {
        card.append(el('div', { class: 'terms' }, '未找到：',
          ...a.looked_for.map((l) => el('span', { class: 'chip absent', title: l.terms.join('、') }, l.terms.slice(0, 4).join('/')))));
      }
      card.addEventListener('click', () => focusArea(a.id, card));
      card.addEventListener('keydown', (e) => { if (e.key === 'Enter') focusArea(a.id, card); });
      box.append(card);
    }
  }

  function focusArea(id, card) {
    const text = $('text');
    const again = card.classList.contains('selected');
    for (const c of document.querySelectorAll('.area.selected')) c.classList.remove('selected');
    for (const m of text.querySelectorAll('mark.on')) m.classList.remove('on');
    text.classList.toggle('focus', !again);
    if (again) return;
    card.classList.add('selected');
    const marks = text.querySelectorAll('mark[data-area~="' + id + '"]');
    for (const m of marks) m.classList.add('on');
    if (marks.length) marks[0].scrollIntoView({ block: 'center', behavior: 'smooth' });
  }

  function goTo(line) {
    const row = document.getElementById('L' + line);
    if (!row) return;
    row.scrollIntoView({ block: 'center', behavior: 'smooth' });
    row.classList.add('flash');
    setTimeout(() => row.classList.remove('flash'), 1500);
  }

  // The report's text, one row a line, with every piece of evidence marked at its line and column
  // (counted in characters, as the checker gives them).
  function showText(text, report) {
    const byLine = new Map();
    for (const a of report.areas) {
      for (const e of a.evidence) {
        if (!e.line || !e.column) continue;
        if (!byLine.has(e.line)) byLine.set(e.line, []);
        byLine.get(e.line).push({ start: e.column - 1, end: e.column - 1 + [...e.term].length, area: a, e });
      }
    }
    const box = $('text');
    const rows = document.createDocumentFragment();
    text.split('\n').forEach((line, i) => {
      const chars = [...line.replace(/\r$/, '')];
      const tx = el('span', { class: 'tx' });
      const marks = (byLine.get(i + 1) || []).sort((x, y) => x.start - y.start || y.end - x.end);
      let at = 0;
      for (let k = 0; k < marks.length; k++) {
        const m = marks[k];
        if (m.start < at) continue; // overlaps one already marked: its areas join that mark
        // Every area whose evidence covers this same span.
        const same = marks.filter((o) => o.start === m.start && o.end === m.end);
        tx.append(chars.slice(at, m.start).join(''));
        const counted = same.some((o) => o.e.counted);
        const mark = el('mark', {
          class: (counted ? '' : 'uncounted') + (m.e.negated ? ' negated' : ''),
          'data-area': [...new Set(same.map((o) => o.area.id))].join(' '),
          title: same.map((o) => o.area.title + '：' + o.e.term + (o.e.negated ? '（否定）' : '') +
            (o.e.counted ? '' : '（未计分' + (o.e.reason ? '：' + o.e.reason : '') + '）')).join('\n'),
        }, chars.slice(m.start, m.end).join(''));
        tx.append(mark);
        at = m.end;
      }
      tx.append(chars.slice(at).join(''));
      rows.append(el('div', { class: 'line', id: 'L' + (i + 1) }, el('span', { class: 'ln' }, String(i + 1)), tx));
    });
    box.append(rows);
  }

  async function readFile(file) {
    return new Uint8Array(await file.arrayBuffer());
  }

  $('file').addEventListener('change', async (e) => {
    const file = e.target.files[0];
    if (file) await checkFile(await readFile(file), file.name);
  });

  const drop = $('drop');
  drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', async (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    const file = e.dataTransfer.files[0];
    if (file) await checkFile(await readFile(file), file.name);
  });
  // A file dropped anywhere else must not make the browser leave the page.
  window.addEventListener('dragover', (e) => e.preventDefault());
  window.addEventListener('drop', (e) => e.preventDefault());

  $('rules').addEventListener('change', async () => {
    if (last) await checkFile(last.bytes, last.name);
  });

  $('rules-file').addEventListener('change', async (e) => {
    const file = e.target.files[0];
    if (!file || !checker) return;
    document.body.dataset.busy = '1';
    try {
      await loadRuleFile(file);
    } finally {
      delete document.body.dataset.busy;
    }
  });

  async function loadRuleFile(file) {
    const note = $('rules-note');
    say('正在载入规则文件“' + file.name + '”……');
    await afterPaint();
    const loaded = checker.loadRules(await file.text(), file.name);
    if (loaded.error) {
      note.textContent = loaded.error;
      note.classList.add('bad');
      say('规则文件有误，未载入。', true);
      return;
    }
    customName = loaded.name;
    note.classList.remove('bad');
    note.textContent = '已载入“' + file.name + '”：' + loaded.name + ' ' + loaded.version + '，' + loaded.areas.length + '个部分';
    const option = $('rules').querySelector('option[value="custom"]');
    option.disabled = false;
    option.textContent = '载入的规则文件（' + customName + '）';
    $('rules').value = 'custom';
    say('规则文件已载入。');
    if (last) await checkNow(last.bytes, last.name);
  }

  (async () => {
    const started = performance.now();
    try {
      const loaded = await loadFazhi();
      await afterPaint();
      say('正在准备词典……');
      await afterPaint();
      loaded.prepare('township');
      checker = loaded;
    } catch (e) {
      say('检查程序无法载入：' + e.message, true);
      return;
    }
    const ms = Math.round(performance.now() - started);
    document.body.dataset.ready = String(ms);
    say('检查程序已就绪（载入用时 ' + ms + ' 毫秒）。请选择报告文件。');
    if (last) await checkFile(last.bytes, last.name);
  })();
})();
