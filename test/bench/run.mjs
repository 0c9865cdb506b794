#!/usr/bin/env node
// `npm run bench`: the same A-11 survey rendered by <cx-survey> and by SurveyJS
// in one Chromium, compared on gzipped bytes, time to an interactive survey and
// JS heap. Run after `npm run build` (the npm script does that).
//
// Options (environment): BENCH_RUNS (default 15 per library), CHROMIUM (default /usr/bin/chromium),
// BENCH_SCREENSHOTS (a folder for a screenshot of each page once interactive).
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
// puppeteer-core already comes with @web/test-runner-chrome (the browser tests'
// launcher); its re-export keeps one copy and one version in the tree.
import { launchChromium, LOOPBACK_ONLY } from '../support/processes.mjs';
import { cxSurveyPage, emptyPage, setupScript, surveyJsPage } from './pages.mjs';
import { expectedDrivers } from './surveyjs-definition.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const require = createRequire(import.meta.url);
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const WARMUP = 2;

const packageDir = (name) => dirname(require.resolve(name));
const versionOf = (dir) => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version;
const elementsDist = join(root, 'packages/elements/dist');
const surveyCore = packageDir('survey-core');
const surveyUi = packageDir('survey-js-ui');

if (!existsSync(join(elementsDist, 'cx-survey.min.js'))) {
  console.error('packages/elements/dist/cx-survey.min.js is missing: run `npm run build` first (or `npm run bench`).');
  process.exit(1);
}

// ---------------------------------------------------------------------------
// Static server on loopback. /lib/cx/ is the whole elements dist folder, so a
// chunk the bundle might import would be served (and counted) too.

const libraries = {
  cx: { dir: elementsDist },
  surveyjs: {
    files: {
      'survey-core.fontless.min.css': join(surveyCore, 'survey-core.fontless.min.css'),
      'survey.core.min.js': join(surveyCore, 'survey.core.min.js'),
      'survey-js-ui.min.js': join(surveyUi, 'survey-js-ui.min.js'),
    },
  },
};
const pages = { '/cx.html': cxSurveyPage(), '/surveyjs.html': surveyJsPage(), '/empty.html': emptyPage() };
const types = { '.js': 'text/javascript', '.css': 'text/css', '.html': 'text/html', '.map': 'application/json' };

/** Library files served since the last reset: what one page load pulled in. */
let served = new Set();
const unexpected = [];

function libraryFile(path) {
  const m = /^\/lib\/(cx|surveyjs)\/(.+)$/.exec(path);
  if (!m) return null;
  const lib = libraries[m[1]];
  if (lib.files) return lib.files[m[2]] ?? null;
  const file = resolve(lib.dir, m[2]);
  return file.startsWith(lib.dir + sep) && existsSync(file) ? file : null;
}

