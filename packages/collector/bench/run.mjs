// Collector benchmark: ingest throughput and p99 on SQLite and PostgreSQL, single and batch, each as a
// ratio to a bare fastify hello-world and to the collector with no database, measured in the same run;
// p99 of single records at a fixed 1,000 requests/s; then a 2,000,000-row CSV export's time and the
// server's peak memory. It ends with issue #15's aims, met or not. Loopback only, bounded durations. Needs a build (npm run build).
// Throughput on a small shared machine varies by ±20 % from run to run, so every scenario is measured
// BENCH_ROUNDS times, interleaved with hello-world, and the table gives medians (and the range).
// The load generator shares the machine's cores with the server, so its own cost moves the ratios: the
// bench drives every scenario with autocannon (Node) and, when it is installed, with wrk (C, a fraction of
// autocannon's CPU per request), and prints one table per load generator.
//   BENCH_SECONDS=8  BENCH_ROUNDS=3  BENCH_RATE=1000  BENCH_SQLITE_ROWS=200000  BENCH_EXPORT_ROWS=2000000  DATABASE_URL=postgres://root@127.0.0.1:5432/test  BENCH_SKIP_PG=1
//   BENCH_LOADGEN=autocannon|wrk (default: both when wrk is on the PATH; Debian: apt-get install wrk)
import { execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import autocannon from 'autocannon';

const here = fileURLToPath(new URL('.', import.meta.url));
const cli = join(here, '../dist/cli.js');
if (!existsSync(cli)) {
  console.error('dist/ is missing: run "npm run build" at the repository root first.');
  process.exit(1);
}
const { SqliteStore, PostgresStore } = await import('../dist/index.js');

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3));
const EXPORT_ROWS = Number(process.env.BENCH_EXPORT_ROWS ?? 2_000_000);
const RATE = Number(process.env.BENCH_RATE ?? 1000);
// Every SQLite server starts on a copy of one file that already holds this many responses, so each run
// (whatever ran before it) meets the same index size: the size, not the order, sets how fast inserts are.
const SQLITE_ROWS = Number(process.env.BENCH_SQLITE_ROWS ?? 200_000);
const PG_URL = process.env.DATABASE_URL || 'postgres://root@127.0.0.1:5432/test';
const ADMIN = 'bench-admin-token';
const dir = mkdtempSync(join(tmpdir(), 'cx-bench-'));
const servicesFile = join(dir, 'services.json');
writeFileSync(servicesFile, JSON.stringify({ services: [{ id: 'bench', name: 'Bench', agency: 'Bench Agency', scale: 'thumbs', praExempt: 'benchmark data, no members of the public' }] }));
const schema = `cx_bench_${process.pid}`;

const hasWrk = (() => {
  try {
    execFileSync('wrk', ['--version'], { stdio: 'ignore' });
    return true;
  } catch (e) {
    // wrk --version exits 1 after printing its version; only a missing binary throws ENOENT.
    return e.code !== 'ENOENT';
  }
})();
const LOADGENS = process.env.BENCH_LOADGEN ? [process.env.BENCH_LOADGEN] : hasWrk ? ['autocannon', 'wrk'] : ['autocannon'];
for (const g of LOADGENS) if (g !== 'autocannon' && g !== 'wrk') throw new Error(`BENCH_LOADGEN: unknown load generator "${g}" (autocannon or wrk)`);
if (LOADGENS.includes('wrk') && !hasWrk) throw new Error('BENCH_LOADGEN=wrk: wrk is not installed (Debian: apt-get install wrk)');

const children = new Set();
process.on('exit', () => {
  for (const c of children) c.kill('SIGKILL');
});

