#!/usr/bin/env node
// The delivery part of `npm run bench` (issue #4): how long and how much memory
// the offline outbox takes to flush a backlog of 1,000 and 10,000 queued
// responses to a real collector, next to a plain loop of fetch POSTs of the
// same records (batches of 100, no IndexedDB) from the same page, and how many
// bytes the queue adds to what a page downloads.
//
// Run on its own with `node test/bench/delivery.mjs` after `npm run build`, or
// through `npm run bench` (test/bench/run.mjs calls it after the render bench).
//
// Options (environment): CHROMIUM (default /usr/bin/chromium),
// BENCH_DELIVERY_SIZES (default "1000,10000"), BENCH_DELIVERY_RUNS (rounds per
// size, default 3; each round measures both, in alternating order).
import { randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { launchChromium, LOOPBACK_ONLY, startListening } from '../support/processes.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const elementsDist = join(root, 'packages/elements/dist');
const SIZES = (process.env.BENCH_DELIVERY_SIZES ?? '1000,10000').split(',').map(Number);
const RUNS = Number(process.env.BENCH_DELIVERY_RUNS ?? 3);
const ADMIN = 'bench-admin-token';
const SERVICE = 'demo-thumbs';
const ENDPOINT = '/v1/responses';

const gz = (buf) => gzipSync(buf, { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const mb = (n) => `${(n / 1024 / 1024).toFixed(2)} MB`;

// ---------------------------------------------------------------------------
// Records: made by the protocol's own buildRecord, as the element makes them.

const protocol = await import(pathToFileURL(join(root, 'packages/protocol/dist/index.js')).href);
const services = JSON.parse(readFileSync(join(root, 'examples/services.json'), 'utf8')).services;
const service = services.find((s) => s.id === SERVICE);
const resolved = protocol.resolveConfig({ service: SERVICE, agency: service.agency, drivers: service.drivers });
if (!resolved.ok) throw new Error(`bench config: ${JSON.stringify(resolved.problems)}`);
const config = resolved.config;
const comments = [null, 'The form kept timing out.', 'Quick and clear, thank you.', 'I could not find the upload button on my phone.'];

/** N valid, distinct records answered over the last hour: a kiosk's day offline, say. */
function makeRecords(n) {
  const now = Date.now();
  const out = [];
  for (let i = 0; i < n; i++) {
    const keys = config.drivers.map((d) => d.key);
    let a = protocol.answerQ1(protocol.EMPTY_ANSWERS, i % 3 === 0 ? 0 : 1, config);
    a = protocol.toggleDriver(a, keys[i % keys.length], true);
    if (i % 4 === 1) a = protocol.toggleDriver(a, keys[(i + 3) % keys.length], true);
    const text = comments[i % comments.length];
    if (text) a = protocol.answerQ3(a, text);
    const record = protocol.buildRecord(config, a, {
      id: randomUUID(),
      answeredAt: new Date(now - 3_600_000 + Math.floor((i / n) * 3_500_000)),
      locale: i % 5 === 0 ? 'es' : 'en',
      pagePath: '/apply/status',
    });
    const problems = protocol.checkRecord(record);
    if (problems.length) throw new Error(`bench record invalid: ${JSON.stringify(problems)}`);
    out.push(record);
  }
  return out;
}

// ---------------------------------------------------------------------------
// The page: the built bundle and its chunks, served by the collector itself
// (--static), so the page posts to its own origin like a same-site install.

const BENCH_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<link rel="icon" href="data:,">
<title>cx-survey delivery bench</title>
<script type="module">
import { responses, registerTransport } from './cx-survey.min.js';
window.cx = { responses, registerTransport };
window.cxReady = true;
</script>
</head>
<body><main></main></body>
</html>`;

/**
 * The entry and every chunk it reaches through static or dynamic relative imports, as paths under dist/
 * (dist/chunks keeps stale chunks of earlier builds, so the build's own are followed from the entry).
 */
function chunksOf(entry, imports = /(?:from|import\()\s*"(\.\/[\w./-]+\.js)"/g) {
  const seen = new Set([entry]);
  for (const file of seen) {
    const code = readFileSync(join(elementsDist, file), 'utf8');
    for (const [, rel] of code.matchAll(imports)) seen.add(join(dirname(file), rel));
  }
  return [...seen];
}

function staticDir() {
  const dir = mkdtempSync(join(tmpdir(), 'cx-delivery-bench-'));
  mkdirSync(join(dir, 'www/chunks'), { recursive: true });
  // A snapshot of this build's files, so a rebuild during the run cannot mix versions.
  const files = chunksOf('cx-survey.min.js');
  for (const file of files) copyFileSync(join(elementsDist, file), join(dir, 'www', file));
  writeFileSync(join(dir, 'www/bench.html'), BENCH_PAGE);
  const delivery = files.find((f) => /^chunks\/delivery-[\w-]+\.js$/.test(f));
  if (!delivery) throw new Error('the bundle reaches no chunks/delivery-*.js');
  // The main bundle: the entry and what it imports statically (the facade and its first chunk).
  const main = chunksOf('cx-survey.min.js', /from\s*"(\.\/[\w./-]+\.js)"/g).map((f) => readFileSync(join(elementsDist, f), 'utf8')).join('\n');
  return { dir, main, deliveryFile: delivery, delivery: readFileSync(join(elementsDist, delivery)) };
}

// ---------------------------------------------------------------------------
// The collector: a real one, SQLite in the temp dir, no rate limit.

function startCollector(dir) {
  return startListening([
    join(root, 'packages/collector/dist/cli.js'), 'serve', '--port', '0', '--db', join(dir, 'bench.sqlite'),
    '--services', join(root, 'examples/services.json'), '--static', join(dir, 'www'),
    '--rate-per-second', '0', '--log-level', 'warn',
    // examples/services.json has a token-only service; a throwaway secret lets the collector start.
    // Secrets through the environment: arguments are visible in ps.
  ], { env: { ...process.env, CX_ADMIN_TOKEN: ADMIN, CX_TOKEN_SECRET: randomUUID() + randomUUID() } });
}

async function storedCount(origin) {
  const res = await fetch(`${origin}/v1/count?service=${SERVICE}`, { headers: { authorization: `Bearer ${ADMIN}` } });
  if (!res.ok) throw new Error(`GET /v1/count: ${res.status}`);
  return (await res.json()).count;
}

// ---------------------------------------------------------------------------
// In the page.

/** Writes the backlog where the outbox keeps it, in one transaction, as Outbox.add would have. */
function prefill({ records, endpoint }) {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('cx-survey-outbox', 1);
    open.onupgradeneeded = () => open.result.createObjectStore('v1');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction('v1', 'readwrite');
      const store = tx.objectStore('v1');
      const now = Date.now();
      records.forEach((record, i) => store.put({ v: 1, record, endpoint, queuedAt: now - records.length + i, attempts: 0, nextAt: now }, `q:${record.id}`));
      tx.oncomplete = () => {
        db.close();
        resolve();
      };
      tx.onerror = () => reject(tx.error);
    };
  });
}

/** responses.flush(true) until responses.pending() is empty. */
async function flushOutbox() {
  const { responses } = window.cx;
  const start = performance.now();
  let rounds = 0;
  do {
    rounds++;
    await responses.flush(true);
    if (performance.now() - start > 300000) throw new Error('outbox not empty after 300 s');
  } while ((await responses.pending()).length);
  const ms = performance.now() - start;
  const dead = (await responses.deadLetters()).length;
  return { ms, rounds, dead };
}

/** The peer: the same records POSTed 100 at a time in a plain loop, straight from memory. */
async function fetchLoop({ endpoint }) {
  const records = window.__records;
  const start = performance.now();
  let stored = 0;
  for (let i = 0; i < records.length; i += 100) {
    const res = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(records.slice(i, i + 100)),
      credentials: 'omit',
    });
    const body = await res.json();
    if (!res.ok) throw new Error(`POST: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
    stored += body.stored + body.duplicate;
  }
  return { ms: performance.now() - start, rounds: 1, dead: records.length - stored };
}

/**
 * Diagnosis, in the page: what one IndexedDB readwrite transaction per delete costs (what the
 * outbox does for every acknowledged record, through idb-keyval's del) against one transaction
 * deleting a whole batch of 100, and what reading the whole store costs (idb-keyval's entries).
 */
async function idbCosts({ n, value }) {
  const req = (r) => new Promise((ok, fail) => { r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });
  const done = (tx) => new Promise((ok, fail) => { tx.oncomplete = ok; tx.onerror = tx.onabort = () => fail(tx.error); });
  const open = indexedDB.open('cx-bench-diagnosis', 1);
  open.onupgradeneeded = () => open.result.createObjectStore('s');
  const db = await req(open);
  const fill = async () => {
    const tx = db.transaction('s', 'readwrite');
    for (let i = 0; i < n; i++) tx.objectStore('s').put({ ...value, i }, `q:${i}`);
    await done(tx);
  };
  await fill();
  let t = performance.now();
  const all = db.transaction('s', 'readonly').objectStore('s');
  const [keys, values] = await Promise.all([req(all.getAllKeys()), req(all.getAll())]);
  const readAllMs = performance.now() - t;
  if (keys.length !== n || values.length !== n) throw new Error('diagnosis: store not filled');
  t = performance.now();
  for (let i = 0; i < n; i++) {
    const tx = db.transaction('s', 'readwrite');
    tx.objectStore('s').delete(`q:${i}`);
    await done(tx);
  }
  const oneTxEachMs = performance.now() - t;
  await fill();
  t = performance.now();
  for (let i = 0; i < n; i += 100) {
    const tx = db.transaction('s', 'readwrite');
    for (let j = i; j < Math.min(n, i + 100); j++) tx.objectStore('s').delete(`q:${j}`);
    await done(tx);
  }
  const batchTxMs = performance.now() - t;
  db.close();
  return { n, readAllMs, oneTxEachMs, batchTxMs };
}

/** The outbox's grouping of due entries by endpoint (drain()), as written, and as a push. */
function groupingCosts(n) {
  const entries = Array.from({ length: n }, (_, i) => ({ endpoint: '/v1/responses', i }));
  let t = performance.now();
  const spread = new Map();
  for (const e of entries) spread.set(e.endpoint, [...(spread.get(e.endpoint) ?? []), e]);
  const spreadMs = performance.now() - t;
  t = performance.now();
  const push = new Map();
  for (const e of entries) {
    let list = push.get(e.endpoint);
    if (!list) push.set(e.endpoint, (list = []));
    list.push(e);
  }
  const pushMs = performance.now() - t;
  return { n, spreadMs, pushMs };
}

async function diagnose(browser, origin, value) {
  const context = await browser.createBrowserContext();
  try {
    const page = await context.newPage();
    await page.goto(`${origin}/bench.html`, { waitUntil: 'load' });
    const idb = await page.evaluate(idbCosts, { n: 1000, value });
    const grouping = [];
    for (const n of [1000, 10000, 30000]) grouping.push(await page.evaluate(groupingCosts, n));
    return { idb, grouping };
  } finally {
    await context.close();
  }
}

// ---------------------------------------------------------------------------
// One measurement: a fresh browser context (its own renderer, its own empty IndexedDB).

async function measure(browser, origin, kind, records) {
  const context = await browser.createBrowserContext();
  try {
    if (kind === 'outbox') {
      // The backlog is written by a page that is then closed, as a kiosk reopened after a day
      // offline finds it: the measured page's heap holds none of the records beforehand.
      const writer = await context.newPage();
      await writer.goto(`${origin}/bench.html`, { waitUntil: 'load' });
      await writer.evaluate(prefill, { records, endpoint: ENDPOINT });
      await writer.close();
    }
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (err) => errors.push(err.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(`${origin}/bench.html`, { waitUntil: 'load' });
    await page.waitForFunction(() => window.cxReady === true);
    if (kind === 'outbox') {
      // Load the delivery chunk before the clock starts (a page that showed a survey has it already);
      // registerTransport loads it without creating the outbox, which would start flushing.
      await page.evaluate(() => window.cx.registerTransport('bench-warm-up', undefined));
    } else {
      await page.evaluate((r) => { window.__records = r; }, records);
    }
    await page.evaluate(() => { gc(); gc(); });
    const heapBefore = (await page.metrics()).JSHeapUsedSize;
    const countBefore = await storedCount(origin);

    // While it runs: the heap's high-water mark and the collector's count over time.
    let peak = heapBefore;
    const progress = [];
    const t0 = Date.now();
    let running = true;
    const sampler = (async () => {
      while (running) {
        const [m, c] = await Promise.all([page.metrics().catch(() => null), storedCount(origin).catch(() => null)]);
        if (m) peak = Math.max(peak, m.JSHeapUsedSize);
        if (c !== null) progress.push([Date.now() - t0, c - countBefore]);
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    let result;
    try {
      result = await page.evaluate(kind === 'outbox' ? flushOutbox : fetchLoop, { endpoint: ENDPOINT });
    } finally {
      running = false;
      await sampler;
    }
    const heapAfterNoGc = (await page.metrics()).JSHeapUsedSize;
    await page.evaluate(() => { gc(); gc(); });
    const heapAfter = (await page.metrics()).JSHeapUsedSize;
    const stored = (await storedCount(origin)) - countBefore;
    if (errors.length) throw new Error(`${kind} ${records.length}: page errors: ${errors.join('; ')}`);
    if (stored !== records.length) throw new Error(`${kind} ${records.length}: the collector stored ${stored} records, not ${records.length}`);
    if (result.dead) throw new Error(`${kind} ${records.length}: ${result.dead} records refused`);
    progress.push([Date.now() - t0, stored]);
    return { n: records.length, kind, ms: result.ms, rounds: result.rounds, recordsPerSecond: records.length / (result.ms / 1000), heapBefore, heapPeak: Math.max(peak, heapAfterNoGc), heapAfter, stored, progress };
  } finally {
    await context.close();
  }
}

// ---------------------------------------------------------------------------
// Bytes: the delivery chunk, idb-keyval's share of it, the main bundle.

async function idbKeyvalShare() {
  // Rebuild the chunk's code (delivery/browser.js and what it imports) with the bundle's
  // minifier, once with idb-keyval and once with it left out: the difference is its share.
  const { rollup } = await import('rollup');
  const { nodeResolve } = await import('@rollup/plugin-node-resolve');
  const { default: terser } = await import('@rollup/plugin-terser');
  const build = async (input, external) => {
    const bundle = await rollup({
      input,
      external,
      onwarn: () => {},
      plugins: [nodeResolve({ exportConditions: ['production'] }), terser({ ecma: 2021, module: true, compress: { passes: 3, unsafe_arrows: true, unsafe_methods: true }, format: { comments: false } })],
    });
    const { output } = await bundle.generate({ format: 'es' });
    await bundle.close();
    return gz(output[0].code);
  };
  const entry = join(elementsDist, 'delivery/browser.js');
  const withIdb = await build(entry, []);
  const withoutIdb = await build(entry, ['idb-keyval']);
  // idb-keyval alone, the four functions the outbox imports.
  const dir = mkdtempSync(join(tmpdir(), 'cx-idb-'));
  const alone = join(dir, 'idb.mjs');
  writeFileSync(alone, `export { createStore, del, entries, set } from ${JSON.stringify(join(root, "node_modules/idb-keyval/dist/index.js"))};\n`);
  let standalone = null;
  try {
    standalone = await build(alone, []);
  } catch {
    // idb-keyval laid out differently: the in-context share is the number that matters.
  }
  rmSync(dir, { recursive: true, force: true });
  return { inChunk: withIdb - withoutIdb, rebuiltChunk: withIdb, standalone };
}

// ---------------------------------------------------------------------------

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

export async function runDeliveryBench() {
  if (!existsSync(join(elementsDist, 'cx-survey.min.js'))) throw new Error('packages/elements/dist/cx-survey.min.js is missing: run `npm run build` first.');
  const started = Date.now();
  const loadBefore = loadavg()[0];
  const { dir, main, delivery, deliveryFile } = staticDir();
  const bytes = {
    mainBundle: { raw: Buffer.byteLength(main), gzip: gz(main) },
    deliveryChunk: { file: deliveryFile, raw: delivery.length, gzip: gz(delivery) },
  };
  try {
    bytes.idbKeyval = await idbKeyvalShare();
  } catch (err) {
    bytes.idbKeyval = { error: String(err?.message ?? err) };
  }

  const { child, origin } = await startCollector(dir);
  const browser = await launchChromium(['--js-flags=--expose-gc', LOOPBACK_ONLY]);
  const chromium = await browser.version();
  const runs = [];
  let diagnosis;
  try {
    // Warm-up: the first renderer and the collector's first statements start slower.
    await measure(browser, origin, 'fetch', makeRecords(200));
    await measure(browser, origin, 'outbox', makeRecords(200));
    for (const n of SIZES) {
      const rounds = RUNS;
      for (let i = 0; i < rounds; i++) {
        // Fresh ids every time, so every record is new to the collector; the order alternates.
        const order = i % 2 ? ['outbox', 'fetch'] : ['fetch', 'outbox'];
        for (const kind of order) {
          const r = await measure(browser, origin, kind, makeRecords(n));
          runs.push(r);
          if (process.stdout.isTTY) process.stdout.write(`\r  delivery ${kind} ${n}: ${(r.ms / 1000).toFixed(2)} s        `);
        }
      }
    }
    if (process.stdout.isTTY) process.stdout.write('\n');
    const [sample] = makeRecords(1);
    diagnosis = await diagnose(browser, origin, { v: 1, record: sample, endpoint: ENDPOINT, queuedAt: 0, attempts: 0, nextAt: 0 });
  } finally {
    await browser.close();
    child.kill();
    rmSync(dir, { recursive: true, force: true });
  }

  // Summary: medians per size and kind.
  const summary = {};
  for (const n of SIZES) {
    summary[n] = {};
    for (const kind of ['outbox', 'fetch']) {
      const rs = runs.filter((r) => r.n === n && r.kind === kind);
      summary[n][kind] = {
        runs: rs.length,
        ms: median(rs.map((r) => r.ms)),
        recordsPerSecond: median(rs.map((r) => r.recordsPerSecond)),
        heapBefore: median(rs.map((r) => r.heapBefore)),
        heapPeak: median(rs.map((r) => r.heapPeak)),
        heapAfter: median(rs.map((r) => r.heapAfter)),
        rounds: Math.max(...rs.map((r) => r.rounds)),
      };
    }
  }

  // Where the outbox's time goes: until the collector holds its first batch (reading the
  // store, sorting, grouping), then the rate of the rest.
  const shape = {};
  for (const n of SIZES) {
    const r = runs.find((x) => x.n === n && x.kind === 'outbox');
    const first = r.progress.find(([, c]) => c > 0);
    const half = r.progress.find(([, c]) => c >= n / 2);
    shape[n] = {
      firstStoredMs: first?.[0] ?? null,
      halfStoredMs: half?.[0] ?? null,
      // records/s over the first and the second half of the backlog
      firstHalfRate: first && half && half[0] > first[0] ? (half[1] - first[1]) / ((half[0] - first[0]) / 1000) : null,
      secondHalfRate: half ? (n - half[1]) / ((r.progress.at(-1)[0] - half[0]) / 1000) : null,
    };
  }

  const loadAfter = loadavg()[0];
  const secs = (ms) => `${(ms / 1000).toFixed(2)} s`;
  const ratio = (a, b) => `${(a / b).toFixed(1)}×`;
  const rows = [];
  for (const n of SIZES) {
    const o = summary[n].outbox;
    const f = summary[n].fetch;
    const tag = `${n.toLocaleString('en-US')} (${o.runs === 1 ? '1 run' : `median of ${o.runs}`})`;
    rows.push([`${tag}: wall time`, secs(o.ms), secs(f.ms), ratio(o.ms, f.ms)]);
    rows.push([`${tag}: records/s`, Math.round(o.recordsPerSecond).toLocaleString('en-US'), Math.round(f.recordsPerSecond).toLocaleString('en-US'), ratio(o.recordsPerSecond, f.recordsPerSecond)]);
    rows.push([`${tag}: JS heap before`, mb(o.heapBefore), mb(f.heapBefore), ratio(o.heapBefore, f.heapBefore)]);
    rows.push([`${tag}: JS heap peak (sampled)`, mb(o.heapPeak), mb(f.heapPeak), ratio(o.heapPeak, f.heapPeak)]);
    rows.push([`${tag}: JS heap after`, mb(o.heapAfter), mb(f.heapAfter), ratio(o.heapAfter, f.heapAfter)]);
  }
  const header = ['backlog: metric', 'outbox', 'fetch loop', 'ratio (outbox / fetch)'];
  const table = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...table.map((row) => row[i].length)));
  const line = (row) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join(' | ');

  console.log(`\nDelivery: flushing a queued backlog to a real collector (SQLite, no rate limit), ${chromium}, ${((Date.now() - started) / 1000).toFixed(0)} s, load average ${loadBefore.toFixed(1)} → ${loadAfter.toFixed(1)}`);
  console.log(`outbox: IndexedDB pre-filled with N queued records, then responses.flush(true) until responses.pending() is empty`);
  console.log(`fetch loop: the same N records POSTed from the same page, 100 per request, one after another, no IndexedDB`);
  console.log(`heap: JSHeapUsedSize after gc() before and after; peak sampled every ~100 ms without gc\n`);
  console.log(line(table[0]));
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const row of table.slice(1)) console.log(line(row));
  for (const n of SIZES) {
    const s = shape[n];
    console.log(`outbox ${n.toLocaleString('en-US')}: first batch stored after ${s.firstStoredMs ?? '?'} ms; ${Math.round(s.firstHalfRate ?? 0).toLocaleString('en-US')} records/s over the first half, ${Math.round(s.secondHalfRate ?? 0).toLocaleString('en-US')} over the second`);
  }
  const d = diagnosis.idb;
  console.log(`IndexedDB, ${d.n} queued entries: read all ${d.readAllMs.toFixed(0)} ms; delete one per readwrite transaction ${d.oneTxEachMs.toFixed(0)} ms` +
    ` (${(d.oneTxEachMs / d.n).toFixed(2)} ms each); 100 per transaction (the outbox's way) ${d.batchTxMs.toFixed(0)} ms`);
  console.log(`grouping due entries by endpoint (array spread vs push, which drain uses): ${diagnosis.grouping.map((g) => `${g.n.toLocaleString('en-US')}: ${g.spreadMs.toFixed(0)} vs ${g.pushMs.toFixed(1)} ms`).join('; ')}`);
  const idb = bytes.idbKeyval;
  console.log(`\nbytes (gzip -9): main bundle ${kb(bytes.mainBundle.gzip)} (${kb(bytes.mainBundle.raw)} minified); delivery chunk ${bytes.deliveryChunk.file} ${kb(bytes.deliveryChunk.gzip)} (${kb(bytes.deliveryChunk.raw)} minified)` +
    (idb.error ? `; idb-keyval share: ${idb.error}` : `, of which idb-keyval ≈ ${kb(idb.inChunk)} (alone: ${idb.standalone ? kb(idb.standalone) : '?'})`));

  const out = {
    date: new Date().toISOString(),
    chromium,
    node: process.version,
    loadAverage: { before: loadBefore, after: loadAfter },
    sizes: SIZES,
    bytes,
    summary,
    shape,
    diagnosis,
    runs,
  };
  mkdirSync(join(here, 'results'), { recursive: true });
  writeFileSync(join(here, 'results/delivery.json'), JSON.stringify(out, null, 2) + '\n');
  console.log('results: test/bench/results/delivery.json');
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await runDeliveryBench();
