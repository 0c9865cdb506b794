import { TOUCHPOINTS_A11_V2_COLUMNS } from '../src/reports/touchpoints.js';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { decodeWindowToken } from '@cx-survey/protocol';
import { createWindowTokenVerifier } from '@cx-survey/protocol/token';
import { allOptionNames } from '../src/cli/options.js';
import { SqliteStore } from '../src/store/index.js';
import { MIGRATIONS } from '../src/store/migrations.js';
import { fiveFixture, thumbsFixture } from './fixtures.js';
import { ADMIN, collector, HISTORY_GRACE_SECONDS, PRA, record, SECRET, SERVICES_JSON } from './helpers.js';
import { runCli, startCollector } from './process.js';

function rawGet(base: string, path: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    request({ hostname, port, path, method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    })
      .on('error', reject)
      .end();
  });
}

const dir = mkdtempSync(join(tmpdir(), 'cx-cli-'));
const services = join(dir, 'services.json');
const db = join(dir, 'cli.sqlite');
writeFileSync(services, SERVICES_JSON);
after(() => rmSync(dir, { recursive: true, force: true }));

describe('cx-collector CLI', () => {
  before(async () => {
    const store = new SqliteStore(db);
    const app = await collector(store, { graceSeconds: HISTORY_GRACE_SECONDS });
    const res = await app.inject({ method: 'POST', url: '/v1/responses', headers: { 'content-type': 'application/json' }, payload: JSON.stringify([...thumbsFixture(), ...fiveFixture()]) });
    assert.equal(res.json().stored, 18);
    await app.close();
  });

  test('--help documents every command and option', async () => {
    const { code, stdout } = await runCli(['--help']);
    assert.equal(code, 0);
    for (const command of ['serve', 'report', 'close', 'export', 'package', 'token', 'keygen', 'migrate', 'purge'])
      assert.match(stdout, new RegExp(`^  ${command} `, 'm'), command);
    // The parser is generated from this table, so these are exactly the options it accepts.
    const options = allOptionNames();
    assert.ok(options.length > 25);
    for (const option of options) assert.ok(stdout.includes(`--${option}`), `--${option} is not documented`);
  });

  test('the installed command is executable by itself, without a rebuild setting modes', async () => {
    const bin = fileURLToPath(new URL('../bin/cx-collector.js', import.meta.url));
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    assert.equal(pkg.bin['cx-collector'], 'bin/cx-collector.js');
    const out = execFileSync(bin, ['--version'], { encoding: 'utf8' });
    assert.equal(out.trim(), pkg.version);
  });

  test('bad usage exits 2 with a message', async () => {
    assert.equal((await runCli(['frobnicate'])).code, 2);
    assert.equal((await runCli(['serve', '--bogus'])).code, 2);
    const r = await runCli(['report', '--fy', '2025', '--services', services, '--db', db]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--fy and --quarter go together/);
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ services: [{ id: 'x', agency: 'A', origins: ['https://a.gov/'] }] }));
    const bad = await runCli(['serve', '--services', join(dir, 'bad.json'), '--db', db]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /no path, slash or wildcard/);
    const noKey = await runCli(['serve', '--services', services, '--db', db, '--port', '0']);
    assert.equal(noKey.code, 2);
    assert.match(noKey.stderr, /t-token.*requires window tokens/);
  });

  test('token mints an HS256 token the collector accepts; keygen + --private-key an ES256 one', async () => {
    const hs = await runCli(['token', '--service', 't-token', '--secret', SECRET, '--window-hours', '24']);
    assert.equal(hs.code, 0, hs.stderr);
    const token = hs.stdout.trim();
    const decoded = decodeWindowToken(token)!;
    assert.equal(decoded.service, 't-token');
    assert.equal(decoded.expiresAt.getTime() - decoded.transactionAt.getTime(), 24 * 3600_000);
    const v = await createWindowTokenVerifier({ keys: [{ alg: 'HS256', secret: SECRET }] });
    assert.equal((await v.verify(token, { service: 't-token', answeredAt: new Date() })).service, 't-token');
    assert.equal((await runCli(['token', '--service', 't-token', '--secret', SECRET, '--window-hours', '49'])).code, 2);

    const prefix = join(dir, 'agency');
    assert.equal((await runCli(['keygen', '--out', prefix])).code, 0);
    const es = await runCli(['token', '--service', 't-token', '--private-key', `${prefix}.private.pem`, '--kid', '2025-01']);
    assert.equal(es.code, 0, es.stderr);
    const ev = await createWindowTokenVerifier({ keys: [{ alg: 'ES256', publicKey: readFileSync(`${prefix}.public.pem`, 'utf8'), kid: '2025-01' }] });
    assert.equal((await ev.verify(es.stdout.trim(), { service: 't-token', answeredAt: new Date() })).service, 't-token');
    assert.equal(JSON.parse(readFileSync(`${prefix}.public.jwk.json`, 'utf8')).crv, 'P-256');
  });

  test('report and export print what the API serves', async () => {
    const cli = await runCli(['report', '--fy', '2025', '--quarter', '2', '--service', 't-thumbs', '--services', services, '--db', db]);
    assert.equal(cli.code, 0, cli.stderr);
    const report = JSON.parse(cli.stdout).reports[0];
    assert.equal(report.responses, 7);
    assert.deepEqual(report.trust, { answered: 6, up: 4, down: 2, percent: 66.7 });
    const all = JSON.parse((await runCli(['report', '--fy', '2025', '--quarter', '2', '--services', services, '--db', db])).stdout).reports;
    assert.deepEqual(all.map((r: { service: { id: string } }) => r.service.id), ['t-thumbs', 't-five', 't-token', 't-narrow']);

    const out = join(dir, 'q2.csv');
    const csv = await runCli(['export', '--service', 't-thumbs', '--fy', '2025', '--quarter', '2', '--services', services, '--db', db, '--out', out]);
    assert.equal(csv.code, 0, csv.stderr);
    const server = await startCollector(['--services', services, '--db', db, '--admin-token', ADMIN, '--token-secret', SECRET]);
    try {
      const api = await fetch(`${server.url}/v1/export.csv?service=t-thumbs&fy=2025&quarter=2`, { headers: { authorization: `Bearer ${ADMIN}` } });
      assert.equal(readFileSync(out, 'utf8'), await api.text());
    } finally {
      server.proc.kill('SIGTERM');
      await server.exited;
    }
    const json = await runCli(['export', '--format', 'json', '--services', services, '--db', db]);
    assert.equal(JSON.parse(json.stdout).length, 18);
    const migrate = await runCli(['migrate', '--db', db]);
    assert.deepEqual(JSON.parse(migrate.stdout), { store: 'sqlite', migrations: MIGRATIONS.map((m) => m.version) });

    const touchpoints = await runCli(['export', '--format', 'touchpoints-a11-v2', '--service', 't-thumbs', '--fy', '2025', '--quarter', '2', '--services', services, '--db', db]);
    assert.equal(touchpoints.code, 0, touchpoints.stderr);
    assert.equal(touchpoints.stdout.split('\n')[0], TOUCHPOINTS_A11_V2_COLUMNS.join(','));
    assert.equal(touchpoints.stdout.trim().split('\n').length, 8);
    assert.equal((await runCli(['export', '--format', 'xlsx', '--services', services, '--db', db])).code, 2);
    const pkg = join(dir, 'package');
    const packaged = await runCli(['package', '--fy', '2025', '--quarter', '2', '--services', services, '--db', db, '--out', pkg]);
    assert.equal(packaged.code, 0, packaged.stderr);
    assert.match(packaged.stdout, /^t-thumbs: 7 responses, due 2025-04-30 → .*\(left blank: /m);
    // The services file's PRA clearance (part A) is the package's OMB control number: never left blank when stated.
    assert.doesNotMatch(packaged.stdout, /OMB_control_number/);
    assert.equal(readFileSync(join(pkg, 't-thumbs', 'touchpoints-a11-header.csv'), 'utf8').split('\n')[1].split(',')[14], PRA.controlNumber);
    assert.equal(JSON.parse(readFileSync(join(pkg, 't-thumbs', 'summary.json'), 'utf8')).submission.ombControlNumber, PRA.controlNumber);
    for (const f of ['touchpoints-a11-v2.csv', 'touchpoints-a11-header.csv', 'touchpoints-a11-submissions.csv', 'summary.json', 'summary.md'])
      assert.ok(readFileSync(join(pkg, 't-thumbs', f), 'utf8').length > 0, f);
    assert.deepEqual(JSON.parse(readFileSync(join(pkg, 'summary.json'), 'utf8')).services.map((x: { service: { id: string } }) => x.service.id), ['t-thumbs', 't-five', 't-token', 't-narrow']);
    assert.equal((await runCli(['package', '--fy', '2025', '--services', services, '--db', db])).code, 2);
  });

  test('close freezes a quarter; report shows it closed and --received-before reproduces a past run', async () => {
    const args = ['--services', services, '--db', db];
    const closed = await runCli(['close', '--fy', '2025', '--quarter', '2', '--service', 't-thumbs', ...args]);
    assert.equal(closed.code, 0, closed.stderr);
    const close = JSON.parse(closed.stdout).closes[0];
    assert.deepEqual([close.service, close.closedNow, close.closed.records], ['t-thumbs', true, 7]);
    assert.match(closed.stderr, /closed t-thumbs FY 2025 Q2: 7 records, checksum [0-9a-f]{64}/);
    const again = await runCli(['close', '--fy', '2025', '--quarter', '2', '--service', 't-thumbs', ...args]);
    assert.match(again.stderr, /already closed .* that close stands/);
    const report = JSON.parse((await runCli(['report', '--fy', '2025', '--quarter', '2', '--service', 't-thumbs', ...args])).stdout).reports[0];
    assert.deepEqual(report.closed, close.closed);
    assert.equal(report.lateArrivals.responses, 0);
    // Before any record arrived, nothing; the frozen figures' checksum is the live one's.
    const empty = JSON.parse((await runCli(['report', '--fy', '2025', '--quarter', '2', '--service', 't-thumbs', '--received-before', '2020-01-01', ...args])).stdout).reports[0];
    assert.deepEqual([empty.responses, empty.receivedBefore], [0, '2020-01-01T00:00:00.000Z']);
    assert.equal(report.checksum, close.closed.checksum);
    const bad = await runCli(['report', '--fy', '2025', '--quarter', '2', '--received-before', 'soon', ...args]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--received-before must be a date/);
    const running = await runCli(['close', '--fy', '2200', '--quarter', '1', ...args]);
    assert.equal(running.code, 2);
    assert.match(running.stderr, /a quarter can be closed only after it ends/);

    // A kiosk's late upload, answered in the closed quarter: the package says how many and where, apart.
    const store = new SqliteStore(db);
    const app = await collector(store, { graceSeconds: HISTORY_GRACE_SECONDS });
    const late = { ...thumbsFixture()[0], id: '0b5a4c1e-1d2e-4f30-8a41-00000000c1a7' };
    assert.equal((await app.inject({ method: 'POST', url: '/v1/responses', payload: [late] })).json().stored, 1);
    await app.close();
    const packaged = await runCli(['package', '--fy', '2025', '--quarter', '2', '--service', 't-thumbs', '--out', join(dir, 'closed-package'), ...args]);
    assert.equal(packaged.code, 0, packaged.stderr);
    assert.match(packaged.stdout, /^t-thumbs: 7 responses, due 2025-04-30 → .*; 1 arrived after closing \(touchpoints-a11-v2-late-arrivals\.csv, not submitted\)/m);
  });

  test('serve: one "listening" line, static files on the same origin, healthz, dev tokens', async () => {
    const site = join(dir, 'site');
    mkdirSync(join(site, 'demo'), { recursive: true });
    writeFileSync(join(site, 'index.html'), '<!doctype html><title>examples</title>');
    writeFileSync(join(site, 'demo', 'app.js'), 'export const x = 1;');
    writeFileSync(join(dir, 'secret.txt'), 'not for the web');
    const server = await startCollector(['--services', services, '--db', join(dir, 'serve.sqlite'), '--static', site, '--token-secret', SECRET, '--dev-tokens']);
    try {
      assert.equal(server.output().match(/"listening":"/g)!.length, 1);
      assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      const index = await fetch(`${server.url}/`);
      assert.equal(index.status, 200);
      assert.match(index.headers.get('content-type')!, /text\/html/);
      assert.match(await index.text(), /examples/);
      const js = await fetch(`${server.url}/demo/app.js`);
      assert.match(js.headers.get('content-type')!, /javascript/);
      // Raw paths: fetch would normalise the dots away before sending.
      for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/demo/..%2f..%2fsecret.txt', '/demo/../../secret.txt', '/nope.html']) {
        const res = await rawGet(server.url, path);
        assert.equal(res.status, 404, path);
        assert.ok(!res.body.includes('not for the web'), path);
      }
      assert.equal((await (await fetch(`${server.url}/healthz`)).json()).status, 'ok');
      // Same origin as the page: the examples need no CORS listing.
      const { token } = await (await fetch(`${server.url}/dev/window-token?service=t-token`)).json();
      const res = await fetch(`${server.url}/v1/responses`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: server.url },
        body: JSON.stringify(record({ service: 't-token', token })),
      });
      assert.equal(res.status, 201, await res.text());
      assert.equal(res.headers.get('set-cookie'), null);
    } finally {
      server.proc.kill('SIGINT');
      assert.equal((await server.exited).code, 0);
    }
    assert.ok(existsSync(join(dir, 'serve.sqlite')));
  });
});