/** Starts a server process and resolves with its URL once it prints its "listening" line. */
function start(args, env = {}) {
  const proc = spawn(process.execPath, args, { env: { ...process.env, DATABASE_URL: '', CX_ADMIN_TOKEN: ADMIN, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  children.add(proc);
  return new Promise((resolve, reject) => {
    let out = '';
    proc.stdout.on('data', (d) => {
      out += d;
      const m = /"listening":"(http[^"]+)"/.exec(out);
      if (m) resolve({ proc, url: m[1] });
    });
    proc.on('exit', (code) => reject(new Error(`server exited (${code}): ${out}`)));
  });
}

async function stop(server) {
  const exited = new Promise((r) => server.proc.once('exit', r));
  server.proc.kill('SIGTERM');
  await exited;
  children.delete(server.proc);
}

const HELLO = `
import Fastify from 'fastify';
const app = Fastify({ logger: false });
app.get('/', async () => ({ hello: 'world' }));
// Context only: the same POST body parsed and answered, nothing validated or stored.
app.post('/echo', async (request) => ({ id: request.body.id, outcome: 'stored', status: 201 }));
const url = await app.listen({ port: 0, host: '127.0.0.1' });
console.log(JSON.stringify({ listening: url }));
process.on('SIGTERM', () => app.close().then(() => process.exit(0)));
`;

// Context only: the collector's whole HTTP and validation path with a store that keeps nothing, so
// the table shows what this machine leaves for the database itself (ingest runs on the HTTP thread).
const NO_DATABASE = `
import { buildCollector, loadServices } from ${JSON.stringify(pathToFileURL(join(here, '../dist/index.js')).href)};
const store = {
  kind: 'none', // a label for /healthz; it hosts nothing, so ingest runs on the HTTP thread
  location: null,
  insert: async (rows) => rows.map(() => 'stored'),
  get: async () => null,
  count: async () => 0,
  stream: async function* () {},
  ping: async () => {},
  probeWrite: async () => {},
  purge: async () => 0,
  migrations: async () => [],
  close: async () => {},
};
const app = await buildCollector({ services: loadServices(${JSON.stringify(servicesFile)}), store, rateLimit: null });
const url = await app.listen({ port: 0, host: '127.0.0.1' });
console.log(JSON.stringify({ listening: url }));
process.on('SIGTERM', () => app.close().then(() => process.exit(0)));
`;

// A realistic record: the body of a thumbs-up with two drivers and a short comment. Like the element,
// each one is stamped with the moment it is sent: identical timestamps would turn the time indexes'
// appends into random inserts, which no real stream of responses does.
const TEMPLATE = JSON.stringify({
  id: '__ID__',
  schemaVersion: 1,
  service: 'bench',
  surveyType: 'post-interaction',
  channel: 'web',
  scale: 'thumbs',
  q1: 1,
  branch: 'positive',
  q2: ['effectiveness', 'ease'],
  offered: ['effectiveness', 'ease', 'efficiency', 'transparency', 'humanity', 'employee', 'other', 'none'],
  q3: 'The form was clear and it was quick to finish.',
  answers: {},
  locale: 'en-US',
  answeredAt: '__AT__',
  pagePath: '/apply/confirmation',
}).split(/__ID__|__AT__/);
const one = () => TEMPLATE[0] + randomUUID() + TEMPLATE[1] + new Date().toISOString() + TEMPLATE[2];
const batch = (n) => {
  const parts = new Array(n);
  for (let i = 0; i < n; i++) parts[i] = one();
  return `[${parts.join(',')}]`;
};

/** One scenario with autocannon; body() makes each request's body. */
async function autocannonLoad(url, { path = '/', method = 'GET', body, connections }) {
  const result = await autocannon({
    url,
    connections,
    duration: SECONDS,
    requests: [
      {
        method,
        path,
        headers: body ? { 'content-type': 'application/json' } : {},
        ...(body ? { setupRequest: (req) => ({ ...req, body: body() }) } : {}),
      },
    ],
  });
  const ok = result['2xx'];
  if (result.non2xx || result.errors || result.timeouts) console.warn(`  ! ${path}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`);
  return { rps: ok / result.duration, p99: result.latency.p99, total: ok };
}

// wrk builds its bodies in Lua: the same record, a fresh UUID and the moment of sending for each one.
const luaString = (text) => `[==[${text}]==]`;
function wrkScript(records) {
  return `
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
math.randomseed(os.time() * 1000 + math.floor(os.clock() * 1000000))
local parts = { ${TEMPLATE.map(luaString).join(', ')} }
local hex = "0123456789abcdef"
local function h(n)
  local s = {}
  for i = 1, n do local r = math.random(1, 16); s[i] = hex:sub(r, r) end
  return table.concat(s)
end
local n = 0
local function one()
  n = n + 1
  local at = os.date("!%Y-%m-%dT%H:%M:%S", os.time()) .. string.format(".%03dZ", n % 1000)
  return parts[1] .. h(8) .. "-" .. h(4) .. "-4" .. h(3) .. "-a" .. h(3) .. "-" .. h(12) .. parts[2] .. at .. parts[3]
end
request = function()
  ${records === 1 ? 'local body = one()' : `local list = {}
  for i = 1, ${records} do list[i] = one() end
  local body = "[" .. table.concat(list, ",") .. "]"`}
  return wrk.format(nil, nil, nil, body)
end
`;
}

const MS = { us: 0.001, ms: 1, s: 1000, m: 60000 };
/** One scenario with wrk; records (1 or a batch size) says what each request carries, 0 for a GET. */
async function wrkLoad(url, { path = '/', records = 0, connections }) {
  const args = ['-t1', `-c${connections}`, `-d${SECONDS}s`, '--latency'];
  if (records) {
    const script = join(dir, `wrk-${records}.lua`);
    writeFileSync(script, wrkScript(records));
    args.push('-s', script);
  }
  const out = await new Promise((resolve, reject) => {
    const proc = spawn('wrk', [...args, url + path], { stdio: ['ignore', 'pipe', 'inherit'] });
    let text = '';
    proc.stdout.on('data', (d) => (text += d));
    proc.on('error', reject);
    proc.on('exit', (code) => (code === 0 ? resolve(text) : reject(new Error(`wrk exited ${code}: ${text}`))));
  });
  const total = /(\d+) requests in ([\d.]+)(us|ms|s|m)/.exec(out);
  const p99 = /99%\s+([\d.]+)(us|ms|s|m)/.exec(out);
  if (!total || !p99) throw new Error(`unexpected wrk output: ${out}`);
  const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0);
  const errors = /Socket errors: (.*)/.exec(out)?.[1];
  if (non2xx || errors) console.warn(`  ! ${path}: ${non2xx} non-2xx${errors ? `, socket errors: ${errors}` : ''}`);
  const ok = Number(total[1]) - non2xx;
  const seconds = (Number(total[2]) * MS[total[3]]) / 1000;
  return { rps: ok / seconds, p99: Number(p99[1]) * MS[p99[2]], total: ok };
}

