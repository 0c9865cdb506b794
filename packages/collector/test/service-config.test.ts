import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import Database from 'better-sqlite3';
import pg from 'pg';
import { buildRecord, EMPTY_ANSWERS, narrowToService, resolveConfig, type PublicServiceConfig } from '@cx-survey/protocol';
import { parseServices } from '../src/domain/services.js';
import { CSV_COLUMNS } from '../src/reports/export.js';
import { MIGRATIONS } from '../src/store/migrations.js';
import { PostgresStore, SqliteStore, type Store } from '../src/store/index.js';
import { admin, backends, collector, HISTORY_GRACE_SECONDS, ORIGIN, PG_URL } from './helpers.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SERVICES = parseServices(
  JSON.stringify({
    services: [
      {
        id: 'passport-renewal',
        name: 'Passport renewal',
        agency: 'Department of State',
        drivers: ['effectiveness', { key: 'ease', statement: 1 }, 'efficiency', 'transparency', { key: 'employee', positive: 'Staff helped me.', negative: 'Staff did not help me.' }],
        origins: [ORIGIN],
        requireToken: false,
        volumeOfCustomers: { 'FY2025-Q2': 500 },
        omb: { department: 'Department of State', contact: { name: 'Pat', email: 'pat@example.gov' } },
        pra: { controlNumber: '1505-0191', expiration: '2099-12-31' },
        notApplicable: { humanity: 'a renewal by mail: no decision about the person' },
      },
      { id: 'open-service', agency: 'Example Agency', praExempt: 'federal employees only' },
    ],
  }),
);

const uuid = () => randomUUID();
const offer = (o: object = {}) => ({ id: uuid(), service: 'passport-renewal', channel: 'web', day: new Date().toISOString().slice(0, 10), count: 1, ...o });

