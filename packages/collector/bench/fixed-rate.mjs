// p99 latency at a fixed 1,000 requests/s of single records (the third aim), on SQLite:
//   node bench/fixed-rate.mjs            (after npm run build; BENCH_SECONDS, BENCH_RATE adjust)
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const RATE = Number(process.env.BENCH_RATE ?? 1000);
const dir = mkdtempSync(join(tmpdir(), 'cx-fixed-'));
const services = join(dir, 'services.json');
writeFileSync(services, JSON.stringify({ services: [{ id: 'bench', agency: 'Bench', scale: 'thumbs' }] }));
const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const proc = spawn(process.execPath, [cli, 'serve', '--port', '0', '--host', '127.0.0.1', '--services', services, '--db', join(dir, 'b.sqlite'), '--rate-per-second', '0', '--log-level', 'warn'], { stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise((resolve) => proc.stdout.on('data', (d) => { const m = /"listening":"([^"]+)"/.exec(String(d)); if (m) resolve(m[1]); }));
const body = () => JSON.stringify({ id: randomUUID(), schemaVersion: 1, service: 'bench', surveyType: 'post-interaction', channel: 'web', scale: 'thumbs', q1: 1, branch: 'positive', q2: ['ease'], offered: ['effectiveness', 'ease', 'efficiency', 'transparency', 'humanity', 'employee', 'other', 'none'], q3: 'fine', answers: {}, locale: 'en-US', answeredAt: new Date().toISOString(), pagePath: '/done' });
const result = await autocannon({ url: `${url}/v1/responses`, method: 'POST', connections: 50, overallRate: RATE, duration: SECONDS, headers: { 'content-type': 'application/json' }, requests: [{ setupRequest: (req) => ({ ...req, body: body() }) }] });
console.log(`SQLite FULL, single records at ${RATE}/s for ${SECONDS} s: ${Math.round(result.requests.average)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, non-2xx ${result.non2xx}, errors ${result.errors}`);
proc.kill('SIGTERM');
await new Promise((r) => proc.on('exit', r));
rmSync(dir, { recursive: true, force: true });
