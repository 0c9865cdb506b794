#!/usr/bin/env node
// `npm run bench`: the same A-11 survey rendered by <cx-survey>, by SurveyJS and
// as plain HTML (the floor: the same Q1 sentence and two buttons), beside the
// ceilings of any Lit element (lit-floor.js: Q1 alone, and Q1 after its
// service's published survey has been read), in one Chromium, throttled 4× on
// a 412×915 viewport like a mid-range phone: gzipped bytes fetched before Q1 is
// ready, time to Q1 and to an interactive survey, JS heap; then what each
// optional piece adds, when a survey that is never touched loads its delivery
// code, and how soon a queued backlog is sent after a page loads. Run after
// `npm run build` (the npm script does that).
//
// Options (environment): BENCH_RUNS (default and least 7 per page), CHROMIUM (default /usr/bin/chromium),
// BENCH_SCREENSHOTS (a folder for a screenshot of each page once interactive), BENCH_CPU (throttle, default 4),
// BENCH_PART=first-load (only the first load's bytes, where they come from and what each piece adds; no timings).
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
import { cxSurveyPage, floorPage, litFloorPage, OPTIONAL_PIECES, PUBLISHED, setupScript, surveyJsPage } from './pages.mjs';
import { resolveConfig, surveyVersion } from '../../packages/protocol/dist/index.js';
import { expectedDrivers } from './surveyjs-definition.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const require = createRequire(import.meta.url);
const RUNS = Math.max(7, Number(process.env.BENCH_RUNS ?? 7));
const CPU = Number(process.env.BENCH_CPU ?? 4);
const VIEWPORT = { width: 412, height: 915 };
/** The issue's aims (#16), printed beside what is measured. */
const AIMS = { firstLoadBytes: 12 * 1024, q1Ratio: 1.5, heapAboveFloor: 0.3 * 1024 * 1024 };
const WARMUP = 2;

const packageDir = (name) => dirname(require.resolve(name));
const versionOf = (dir) => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version;
const elementsDist = join(root, 'packages/elements/dist');
const surveyCore = packageDir('survey-core');
const surveyUi = packageDir('survey-js-ui');
const litDir = packageDir('lit');
// Under a dist/ folder, so git ignores it; built before the runs (buildCeiling).
const ceilingBundle = join(here, 'dist/lit-floor.js');

if (!existsSync(join(elementsDist, 'cx-survey.min.js'))) {
  console.error('packages/elements/dist/cx-survey.min.js is missing: run `npm run build` first (or `npm run bench`).');
  process.exit(1);
}

// ---------------------------------------------------------------------------
// Static server on loopback. /lib/cx/ is the whole elements dist folder, so a
// chunk the bundle might import would be served (and counted) too; /lib/ceiling/
// is the ceiling pages' one file.

const libraries = {
  cx: { dir: elementsDist },
  surveyjs: {
    files: {
      'survey-core.fontless.min.css': join(surveyCore, 'survey-core.fontless.min.css'),
      'survey.core.min.js': join(surveyCore, 'survey.core.min.js'),
      'survey-js-ui.min.js': join(surveyUi, 'survey-js-ui.min.js'),
    },
  },
  ceiling: { files: { 'lit-floor.js': ceilingBundle } },
};
const optionalNames = Object.keys(OPTIONAL_PIECES);
const pages = {
  '/cx.html': cxSurveyPage(),
  '/surveyjs.html': surveyJsPage(),
  '/floor.html': floorPage(),
  '/lit.html': litFloorPage(),
  '/lit-fetch.html': litFloorPage({ service: 'bench' }),
  // Never touched: what a page fetches while the respondent reads Q1.
  '/idle.html': cxSurveyPage({ noClick: true }),
  // Answered while its endpoint fails, then reloaded: how soon the queued response is sent.
  '/backlog.html': cxSurveyPage({ endpoint: '/v1/flaky' }),
  ...Object.fromEntries(optionalNames.map((name, i) => [`/optional-${i}.html`, cxSurveyPage(OPTIONAL_PIECES[name])])),
};
/** Each service's survey as a collector publishes it (packages/protocol's PublicServiceConfig). */
const services = Object.fromEntries(
  Object.entries(PUBLISHED).map(([service, settings]) => {
    const result = resolveConfig({ service, agency: 'Example Agency', ...settings });
    if (!result.ok) throw new Error(`bench service ${service}: ${JSON.stringify(result.problems)}`);
    const { channel, surveyType, labels, ...config } = result.config;
    return [service, { ...config, name: service, allowsEveryDriver: false, requireToken: false, version: surveyVersion(result.config) }];
  }),
);
/** The flaky endpoint: 503 while `failing`, else 204, noting when each POST arrived (epoch ms). */
const flaky = { failing: true, arrivals: [] };
const types = { '.js': 'text/javascript', '.css': 'text/css', '.html': 'text/html', '.map': 'application/json' };