const server = createServer((req, res) => {
  const path = new URL(req.url, 'http://x').pathname;
  // Every load is a first visit: no HTTP cache, so no V8 code cache either.
  res.setHeader('cache-control', 'no-store');
  if (pages[path]) {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    return res.end(pages[path]);
  }
  if (path === '/v1/responses') return res.writeHead(204).end();
  const file = libraryFile(path);
  if (!file) {
    unexpected.push(path);
    return res.writeHead(404).end();
  }
  served.add(file);
  const ext = file.slice(file.lastIndexOf('.'));
  res.writeHead(200, { 'content-type': `${types[ext] ?? 'application/octet-stream'}; charset=utf-8` });
  res.end(readFileSync(file));
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const origin = `http://127.0.0.1:${server.address().port}`;

// ---------------------------------------------------------------------------
// Browser. One Chromium for every run; each run gets its own browser context,
// so its own renderer process (the heap figure is that page's alone) and an
// empty cache.

const browser = await launchChromium(['--js-flags=--expose-gc', LOOPBACK_ONLY]);
const chromiumVersion = await browser.version();

async function load(name, { check = false } = {}) {
  served = new Set();
  const context = await browser.createBrowserContext();
  try {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (err) => errors.push(err.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(`${origin}/${name}.html`, { waitUntil: 'load' });
    const times = await page.evaluate(() => window.__bench);
    const shownAt = await page.evaluate(waitUntilOpaque);
    // Twice: the first collection can leave garbage that finalizers free.
    await page.evaluate(() => { gc(); gc(); });
    const { JSHeapUsedSize } = await page.metrics();
    let drivers;
    if (check) {
      drivers = await page.evaluate(readDrivers, name);
      // To eyeball that both surveys look finished: BENCH_SCREENSHOTS=/some/dir.
      if (process.env.BENCH_SCREENSHOTS) await page.screenshot({ path: join(process.env.BENCH_SCREENSHOTS, `${name}.png`), fullPage: true });
    }
    if (errors.length) throw new Error(`${name}: page errors: ${errors.join('; ')}`);
    return { ...times, shownAt, heap: JSHeapUsedSize, files: [...served].sort(), drivers };
  } finally {
    await context.close();
  }
}

/**
 * In the page: waits until nothing above Q2a's first box (through shadow roots) is
 * transparent, since SurveyJS fades new questions in by default. Checked once per
 * frame, as the eye sees it; returns ms since the bench's start mark.
 */
function waitUntilOpaque() {
  const start = performance.getEntriesByName('bench:start')[0].startTime;
  const opaque = () => {
    for (let e = window.__benchQ2; e; e = e.parentElement ?? e.getRootNode().host) if (getComputedStyle(e).opacity !== '1') return false;
    return true;
  };
  return new Promise((resolve, reject) => {
    const frame = () => {
      if (opaque()) return resolve(performance.now() - start);
      if (performance.now() - start > 20000) return reject(new Error('Q2a never became opaque'));
      requestAnimationFrame(frame);
    };
    frame();
  });
}

/** In the page: the Q2a checklist's option texts, to check both surveys show the same statements. */
function readDrivers(name) {
  const clean = (s) => s.replace(/\s+/g, ' ').trim();
  if (name === 'cx') {
    const shadow = document.querySelector('cx-survey').shadowRoot;
    return [...shadow.querySelectorAll('[part~=q2] [part=option]')].map((e) => clean(e.textContent));
  }
  if (name === 'surveyjs') {
    return [...document.querySelectorAll('[data-name="q2a"] input[type=checkbox]')].map((input) => clean(input.closest('label').textContent));
  }
  return [];
}

// ---------------------------------------------------------------------------
// Runs.

const names = ['cx', 'surveyjs'];
const results = { cx: [], surveyjs: [], empty: [] };
const started = Date.now();
// Other processes on a small machine move the timings; the load average says how much to trust them.
const loadBefore = loadavg()[0];

try {
  // Both pages show the same Q2a statements, or the comparison means nothing.
  const expected = expectedDrivers('positive');
  for (const name of names) {
    const { drivers } = await load(name, { check: true });
    if (JSON.stringify(drivers) !== JSON.stringify(expected))
      throw new Error(`${name} shows different Q2a statements:\n  got      ${JSON.stringify(drivers)}\n  expected ${JSON.stringify(expected)}`);
  }
  // Warm-up runs are discarded: the first renderer processes start slower.
  for (let i = 0; i < WARMUP; i++) for (const name of [...names, 'empty']) await load(name);

  // Interleaved, the order reversed every round, so drift over the run (other load, heat) hits both alike.
  for (let i = 0; i < RUNS; i++) {
    const order = i % 2 ? ['surveyjs', 'empty', 'cx'] : ['cx', 'empty', 'surveyjs'];
    for (const name of order) results[name].push(await load(name));
    if (process.stdout.isTTY) process.stdout.write(`\r  run ${i + 1}/${RUNS}`);
  }
  if (process.stdout.isTTY) process.stdout.write('\n');
} finally {
  await browser.close();
  server.close();
}

if (unexpected.length) throw new Error(`pages asked for files the bench does not serve: ${[...new Set(unexpected)].join(', ')}`);

// ---------------------------------------------------------------------------
// Bytes: exactly the library files each page fetched, gzip -9.

function bytesOf(files) {
  const out = { js: { raw: 0, gzip: 0 }, css: { raw: 0, gzip: 0 }, files: [] };
  for (const file of files) {
    const buf = readFileSync(file);
    const gzip = gzipSync(buf, { level: 9 }).length;
    const kind = file.endsWith('.css') ? 'css' : 'js';
    out[kind].raw += buf.length;
    out[kind].gzip += gzip;
    out.files.push({ file: file.slice(root.length + 1), raw: buf.length, gzip });
  }
  out.total = { raw: out.js.raw + out.css.raw, gzip: out.js.gzip + out.css.gzip };
  return out;
}

for (const name of names) {
  const sets = new Set(results[name].map((r) => r.files.join('\n')));
  if (sets.size !== 1) throw new Error(`${name} loaded different files on different runs`);
}
const bytes = { cx: bytesOf(results.cx[0].files), surveyjs: bytesOf(results.surveyjs[0].files) };
const surveyJsSetupGzip = gzipSync(setupScript(), { level: 9 }).length;

// ---------------------------------------------------------------------------
// Statistics: median and p90 (nearest rank).

function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}
const stats = (values) => ({ median: quantile(values, 0.5), p90: quantile(values, 0.9), min: Math.min(...values), max: Math.max(...values) });
const field = (name, key) => results[name].map((r) => r[key]);
const emptyHeap = quantile(field('empty', 'heap'), 0.5);

const summary = {};
for (const name of names) {
  summary[name] = {
    q1Ms: stats(field(name, 'q1At')),
    interactiveMs: stats(field(name, 'interactiveAt')),
    shownMs: stats(field(name, 'shownAt')),
    heapBytes: stats(field(name, 'heap')),
    // What the survey adds to a page that already runs some script.
    heapAboveEmptyBytes: stats(field(name, 'heap').map((h) => h - emptyHeap)),
  };
}

// ---------------------------------------------------------------------------
// Report.

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const mb = (n) => `${(n / 1024 / 1024).toFixed(2)} MB`;
const ms = (n) => `${n.toFixed(1)} ms`;
const rows = [
  ['gzipped JS', kb(bytes.cx.js.gzip), kb(bytes.surveyjs.js.gzip), bytes.surveyjs.js.gzip / bytes.cx.js.gzip],
  ['gzipped CSS', bytes.cx.css.gzip ? kb(bytes.cx.css.gzip) : '0 (in JS)', kb(bytes.surveyjs.css.gzip), null],
  ['gzipped total', kb(bytes.cx.total.gzip), kb(bytes.surveyjs.total.gzip), bytes.surveyjs.total.gzip / bytes.cx.total.gzip],
  ['minified total', kb(bytes.cx.total.raw), kb(bytes.surveyjs.total.raw), bytes.surveyjs.total.raw / bytes.cx.total.raw],
];
for (const [label, key, fmt] of [
  ['Q1 choices in DOM', 'q1Ms', ms],
  ['interactive', 'interactiveMs', ms],
  ['Q2a fully opaque', 'shownMs', ms],
  ['JS heap', 'heapBytes', mb],
  ['JS heap above empty page', 'heapAboveEmptyBytes', mb],
]) {
  for (const q of ['median', 'p90']) {
    const a = summary.cx[key][q];
    const b = summary.surveyjs[key][q];
    rows.push([`${label}, ${q}`, fmt(a), fmt(b), b / a]);
  }
}

const header = ['metric', 'cx-survey', 'SurveyJS', 'ratio (SurveyJS / cx-survey)'];
const table = [header, ...rows.map(([m, a, b, r]) => [m, a, b, r === null ? '' : `${r.toFixed(1)}×`])];
const widths = header.map((_, i) => Math.max(...table.map((row) => row[i].length)));
const line = (row) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join(' | ');

const loadAfter = loadavg()[0];
console.log(`\n${chromiumVersion}, ${RUNS} runs each (interleaved, ${WARMUP} warm-up rounds discarded), ${((Date.now() - started) / 1000).toFixed(0)} s, load average ${loadBefore.toFixed(1)} → ${loadAfter.toFixed(1)}`);
console.log(`SurveyJS ${versionOf(surveyCore)} (survey-core + survey-js-ui + survey-core.fontless.min.css)`);
console.log(`time: from performance.mark before the library's script to Q1's choices in the DOM / to Q2a shown after a click on "Agree"`);
console.log(`opaque: Q2a and everything above it at opacity 1, checked each animation frame after "interactive"`);
console.log(`heap: JSHeapUsedSize after gc(), once Q2a is opaque; empty page (probe only) median ${mb(emptyHeap)}\n`);
console.log(line(table[0]));
console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
for (const row of table.slice(1)) console.log(line(row));
console.log(`\nnot in the SurveyJS bytes: the page's own survey JSON and set-up script, ${kb(surveyJsSetupGzip)} gzipped`);

const out = {
  date: new Date().toISOString(),
  chromium: chromiumVersion,
  node: process.version,
  loadAverage: { before: loadBefore, after: loadAfter },
  runs: RUNS,
  warmup: WARMUP,
  versions: { surveyCore: versionOf(surveyCore), surveyJsUi: versionOf(surveyUi) },
  bytes: { ...bytes, surveyJsSetupGzip },
  emptyPageHeapBytes: emptyHeap,
  summary,
  raw: Object.fromEntries(Object.entries(results).map(([n, rs]) => [n, rs.map(({ files, drivers, ...r }) => r)])),
};
mkdirSync(join(here, 'results'), { recursive: true });
writeFileSync(join(here, 'results/latest.json'), JSON.stringify(out, null, 2) + '\n');
console.log(`results: test/bench/results/latest.json`);

// Delivery: flushing a queued backlog of 1,000 and 10,000 responses to a real collector,
// next to a plain fetch loop, and the queue's bytes (test/bench/delivery.mjs). BENCH_DELIVERY=0 skips it.
if (process.env.BENCH_DELIVERY !== '0') await (await import('./delivery.mjs')).runDeliveryBench();