for (const backend of backends()) {
  describe(`one source of config, offers and volumes: ${backend.name}`, () => {
    let store: Store;
    let app: FastifyInstance;
    before(async () => {
      store = await backend.open();
      app = await collector(store, { services: SERVICES, graceSeconds: HISTORY_GRACE_SECONDS });
    });
    after(async () => {
      await app.close();
      await backend.cleanup();
    });

    test('GET /v1/services/:id publishes the survey, nothing secret, cacheable, CORS for its own origins only', async () => {
      const res = await app.inject({ url: '/v1/services/passport-renewal', headers: { origin: ORIGIN } });
      assert.equal(res.statusCode, 200);
      const body = res.json() as PublicServiceConfig;
      assert.equal(body.service, 'passport-renewal');
      assert.equal(body.agency, 'Department of State');
      assert.deepEqual(body.drivers.map((d) => d.key), ['effectiveness', 'ease', 'efficiency', 'transparency', 'employee']);
      assert.equal(body.allowsEveryDriver, false);
      assert.match(body.version, /^[0-9a-f]{16}$/);
      for (const secret of ['origins', 'volumeOfCustomers', 'omb', 'submission']) assert.ok(!(secret in body), secret);
      assert.match(String(res.headers['cache-control']), /^public, max-age=\d+/);
      assert.equal(res.headers['access-control-allow-origin'], ORIGIN);
      const etag = String(res.headers.etag);
      assert.equal((await app.inject({ url: '/v1/services/passport-renewal', headers: { 'if-none-match': etag } })).statusCode, 304);
      const foreign = await app.inject({ url: '/v1/services/passport-renewal', headers: { origin: 'https://evil.example' } });
      assert.equal(foreign.statusCode, 403);
      // The refusal is readable (the element says why it shows nothing); it carries no config.
      assert.equal(foreign.json().error.code, 'origin_not_allowed');
      assert.equal(foreign.json().service, undefined);
      const unknown = await app.inject({ url: '/v1/services/nope' });
      assert.equal(unknown.statusCode, 404);
      assert.equal(unknown.json().error.code, 'unknown_service');
      assert.equal((await app.inject({ url: '/v1/services/open-service' })).json().allowsEveryDriver, true);
    });

    test('a record rendered from the published config is stored; one worded otherwise is refused', async () => {
      const published = (await app.inject({ url: '/v1/services/passport-renewal' })).json() as PublicServiceConfig;
      const resolved = resolveConfig(narrowToService({ channel: 'web' }, published).input);
      assert.ok(resolved.ok);
      const good = buildRecord(resolved.config, { ...EMPTY_ANSWERS, q1: 1, q2: ['ease'] }, { locale: 'en-US', pagePath: '/done' })!;
      assert.equal(good.instrument!.version, published.version);
      const ok = await app.inject({ method: 'POST', url: '/v1/responses', payload: good });
      assert.equal(ok.statusCode, 201, ok.body);
      const other = structuredClone(good);
      other.id = uuid();
      other.instrument!.drivers[1] = { key: 'ease', statement: 0 };
      const refused = await app.inject({ method: 'POST', url: '/v1/responses', payload: other });
      assert.equal(refused.statusCode, 422);
      assert.equal(refused.json().error.code, 'instrument_mismatch');
      // Raw exports carry what was asked.
      const csv = (await app.inject({ url: '/v1/export.csv?service=passport-renewal', headers: admin })).body.trim().split('\r\n');
      const row = Object.fromEntries(csv[1].split(',').map((v, i) => [CSV_COLUMNS[i], v]));
      assert.equal(row.instrument_version, published.version);
      assert.equal(row.q1_wording, 'seed');
      assert.deepEqual([row.statement_effectiveness, row.statement_ease, row.statement_employee, row.statement_humanity], ['0', '1', 'custom', '']);
    });

    test('POST /v1/offers adds anonymous counts; a repeat adds nothing; bad counts get a 4xx naming the field', async () => {
      const first = offer({ count: 3 });
      const res = await app.inject({ method: 'POST', url: '/v1/offers', headers: { origin: ORIGIN }, payload: [first, offer({ channel: 'kiosk' })] });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.headers['access-control-allow-origin'], ORIGIN);
      assert.deepEqual([res.json().stored, res.json().duplicate], [2, 0]);
      const again = await app.inject({ method: 'POST', url: '/v1/offers', payload: first });
      assert.equal(again.json().results[0].outcome, 'duplicate');
      const cases: Array<[object, number, string, string?]> = [
        [offer({ pagePath: '/x' }), 400, 'invalid_field', 'pagePath'],
        [offer({ day: '2025-02-30' }), 400, 'invalid_field', 'day'],
        [offer({ day: '2099-01-01' }), 422, 'day_in_future', 'day'],
        [offer({ day: '2001-01-01' }), 422, 'day_too_old', 'day'],
        [offer({ count: 0 }), 400, 'invalid_field', 'count'],
        [offer({ service: 'nope' }), 422, 'unknown_service', 'service'],
      ];
      for (const [body, status, code, field] of cases) {
        const r = await app.inject({ method: 'POST', url: '/v1/offers', payload: body });
        assert.equal(r.statusCode, status, r.body);
        assert.deepEqual([r.json().results[0].error.code, r.json().results[0].error.field], [code, field]);
      }
      const foreign = await app.inject({ method: 'POST', url: '/v1/offers', headers: { origin: 'https://evil.example' }, payload: offer() });
      assert.equal(foreign.statusCode, 403);
      const broken = await app.inject({ method: 'POST', url: '/v1/offers', headers: { 'content-type': 'text/plain' }, payload: '{"id":' });
      assert.equal(broken.statusCode, 400);
      assert.equal(broken.json().error.code, 'invalid_json');
      const mixed = await app.inject({ method: 'POST', url: '/v1/offers', payload: [offer(), offer({ count: -1 })] });
      assert.equal(mixed.statusCode, 207);
      const today = new Date().toISOString().slice(0, 10);
      const totals = await store.offerTotals({ service: 'passport-renewal', fromDay: today, toDay: today });
      assert.deepEqual(totals.map((t) => [t.channel, t.count]), [['kiosk', 1], ['web', 4]]);
    });

    test('volumes: the services file gives a quarter, the admin API sets or replaces one; the report shows the rates', async () => {
      const put = (body: object) => app.inject({ method: 'PUT', url: '/v1/services/passport-renewal/volumes', headers: admin, payload: body });
      assert.equal((await app.inject({ method: 'PUT', url: '/v1/services/passport-renewal/volumes', payload: { fy: 2025, quarter: 3, volumeOfCustomers: 1 } })).statusCode, 401);
      assert.equal((await put({ fy: 2025, quarter: 5, volumeOfCustomers: 1 })).json().error.field, 'quarter');
      assert.equal((await put({ fy: 2025, quarter: 3, volumeOfCustomers: -4 })).json().error.field, 'volumeOfCustomers');
      const file = await app.inject({ url: '/v1/services/passport-renewal/volumes?fy=2025&quarter=2', headers: admin });
      assert.deepEqual([file.json().volumeOfCustomers, file.json().source], [500, 'services-file']);
      const set = await put({ fy: 2025, quarter: 2, volumeOfCustomers: 800 });
      assert.equal(set.statusCode, 200, set.body);
      assert.deepEqual([set.json().volumeOfCustomers, set.json().source], [800, 'admin-api']);

      // FY 2025 Q2: 4 responses on the web, 1 at a kiosk; 20 web offers and 2 kiosk offers counted on its days.
      const base = { ...EMPTY_ANSWERS, q1: 1 };
      const published = (await app.inject({ url: '/v1/services/passport-renewal' })).json() as PublicServiceConfig;
      const records = ['web', 'web', 'web', 'web', 'kiosk'].map((channel, i) => {
        const c = resolveConfig(narrowToService({ channel }, published).input);
        assert.ok(c.ok);
        return buildRecord(c.config, base, { locale: 'en', pagePath: '/', answeredAt: new Date(Date.UTC(2025, 1, 1 + i)) })!;
      });
      assert.equal((await app.inject({ method: 'POST', url: '/v1/responses', payload: records })).json().stored, 5);
      await store.addOffers([offer({ day: '2025-01-15', count: 20 }), offer({ day: '2025-03-31', channel: 'kiosk', count: 2 }), offer({ day: '2025-04-01', count: 1000 })], Date.now());
      const report = (await app.inject({ url: '/v1/reports?fy=2025&quarter=2&service=passport-renewal', headers: admin })).json().reports[0];
      assert.deepEqual(report.volumes, {
        volumeOfCustomers: 800,
        volumeSource: 'admin-api',
        offered: 22,
        responses: 5,
        responseRate: 22.7,
        offeredShare: 2.8,
        byChannel: { kiosk: { offered: 2, responses: 1, responseRate: 50 }, web: { offered: 20, responses: 4, responseRate: 20 } },
      });
    });
  });
}