/** The same scenario with either load generator: records is what each POST carries (0 for the GET). */
function load(gen, url, { path = '/', records = 0, connections }) {
  if (gen === 'wrk') return wrkLoad(url, { path, records, connections });
  const body = records === 0 ? undefined : records === 1 ? one : () => batch(records);
  return autocannonLoad(url, { path, method: records ? 'POST' : 'GET', body, connections });
}

/** Fills a new SQLite file with `rows` responses answered over one quarter (FY 2025 Q1), a quarter of them negative. */
async function fillSqlite(file, rows) {
  const store = new SqliteStore(file);
  const start0 = Date.UTC(2024, 9, 1);
  const quarterMs = 90 * 86400_000;
  for (let done = 0; done < rows; ) {
    const chunk = [];
    for (let i = 0; i < 20_000 && done < rows; i++, done++) {
      const id = randomUUID();
      const answeredAt = start0 + Math.floor((done / rows) * quarterMs);
      const q1 = done % 4 === 0 ? 0 : 1;
      const record = TEMPLATE[0] + id + TEMPLATE[1] + new Date(answeredAt).toISOString() + TEMPLATE[2];
      chunk.push({
        id,
        service: 'bench',
        answeredAt,
        receivedAt: answeredAt + 1000,
        channel: 'web',
        surveyType: 'post-interaction',
        contentHash: id,
        tokenId: null,
        record: q1 ? record : record.replace('"q1":1,"branch":"positive"', '"q1":0,"branch":"negative"'),
        redactions: null,
        // Quarters and exports select rows by the instant they count at (#14): here, when answered.
        countedAt: answeredAt,
        clockSuspect: false,
      });
    }
    await store.insert(chunk);
  }
  await store.close();
}

/** Per load generator: scenario → one { rps, p99 } per round; perRequest is how many responses one request carries. */
const results = new Map(LOADGENS.map((g) => [g, new Map()]));
const record = (gen, name, perRequest, r) => {
  const byName = results.get(gen);
  if (!byName.has(name)) byName.set(name, { perRequest, runs: [] });
  byName.get(name).runs.push(r);
};
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

// The admin token goes through the environment (CX_ADMIN_TOKEN), as the operations guide tells operators.
function serveArgs(extra) {
  return [cli, 'serve', '--port', '0', '--host', '127.0.0.1', '--services', servicesFile, '--rate-per-second', '0', '--log-level', 'warn', ...extra];
}

