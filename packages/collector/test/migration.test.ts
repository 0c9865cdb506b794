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