/** Library files served since the last reset: what one page load pulled in. */
let served = new Set();
const unexpected = [];

function libraryFile(path) {
  const m = /^\/lib\/(cx|surveyjs|ceiling)\/(.+)$/.exec(path);
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
  if (path === '/v1/responses' || path === '/v1/offers') return res.writeHead(204).end();
  const published = /^\/v1\/services\/([\w.-]+)$/.exec(path);
  if (published && services[published[1]]) {
    res.writeHead(200, { 'content-type': 'application/json' });
    return res.end(JSON.stringify(services[published[1]]));
  }
  if (path === '/v1/flaky') {
    if (flaky.failing) return res.writeHead(503).end();
    flaky.arrivals.push(Date.now());
    return res.writeHead(204).end();
  }
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

/** A page in a fresh context (own renderer, empty cache), throttled and sized like a phone. */
async function openPage(context) {
  const page = await context.newPage();
  await page.setViewport(VIEWPORT);
  await page.emulateCPUThrottling(CPU);
  const errors = [];
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  return { page, errors };
}

async function load(name, { check = false } = {}) {
  served = new Set();
  const context = await browser.createBrowserContext();
  try {
    const { page, errors } = await openPage(context);
    await page.goto(`${origin}/${name}.html`, { waitUntil: 'load' });
    const times = await page.evaluate(() => window.__bench);
    const { q1FromNav, files: q1Files } = await page.evaluate(() => window.__benchQ1);
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
    if (errors.length) throw new Error(`${name}: page errors: ${errors.join("; ")} (unexpected requests: ${unexpected.join(", ")})`);
    // Interactive from navigation start too, so every time in the table has the same origin.
    const interactiveFromNav = times.interactiveAt === null ? null : q1FromNav + (times.interactiveAt - times.q1At);
    return { ...times, q1FromNav, interactiveFromNav, shownAt, heap: JSHeapUsedSize, files: [...served].sort(), q1Files: q1Files.map(libraryFile).filter(Boolean).sort(), drivers };
  } finally {
    await context.close();
  }
}

/**
 * In the page: waits until nothing above Q2a's first box (through shadow roots) is
 * transparent, since SurveyJS fades new questions in by default. Checked once per
 * frame, as the eye sees it; returns ms since navigation start.
 */
function waitUntilOpaque() {
  const start = performance.getEntriesByName('bench:start')[0].startTime;
  const opaque = () => {
    for (let e = window.__benchQ2; e; e = e.parentElement ?? e.getRootNode().host) if (getComputedStyle(e).opacity !== '1') return false;
    return true;
  };
  return new Promise((resolve, reject) => {
    const frame = () => {
      if (opaque()) return resolve(performance.now());
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
// Extra measures: a survey never touched, and a backlog sent after load.

/** Loads the never-touched page, waits `ms`, and returns every library file it fetched. */
async function idleLoad(ms) {
  served = new Set();
  const context = await browser.createBrowserContext();
  try {
    const { page, errors } = await openPage(context);
    await page.goto(`${origin}/idle.html`, { waitUntil: 'load' });
    await page.evaluate(() => window.__bench);
    await new Promise((r) => setTimeout(r, ms));
    if (errors.length) throw new Error(`idle: page errors: ${errors.join('; ')}`);
    return [...served].sort();
  } finally {
    await context.close();
  }
}

/**
 * A response submitted while its endpoint fails stays queued on the device; the next
 * page load in the same browser profile sends it. Returns ms from that page's
 * navigation start, and from its load event, to the POST reaching the server.
 */
async function backlogFlush() {
  const context = await browser.createBrowserContext();
  try {
    flaky.failing = true;
    const first = await openPage(context);
    await first.page.goto(`${origin}/backlog.html`, { waitUntil: 'load' });
    await first.page.evaluate(() => window.__bench);
    const retrying = first.page.evaluate(
      () => new Promise((r) => document.addEventListener('cx-delivery', (e) => e.detail.status === 'retrying' && r(), { once: false })),
    );
    await first.page.evaluate(() => document.querySelector('cx-survey').shadowRoot.querySelector('[part=submit]').click());
    await retrying;
    await first.page.close();
    flaky.failing = false;
    flaky.arrivals = [];
    const { page, errors } = await openPage(context);
    // The backlog page again, never touched: only the queued response can reach the endpoint.
    await page.goto(`${origin}/idle.html`, { waitUntil: 'load' });
    const end = Date.now() + 20000;
    while (!flaky.arrivals.length && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
    if (!flaky.arrivals.length) throw new Error('backlog: the queued response was not sent within 20 s of load');
    const { origin: t0, loadEnd } = await page.evaluate(() => ({ origin: performance.timeOrigin, loadEnd: performance.getEntriesByType('navigation')[0].loadEventEnd }));
    if (errors.length) throw new Error(`backlog: page errors: ${errors.join('; ')}`);
    return { fromNavigation: flaky.arrivals[0] - t0, fromLoad: flaky.arrivals[0] - t0 - loadEnd };
  } finally {
    flaky.failing = true;
    await context.close();
  }
}

// ---------------------------------------------------------------------------
// BENCH_PART=first-load: only the bytes (one load of each page, no timings, no SurveyJS): what the
// thumbs survey in English fetches before Q1 is ready against the 12 KB aim, where those bytes come
// from (test/bench/first-load.mjs), what each optional piece adds, and what comes later on idle.

if (process.env.BENCH_PART === 'first-load') {
  try {
    const kb = (n) => `${(n / 1024).toFixed(2)} KB`;
    const short = (f) => f.file.replace(/^.*\//, '');
    const cx = bytesOf((await load('cx')).q1Files);
    console.log(`first load (fetched by the time Q1 was ready), gzipped JS+CSS: ${kb(cx.total.gzip)}; aim ≤ ${kb(AIMS.firstLoadBytes)}: ${cx.total.gzip <= AIMS.firstLoadBytes ? 'met' : 'NOT met'}`);
    console.log(`  ${cx.files.map((f) => `${short(f)} ${kb(f.gzip)}`).join(', ')}`);
    const { firstLoad: staticFirstLoad } = await import('./first-load.mjs');
    const modules = staticFirstLoad();
    if (modules.total !== cx.total.gzip) console.log(`  (the static import graph of the entry comes to ${kb(modules.total)}: the page fetched something else too)`);
    for (const c of modules.chunks.filter((c) => c.modules.length > 1)) {
      console.log(`\n${c.file}, each module's marginal gzip cost (the chunk without it):`);
      for (const m of c.modules) console.log(`  ${m.module.padEnd(48)} ${String(m.gzipMarginal).padStart(6)} B`);
    }
    console.log('\nWhat each optional piece adds to the first load:');
    for (const [k, name] of optionalNames.entries()) {
      const files = bytesOf((await load(`optional-${k}`)).q1Files);
      const added = files.files.filter((f) => !cx.files.some((b) => b.file === f.file));
      console.log(`  ${name.padEnd(26)} +${kb(files.total.gzip - cx.total.gzip)} (${added.map(short).join(' ') || '—'})`);
    }
    const idle = bytesOf(await idleLoad(3000));
    const later = idle.files.filter((f) => !cx.files.some((b) => b.file === f.file));
    console.log(`\nNever touched, 3 s after load (prefetched on idle, so a tap does not wait): +${kb(later.reduce((n, f) => n + f.gzip, 0))} (${later.map((f) => `${short(f)} ${kb(f.gzip)}`).join(', ')})`);
  } finally {
    await browser.close();
    server.close();
  }
  if (unexpected.length) throw new Error(`pages asked for files the bench does not serve: ${[...new Set(unexpected)].join(', ')}`);
  process.exit(0);
}

// ---------------------------------------------------------------------------
// Runs.

/** Bundles lit-floor.js with the survey bundle's resolution and minifier (rollup.config.mjs), into one file. */
async function buildCeiling() {
  const { rollup } = await import('rollup');
  const { nodeResolve } = await import('@rollup/plugin-node-resolve');
  const { default: terser } = await import('@rollup/plugin-terser');
  const { SURVEY_MINIFIER } = await import('../../rollup.config.mjs');
  const bundle = await rollup({
    input: join(here, 'lit-floor.js'),
    plugins: [nodeResolve({ exportConditions: ['production'] }), terser(SURVEY_MINIFIER)],
  });
  await bundle.write({ file: ceilingBundle, format: 'es' });
  await bundle.close();
}

const names = ['cx', 'surveyjs'];
const ceilings = ['lit', 'lit-fetch'];
// In a round's order: the floor and the ceilings between the two surveys.
const measured = ['cx', 'floor', ...ceilings, 'surveyjs'];
const results = Object.fromEntries(measured.map((n) => [n, []]));
const optional = Object.fromEntries(optionalNames.map((n) => [n, []]));
let idleFiles = [];
const backlog = [];
const started = Date.now();
// Other processes on a small machine move the timings; the load average says how much to trust them.
const loadBefore = loadavg()[0];

try {
  await buildCeiling();
  // Both pages show the same Q2a statements, or the comparison means nothing.
  const expected = expectedDrivers('positive');
  for (const name of names) {
    const { drivers } = await load(name, { check: true });
    if (JSON.stringify(drivers) !== JSON.stringify(expected))
      throw new Error(`${name} shows different Q2a statements:\n  got      ${JSON.stringify(drivers)}\n  expected ${JSON.stringify(expected)}`);
  }
  // Warm-up runs are discarded: the first renderer processes start slower.
  for (let i = 0; i < WARMUP; i++) for (const name of measured) await load(name);

  // Interleaved, the order reversed every round, so drift over the run (other load, heat) hits all alike.
  // The optional pieces run in the same rounds, so their times compare with the same floor.
  for (let i = 0; i < RUNS; i++) {
    const order = i % 2 ? [...measured].reverse() : measured;
    for (const name of order) results[name].push(await load(name));
    for (const [k, name] of optionalNames.entries()) optional[name].push(await load(`optional-${k}`));
    if (process.stdout.isTTY) process.stdout.write(`\r  run ${i + 1}/${RUNS}`);
  }
  if (process.stdout.isTTY) process.stdout.write('\n');
  idleFiles = await idleLoad(3000);
  for (let i = 0; i < 7; i++) backlog.push(await backlogFlush());
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

/** The one file list every run of a page fetched (a page that fetches differently each time is a bug). */
function sameFiles(runs, key, label) {
  const sets = new Set(runs.map((r) => r[key].join('\n')));
  if (sets.size !== 1) throw new Error(`${label} fetched different files on different runs`);
  return runs[0][key];
}

/**
 * The files every run had fetched by the time Q1 was ready. Idle-time prefetches (the delivery code, the code
 * after Q1) may land before Q1 on a page that waits for a feature chunk; they are not needed for Q1, so a
 * file only some runs had by then is left out of the first load, and named.
 */
function neededBeforeQ1(runs, label) {
  const every = runs[0].q1Files.filter((f) => runs.every((r) => r.q1Files.includes(f)));
  const some = [...new Set(runs.flatMap((r) => r.q1Files))].filter((f) => !every.includes(f));
  if (some.length) console.log(`${label}: idle-time prefetch landed before Q1 in some runs, not counted in its first load: ${some.map((f) => f.replace(/^.*\//, '')).join(', ')}`);
  return every;
}

const bytes = {}; // everything fetched while the survey was answered
const firstLoad = {}; // fetched by the time Q1 was ready
for (const name of measured) {
  bytes[name] = bytesOf(sameFiles(results[name], 'files', name));
  firstLoad[name] = bytesOf(neededBeforeQ1(results[name], name));
}
const surveyJsSetupGzip = gzipSync(setupScript(), { level: 9 }).length;

// ---------------------------------------------------------------------------
// Statistics: median and p90 (nearest rank).

function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}
const stats = (values) => ({ median: quantile(values, 0.5), p90: quantile(values, 0.9), min: Math.min(...values), max: Math.max(...values) });
const field = (runs, key) => runs.map((r) => r[key]);
const floorQ1 = quantile(field(results.floor, 'q1FromNav'), 0.5);
const floorHeap = quantile(field(results.floor, 'heap'), 0.5);

const summary = {};
for (const name of measured) {
  summary[name] = {
    q1FromNavMs: stats(field(results[name], 'q1FromNav')),
    interactiveMs: stats(field(results[name], 'interactiveFromNav')),
    shownMs: stats(field(results[name], 'shownAt')),
    heapBytes: stats(field(results[name], 'heap')),
    // What the survey adds to the plain-HTML page.
    heapAboveFloorBytes: stats(field(results[name], 'heap').map((h) => h - floorHeap)),
  };
}
const base = firstLoad.cx.total.gzip;
const optionalSummary = Object.fromEntries(
  optionalNames.map((name) => {
    const runs = optional[name];
    const files = bytesOf(neededBeforeQ1(runs, name));
    const extra = files.files.filter((f) => !firstLoad.cx.files.some((b) => b.file === f.file)).map((f) => f.file.replace(/^.*\//, ''));
    return [name, { firstLoadGzip: files.total.gzip, addedGzip: files.total.gzip - base, addedFiles: extra, q1FromNavMs: stats(field(runs, 'q1FromNav')), heapAboveFloorBytes: stats(field(runs, 'heap').map((h) => h - floorHeap)) }];
  }),
);
const idle = bytesOf(idleFiles);
const backlogStats = { fromNavigationMs: stats(backlog.map((b) => b.fromNavigation)), fromLoadMs: stats(backlog.map((b) => b.fromLoad)) };

// ---------------------------------------------------------------------------
// Report.

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const mb = (n) => `${(n / 1024 / 1024).toFixed(2)} MB`;
const ms = (n) => `${n.toFixed(1)} ms`;
const x = (n) => `${n.toFixed(2)}×`;
const ok = (good) => (good ? 'met' : 'NOT met');

function print(header, rows) {
  const table = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...table.map((row) => String(row[i]).length)));
  const line = (row) => row.map((cell, i) => (i === 0 ? String(cell).padEnd(widths[i]) : String(cell).padStart(widths[i]))).join(' | ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const row of rows) console.log(line(row));
}

const loadAfter = loadavg()[0];
const med = (name, key) => summary[name][key].median;
console.log(`\n${chromiumVersion}, CPU throttled ${CPU}×, ${VIEWPORT.width}×${VIEWPORT.height}, ${RUNS} runs each (interleaved, ${WARMUP} warm-up rounds discarded), ${((Date.now() - started) / 1000).toFixed(0)} s, load average ${loadBefore.toFixed(1)} → ${loadAfter.toFixed(1)}`);
console.log(`SurveyJS ${versionOf(surveyCore)} (survey-core + survey-js-ui + survey-core.fontless.min.css); floor: plain HTML, the same Q1 sentence and two buttons, no library`);
console.log(`ceilings: Lit floor, a minimal LitElement (lit ${versionOf(litDir)}) with the same Q1 sentence and two radios in its shadow root, one module file (lit-floor.js); + config fetch, the same element showing Q1 only once GET /v1/services/bench has answered (#14)`);
console.log(`Q1 ready: ms from navigation start until Q1's choices are in the DOM; interactive: until Q2a is shown after a click on "Agree" the moment Q1 was ready`);
console.log(`first load: gzip -9 of the library files fetched by the time Q1 was ready; heap: JSHeapUsedSize after gc() once Q2a is opaque, minus the floor's median (${mb(floorHeap)})\n`);

const q1Ratio = med('cx', 'q1FromNavMs') / floorQ1;
const heapAbove = med('cx', 'heapAboveFloorBytes');
// Cheapest first; each cell is (page name) => text, ratios get rows of their own so the table stays narrow.
const columns = ['floor', ...ceilings, 'cx', 'surveyjs'];
const row = (metric, cell, aim = '') => [metric, ...columns.map(cell), aim];
const ratio = (name, q) => summary[name].q1FromNavMs[q] / summary.floor.q1FromNavMs[q];
print(
  ['metric', 'floor', 'Lit floor', '+ config fetch', 'cx-survey', 'SurveyJS', 'aim (#16)'],
  [
    row('first load, gzipped JS+CSS', (n) => kb(firstLoad[n].total.gzip), `≤ 12.0 KB: ${ok(firstLoad.cx.total.gzip <= AIMS.firstLoadBytes)}`),
    row('all fetched while answering, gzipped', (n) => kb(bytes[n].total.gzip)),
    row('minified, all fetched', (n) => kb(bytes[n].total.raw)),
    ...['median', 'p90'].map((q) => row(`Q1 ready, ${q}`, (n) => ms(summary[n].q1FromNavMs[q]))),
    ...['median', 'p90'].map((q) =>
      row(`Q1 ready / floor, ${q}`, (n) => (n === 'floor' ? '' : x(ratio(n, q))), q === 'median' ? `≤ 1.5×: ${ok(q1Ratio <= AIMS.q1Ratio)} (Lit floor ${x(ratio('lit', q))}, + config fetch ${x(ratio('lit-fetch', q))})` : ''),
    ),
    // The floor and the ceilings have no Q2a.
    ...['median', 'p90'].map((q) => row(`interactive, ${q}`, (n) => (names.includes(n) ? ms(summary[n].interactiveMs[q]) : ''))),
    ...['median', 'p90'].map((q) => row(`Q2a fully opaque, ${q}`, (n) => (names.includes(n) ? ms(summary[n].shownMs[q]) : ''))),
    row('JS heap above floor, median', (n) => (n === 'floor' ? '0' : mb(med(n, 'heapAboveFloorBytes'))), `≤ 0.30 MB: ${ok(heapAbove <= AIMS.heapAboveFloor)}`),
  ],
);
console.log(`\ncx-survey's first load: ${firstLoad.cx.files.map((f) => `${f.file.replace(/^.*\//, '')} ${kb(f.gzip)}`).join(', ')}`);
console.log(`not in the SurveyJS bytes: the page's own survey JSON and set-up script, ${kb(surveyJsSetupGzip)} gzipped`);

console.log(`\nWhat each optional piece costs (the thumbs survey in English plus that piece; ready: Q1, or the kiosk's Start button, or the launcher's button)\n`);
print(
  ['piece', 'first load, gzipped', 'added', 'added files', 'ready, median', 'ready / floor', 'heap above floor'],
  optionalNames.map((n) => {
    const o = optionalSummary[n];
    return [n, kb(o.firstLoadGzip), `${o.addedGzip >= 0 ? '+' : ''}${kb(o.addedGzip)}`, o.addedFiles.join(' ') || '—', ms(o.q1FromNavMs.median), x(o.q1FromNavMs.median / floorQ1), mb(o.heapAboveFloorBytes.median)];
  }),
);
console.log(`\nNever touched, 3 s after load: ${kb(idle.total.gzip)} fetched (${idle.files.map((f) => `${f.file.replace(/^.*\//, '')} ${kb(f.gzip)}`).join(', ')}): the delivery code comes on idle`);
console.log(`A queued response is sent ${ms(backlogStats.fromLoadMs.median)} after the load event (median of ${backlog.length}; p90 ${ms(backlogStats.fromLoadMs.p90)}), ${ms(backlogStats.fromNavigationMs.median)} after navigation start`);

const out = {
  date: new Date().toISOString(),
  chromium: chromiumVersion,
  node: process.version,
  cpuThrottle: CPU,
  viewport: VIEWPORT,
  loadAverage: { before: loadBefore, after: loadAfter },
  runs: RUNS,
  warmup: WARMUP,
  versions: { surveyCore: versionOf(surveyCore), surveyJsUi: versionOf(surveyUi), lit: versionOf(litDir) },
  aims: AIMS,
  firstLoad,
  bytes: { ...bytes, surveyJsSetupGzip },
  floorHeapBytes: floorHeap,
  summary,
  optional: optionalSummary,
  idle,
  backlog: backlogStats,
  raw: Object.fromEntries(Object.entries({ ...results, ...optional }).map(([n, rs]) => [n, rs.map(({ files, q1Files, drivers, ...r }) => r)])),
};
mkdirSync(join(here, 'results'), { recursive: true });
writeFileSync(join(here, 'results/latest.json'), JSON.stringify(out, null, 2) + '\n');
console.log(`results: test/bench/results/latest.json`);

// Delivery: flushing a queued backlog of 1,000 and 10,000 responses to a real collector,
// next to a plain fetch loop, and the queue's bytes (test/bench/delivery.mjs). BENCH_DELIVERY=0 skips it.
if (process.env.BENCH_DELIVERY !== '0') await (await import('./delivery.mjs')).runDeliveryBench();