describe('existing data migrates', () => {
  test('a SQLite file made by version 1 gains migration 4 and keeps its responses', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cx-migrate-'));
    const file = join(dir, 'old.sqlite');
    const db = new Database(file);
    db.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)');
    db.exec(MIGRATIONS[0].sqlite);
    db.prepare('INSERT INTO schema_migrations VALUES (1, ?, 0)').run(MIGRATIONS[0].name);
    const id = uuid();
    db.prepare('INSERT INTO responses VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, NULL)').run(id, 's', 1, 2, 'web', 'post-interaction', 'h', JSON.stringify({ id }));
    db.close();
    const store = new SqliteStore(file);
    try {
      assert.deepEqual(await store.migrations(), MIGRATIONS.map((m) => m.version));
      assert.equal((await store.get(id))?.id, id);
      await store.addOffers([{ id: uuid(), service: 's', channel: 'web', day: '2025-01-01', count: 1 }], 0);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a PostgreSQL schema made by version 1 gains migration 4 and keeps its responses', async () => {
    const schema = `cx_migrate_${process.pid}_${uuid().slice(0, 8)}`;
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    const id = uuid();
    try {
      await client.query(`CREATE SCHEMA ${schema}; SET search_path = ${schema}`);
      await client.query('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())');
      await client.query(MIGRATIONS[0].postgres);
      await client.query('INSERT INTO schema_migrations (version, name) VALUES (1, $1)', [MIGRATIONS[0].name]);
      await client.query("INSERT INTO responses VALUES ($1, 's', 1, 2, 'web', 'post-interaction', 'h', NULL, $2, NULL)", [id, JSON.stringify({ id })]);
    } finally {
      await client.end();
    }
    const store = await PostgresStore.open({ connectionString: PG_URL, schema });
    try {
      assert.deepEqual(await store.migrations(), MIGRATIONS.map((m) => m.version));
      assert.equal((await store.get(id))?.id, id);
    } finally {
      await store.close();
      await PostgresStore.dropSchema(PG_URL, schema);
    }
  });
});

describe('one services parser for both parts of #14', () => {
  test("part B's settings (volumes, omb) and part A's PRA rule are reported together, and the PRA notice is published", () => {
    const file = (service: object) => () => parseServices(JSON.stringify({ services: [{ id: 's', agency: 'A', ...service }] }));
    assert.throws(file({ volumeOfCustomers: { 'Q5-2025': 3 }, omb: { contact: 'Pat' } }), (e: Error & { problems: string[] }) => {
      assert.equal(e.problems.length, 3, e.message);
      for (const p of [/volumeOfCustomers: "Q5-2025"/, /omb\.contact/, /pra is required/]) assert.ok(e.problems.some((x) => p.test(x)), `${p} in ${e.message}`);
      return true;
    });
    const ok = file({ pra: { controlNumber: '1505-0191', expiration: '2099-12-31' } })().get('s')!;
    assert.deepEqual(ok.survey.pra, { controlNumber: '1505-0191', expiration: '2099-12-31' });
  });
});