/** p99 of single records sent at a fixed rate (autocannon's overallRate), the latency a steady load sees. */
async function fixedRate(url) {
  const result = await autocannon({
    url: `${url}/v1/responses`,
    connections: 50,
    overallRate: RATE,
    duration: SECONDS,
    requests: [{ method: 'POST', headers: { 'content-type': 'application/json' }, setupRequest: (req) => ({ ...req, body: one() }) }],
  });
  if (result.non2xx || result.errors || result.timeouts) console.warn(`  ! fixed rate: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`);
  return { rps: result['2xx'] / result.duration, p99: result.latency.p99, total: result['2xx'] };
}
const fixedRateRuns = new Map();
const fixedRateOf = (name, run) => (fixedRateRuns.get(name) ?? fixedRateRuns.set(name, []).get(name)).push(run);

/** Peak resident memory of a process so far (Linux), in MiB. */
function peakRss(pid) {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

const HELLO_NAME = 'fastify hello-world (GET)';
/** [aim, met, measured] rows printed at the end, issue #15's aims for this 2-core machine. */
const aims = [];
const NO_DATABASE_NAME = '(context) collector, no database: single record';
try {
  console.log(`cx-collector bench: ${SECONDS} s per scenario, ${ROUNDS} round(s), load generators: ${LOADGENS.join(', ')}, Node ${process.version}, loopback only`);
  const loadBefore = loadavg()[0];
  console.log(`load average at the start: ${loadBefore.toFixed(2)}${loadBefore > 1 ? ' — the machine is busy: ratios will say more about the other work than about the collector' : ''}\n`);
  const base = join(dir, 'base.sqlite');
  const fillStart = Date.now();
  await fillSqlite(base, SQLITE_ROWS);
  console.log(`SQLite runs start on a copy of a ${SQLITE_ROWS.toLocaleString('en-US')}-row file (filled in ${((Date.now() - fillStart) / 1000).toFixed(1)} s)\n`);
  const runFile = join(dir, 'run.sqlite');
  const freshCopy = () => {
    for (const suffix of ['', '-wal', '-shm']) rmSync(runFile + suffix, { force: true });
    copyFileSync(base, runFile);
    return ['--db', runFile];
  };
  const backends = [{ name: 'SQLite (WAL, synchronous=FULL)', args: freshCopy, env: {} }];
  if (!process.env.BENCH_SKIP_PG) backends.push({ name: 'PostgreSQL', args: () => ['--pg-schema', schema], env: { DATABASE_URL: PG_URL } });
  for (let round = 1; round <= ROUNDS; round++) {
    for (const gen of LOADGENS) {
      const hello = await start(['--input-type=module', '-e', HELLO]);
      record(gen, HELLO_NAME, 1, await load(gen, hello.url, { connections: 50 }));
      record(gen, '(context) fastify POST echo, same body', 1, await load(gen, hello.url, { path: '/echo', records: 1, connections: 50 }));
      await stop(hello);
      const bare = await start(['--input-type=module', '-e', NO_DATABASE]);
      record(gen, NO_DATABASE_NAME, 1, await load(gen, bare.url, { path: '/v1/responses', records: 1, connections: 50 }));
      // The ceiling for the fixed-rate p99: everything but the database, at the same rate.
      if (gen === LOADGENS[0]) fixedRateOf('(context) collector, no database', await fixedRate(bare.url));
      await stop(bare);
      for (const b of backends) {
        const server = await start(serveArgs(b.args()), b.env);
        record(gen, `${b.name}: single record`, 1, await load(gen, server.url, { path: '/v1/responses', records: 1, connections: 50 }));
        record(gen, `${b.name}: batch of 100`, 100, await load(gen, server.url, { path: '/v1/responses', records: 100, connections: 8 }));
        // wrk cannot hold a fixed rate; one generator per round is enough for a latency figure.
        if (gen === LOADGENS[0]) fixedRateOf(b.name, await fixedRate(server.url));
        await stop(server);
      }
    }
    console.log(`round ${round}/${ROUNDS} done`);
  }
  for (const [gen, byName] of results) {
    const helloRps = median(byName.get(HELLO_NAME).runs.map((r) => r.rps));
    const pct = (x) => `${((x / helloRps) * 100).toFixed(1)}%`;
    const table = [...byName].map(([scenario, { perRequest, runs }]) => {
      const rps = runs.map((r) => r.rps);
      const responses = median(rps) * perRequest;
      return {
        scenario,
        'req/s': Math.round(median(rps)),
        'req/s range': `${Math.round(Math.min(...rps))}–${Math.round(Math.max(...rps))}`,
        'responses/s': Math.round(responses),
        'p99 ms': median(runs.map((r) => r.p99)),
        // Medians of requests and of responses per second, each against hello-world's median requests per second.
        'req/s vs hello': pct(median(rps)),
        'responses/s vs hello': pct(responses),
      };
    });
    console.log(`\nload generator: ${gen}`);
    console.table(table);
    const find = (suffix, prefix) => table.find((r) => r.scenario.startsWith(prefix) && r.scenario.endsWith(suffix));
    const noDb = find('single record', '(context) collector, no database');
    const single = find('single record', 'SQLite');
    const ratio = single['req/s'] / noDb['req/s'];
    const batches = [find('batch of 100', 'SQLite'), find('batch of 100', 'PostgreSQL')].filter(Boolean);
    aims.push(
      [`${gen}: SQLite single records ≥ 70 % of the no-database row`, ratio >= 0.7, `${(ratio * 100).toFixed(1)} % (${single['req/s']} vs ${noDb['req/s']} req/s)`],
      [`${gen}: batches ≥ 10,000 responses/s`, batches.every((b) => b['responses/s'] >= 10_000), batches.map((b) => `${b.scenario.split(':')[0]} ${b['responses/s']}`).join(', ')],
    );
  }
  for (const [name, runs] of fixedRateRuns) {
    const p99 = median(runs.map((r) => r.p99));
    console.log(`${name}, single records at a fixed ${RATE}/s: ${Math.round(median(runs.map((r) => r.rps)))} req/s, p99 ${p99} ms (runs: ${runs.map((r) => r.p99).join(', ')} ms)`);
    if (!name.startsWith('(context)')) aims.push([`p99 < 50 ms at ${RATE.toLocaleString('en-US')} requests/s, ${name}`, p99 < 50, `${p99} ms`]);
  }
  if (!hasWrk) console.log('(wrk is not installed, so only autocannon was used; Debian: apt-get install wrk)');
  console.log('');

  // The export: fill a SQLite file with EXPORT_ROWS rows, then stream them as CSV through the API.
  if (EXPORT_ROWS > 0) {
    const file = join(dir, 'export.sqlite');
    const fillStart = Date.now();
    await fillSqlite(file, EXPORT_ROWS);
    console.log(`export: filled ${EXPORT_ROWS.toLocaleString('en-US')} rows in ${((Date.now() - fillStart) / 1000).toFixed(1)} s`);
    const server = await start(serveArgs(['--db', file]));
    const before = peakRss(server.proc.pid);
    const t0 = Date.now();
    const res = await fetch(`${server.url}/v1/export.csv?service=bench`, { headers: { authorization: `Bearer ${ADMIN}` } });
    let bytes = 0;
    let lines = 0;
    for await (const chunk of res.body) {
      bytes += chunk.length;
      for (let i = 0; i < chunk.length; i++) if (chunk[i] === 10) lines++;
    }
    const seconds = (Date.now() - t0) / 1000;
    const peak = peakRss(server.proc.pid);
    await stop(server);
    console.log(
      `export: ${(lines - 1).toLocaleString('en-US')} CSV rows, ${(bytes / 1048576).toFixed(0)} MiB in ${seconds.toFixed(1)} s ` +
        `(${Math.round((lines - 1) / seconds).toLocaleString('en-US')} rows/s); collector peak RSS ${peak.toFixed(0)} MiB (${before.toFixed(0)} MiB before the export)`,
    );
    if (lines - 1 !== EXPORT_ROWS) throw new Error(`export returned ${lines - 1} rows, expected ${EXPORT_ROWS}`);
  }
  console.log(`\naims (issue #15, this 2-core machine; load average ${loadBefore.toFixed(2)} at the start, ${loadavg()[0].toFixed(2)} at the end):`);
  for (const [aim, met, measured] of aims) console.log(`  ${met ? 'met    ' : 'NOT met'}  ${aim}: ${measured}`);
} finally {
  if (!process.env.BENCH_SKIP_PG) await PostgresStore.dropSchema(PG_URL, schema).catch(() => {});
  rmSync(dir, { recursive: true, force: true });
}
