import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import pg from 'pg';
import { contentHash } from '../src/domain/content-hash.js';
import { PostgresStore, SqliteStore, type Store } from '../src/store/index.js';
import { MIGRATIONS } from '../src/store/migrations.js';
import { PG_URL, record } from './helpers.js';

// A database as version 1 left it: a redacted row whose hash was taken of the text as sent, and a token id.
const sent = record({ q3: 'my SSN is 078-05-1120' });
const stored = { ...sent, q3: 'my SSN is [SSN]' };
const oldHash = createHash('sha256').update(JSON.stringify(sent)).digest('hex');
const V1_ROW = [sent.id, sent.service, 1, 1, 'web', 'post-interaction', oldHash, 'jti-1', JSON.stringify(stored), 'ssn'];
const INSERT = 'INSERT INTO responses (id, service, answered_at, received_at, channel, survey_type, content_hash, token_id, record, redactions) VALUES';

const dir = mkdtempSync(join(tmpdir(), 'cx-migrate-'));
const schema = `cx_migrate_${process.pid}_${randomUUID().slice(0, 8)}`;
after(async () => {
  rmSync(dir, { recursive: true, force: true });
  await PostgresStore.dropSchema(PG_URL, schema);
});

async function check(store: Store, read: () => Promise<{ content_hash: string; token_id: string }>) {
  try {
    assert.deepEqual(await store.migrations(), MIGRATIONS.map((m) => m.version));
    const row = await read();
    assert.equal(row.content_hash, contentHash(stored), 'the hash is taken again, of the stored record');
    assert.equal(row.token_id, `${sent.service}:jti-1`, 'token ids are scoped to their service');
    // The same token id is now free for another service, and still taken for this one.
    const other = (service: string) => ({ id: randomUUID(), service, answeredAt: 2, receivedAt: 2, countedAt: 2, clockSuspect: false, channel: 'web', surveyType: 'post-interaction', contentHash: 'h', tokenId: 'jti-1', record: '{}', redactions: null });
    assert.deepEqual(await store.insert([other('t-five')]), ['stored']);
    assert.deepEqual(await store.insert([other(sent.service)]), ['token_reused']);
  } finally {
    await store.close();
  }
}

describe('migration 2 on a version-1 database', () => {
  test('SQLite: old content hashes of redacted rows are replaced, token ids scoped per service', async () => {
    const file = join(dir, 'v1.sqlite');
    const db = new Database(file);
    db.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)');
    db.exec(MIGRATIONS[0].sqlite);
    db.prepare("INSERT INTO schema_migrations VALUES (1, 'responses', 0)").run();
    db.prepare(`${INSERT} (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(...V1_ROW);
    db.close();
    await check(new SqliteStore(file), async () => {
      const r = new Database(file, { readonly: true });
      try {
        return r.prepare('SELECT content_hash, token_id FROM responses WHERE id = ?').get(sent.id) as { content_hash: string; token_id: string };
      } finally {
        r.close();
      }
    });
  });

  test('PostgreSQL: the same', async () => {
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    try {
      await client.query(`CREATE SCHEMA "${schema}"; SET search_path = "${schema}"`);
      await client.query('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())');
      await client.query(MIGRATIONS[0].postgres);
      await client.query("INSERT INTO schema_migrations (version, name) VALUES (1, 'responses')");
      await client.query(`${INSERT} ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`, V1_ROW);
      await check(await PostgresStore.open({ connectionString: PG_URL, schema }), async () => (await client.query(`SELECT content_hash, token_id FROM responses WHERE id = $1`, [sent.id])).rows[0]);
    } finally {
      await client.end();
    }
  });
});

describe('migration 5 on a version-4 database: offers and volumes gain receipt times', () => {
  // Two devices' counts of one day (received at 1,000 and 3,000) and a volume set at 2,000, as version 4 kept them.
  const OFFERS = [
    ['6f1c1b2e-3a4b-4c5d-8e9f-000000000051', 1_000],
    ['6f1c1b2e-3a4b-4c5d-8e9f-000000000052', 3_000],
  ] as const;
  const range = { service: 's5', fromDay: '2025-04-01', toDay: '2025-06-30' };
  async function check(store: Store) {
    try {
      assert.deepEqual(await store.migrations(), MIGRATIONS.map((m) => m.version));
      assert.deepEqual(await store.offerTotals(range), [{ service: 's5', channel: 'web', count: 9 }]);
      // Counts from before the migration count as received when the last of them was.
      assert.deepEqual(await store.offerTotals({ ...range, receivedBefore: 3_001 }), [{ service: 's5', channel: 'web', count: 9 }]);
      assert.deepEqual(await store.offerTotals({ ...range, receivedBefore: 3_000 }), []);
      assert.equal((await store.volume('s5', 2025, 3, { setBefore: 2_001 }))?.volume, 400);
      assert.equal(await store.volume('s5', 2025, 3, { setBefore: 2_000 }), null);
      // A retried count from before the migration is still recognised.
      assert.deepEqual(await store.addOffers([{ id: OFFERS[0][0], service: 's5', channel: 'web', day: '2025-04-10', count: 4 }], 5_000), ['duplicate']);
      assert.deepEqual(await store.addOffers([{ id: randomUUID(), service: 's5', channel: 'web', day: '2025-04-10', count: 1 }], 5_000), ['stored']);
      assert.deepEqual(await store.offerTotals({ ...range, receivedBefore: 5_001 }), [{ service: 's5', channel: 'web', count: 10 }]);
    } finally {
      await store.close();
    }
  }
  const V4_DATA = [
    "INSERT INTO offer_counts (service, channel, day, count) VALUES ('s5', 'web', '2025-04-10', 9)",
    ...OFFERS.map(([id, at]) => `INSERT INTO offer_receipts (id, received_at) VALUES ('${id}', ${at})`),
    "INSERT INTO service_volumes (service, fiscal_year, quarter, volume, updated_at) VALUES ('s5', 2025, 3, 400, 2000)",
  ];

  test('SQLite', async () => {
    const file = join(dir, 'v4.sqlite');
    const db = new Database(file);
    db.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)');
    for (const m of MIGRATIONS.filter((m) => m.version <= 4)) {
      db.exec(m.sqlite);
      db.prepare('INSERT INTO schema_migrations VALUES (?, ?, 0)').run(m.version, m.name);
    }
    for (const sql of V4_DATA) db.exec(sql);
    db.close();
    await check(new SqliteStore(file));
  });

  test('PostgreSQL', async () => {
    const v4 = `${schema}_v4`;
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    try {
      await client.query(`CREATE SCHEMA "${v4}"; SET search_path = "${v4}"`);
      await client.query('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())');
      for (const m of MIGRATIONS.filter((m) => m.version <= 4)) {
        await client.query(m.postgres);
        await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      }
      for (const sql of V4_DATA) await client.query(sql);
      await check(await PostgresStore.open({ connectionString: PG_URL, schema: v4 }));
    } finally {
      await client.end();
      await PostgresStore.dropSchema(PG_URL, v4);
    }
  });
});
