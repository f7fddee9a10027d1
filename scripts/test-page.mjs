// Drives the built page (target/self-check/index.html, opened from disk) in headless Chromium and checks
// that it shows what the example program prints with --format json for the same files.
// Run by scripts/test-page.sh, which builds the page and writes the program's JSON first.
//
//   node scripts/test-page.mjs PAGE_DIR CASES.json SHOTS_DIR
//
// CASES.json: [{file, rules (the select's value), expect_rules, cli (the program's JSON line), shot}]
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

// playwright-core as scripts/test-page.sh installed it (into target/page-test, not the source tree).
const modules = process.env.FAZHI_NODE_MODULES || 'target/page-test';
const { chromium } = createRequire(resolve(modules, 'package.json'))('playwright-core');

const [pageDir, casesFile, shots] = process.argv.slice(2);
const cases = JSON.parse(readFileSync(casesFile, 'utf8'));
const VERDICT = { pass: '通过', revise: '需修改', return: '退回' };
const STATUS = { present: '具备', weak: '薄弱', missing: '缺失' };

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run'],
});
const context = await browser.newContext({ viewport: { width: 1200, height: 1000 } });
const page = await context.newPage();
const requests = [];
page.on('request', (r) => { if (!r.url().startsWith('file:')) requests.push(r.url()); });
const consoleErrors = [];
page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
page.on('pageerror', (e) => consoleErrors.push(String(e)));

let failures = 0;
const fail = (what) => { failures++; console.error('FAIL ' + what); };
const same = (what, got, want) => {
  if (JSON.stringify(got) !== JSON.stringify(want)) fail(`${what}: page ${JSON.stringify(got)}, program ${JSON.stringify(want)}`);
};

const started = Date.now();
await page.goto(pathToFileURL(resolve(pageDir, 'index.html')).href);
await page.waitForSelector('body[data-ready]', { timeout: 120000 });
const ready = await page.evaluate(() => ({ sinceNavigation: Math.round(performance.now()), script: Number(document.body.dataset.ready) }));
console.log(`page ready: ${ready.sinceNavigation} ms after navigation (the checker's load and dictionary: ${ready.script} ms; wall ${Date.now() - started} ms)`);

const idle = () => page.waitForFunction(() => !document.body.dataset.busy, null, { timeout: 120000 });
for (const c of cases) {
  const cli = c.cli;
  // Either change re-checks the file shown before: wait for that to end.
  if (c.rules_file) {
    await page.setInputFiles('#rules-file', c.rules_file);
    await page.waitForFunction(() => document.getElementById('rules').value === 'custom', null, { timeout: 120000 });
  } else {
    await page.selectOption('#rules', c.rules);
  }
  await idle();
  const checked = await page.evaluate(() => Number(document.body.dataset.checked || 0));
  const t0 = Date.now();
  await page.setInputFiles('#file', c.file);
  await page.waitForFunction((n) => Number(document.body.dataset.checked || 0) > n && !document.body.dataset.busy,
    checked, { timeout: 120000 });
  const shown = await page.evaluate(() => ({
    verdict: document.getElementById('verdict').dataset.verdict,
    verdictText: document.getElementById('verdict').textContent,
    score: Number(document.getElementById('score').dataset.score),
    scoreText: document.getElementById('score').textContent,
    rules: document.getElementById('rules-used').dataset.rules,
    areas: [...document.querySelectorAll('.area')].map((a) => [a.dataset.id, a.dataset.status, a.querySelector('.status').textContent]),
    findings: [...document.querySelectorAll('.finding')].map((f) => f.dataset.id),
    marks: document.querySelectorAll('#text mark').length,
    status: document.getElementById('status').textContent,
  }));
  console.log(`${c.file} (${c.rules}): ${shown.verdictText} ${shown.scoreText}, rules ${shown.rules}, ${shown.findings.length} findings, ${shown.marks} marks; ${Date.now() - t0} ms — ${shown.status}`);
  same(`${c.file}: rule set`, shown.rules, c.expect_rules);
  same(`${c.file}: verdict`, shown.verdict, cli.verdict);
  same(`${c.file}: verdict label`, shown.verdictText, VERDICT[cli.verdict]);
  same(`${c.file}: score`, shown.score, cli.score);
  same(`${c.file}: areas`, shown.areas, cli.areas.map((a) => [a.id, a.status, STATUS[a.status]]));
  same(`${c.file}: findings`, shown.findings, cli.findings.map((f) => f.id));
  const counted = cli.areas.reduce((n, a) => n + a.evidence.length, 0);
  if (counted > 0 && shown.marks === 0) fail(`${c.file}: no evidence marked in the text`);
  if (c.shot) {
    await page.screenshot({ path: resolve(shots, c.shot), fullPage: false });
  }
}
if (requests.length) fail('the page made requests beyond its folder: ' + requests.join(', '));
if (consoleErrors.length) fail('errors in the console: ' + consoleErrors.join(' | '));
await browser.close();
if (failures) {
  console.error(`test-page: ${failures} difference(s)`);
  process.exit(1);
}
console.log(`test-page: ${cases.length} files, the page agrees with the program`);
