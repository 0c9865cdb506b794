import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import pg from 'pg';
import { MIGRATIONS } from '../src/store/migrations.js';
import { PostgresStore, SqliteStore, type Store, type StoredRow } from '../src/store/index.js';
import { backends, PG_URL } from './helpers.js';

function row(overrides: Partial<StoredRow> = {}): StoredRow {
  const id = overrides.id ?? randomUUID();
  const answeredAt = overrides.answeredAt ?? Date.UTC(2025, 0, 15);
  return {
    id,
    service: 's1',
    answeredAt,
    receivedAt: Date.now(),
    countedAt: answeredAt,
    clockSuspect: false,
    channel: 'web',
    surveyType: 'post-interaction',
    contentHash: 'hash-a',
    tokenId: null,
    record: JSON.stringify({ id }),
    redactions: null,
    ...overrides,
  };
}

// One suite, run against each real backend: they must behave the same.
for (const backend of backends()) {
  describe(`store: ${backend.name}`, () => {
    let store: Store;
    before(async () => {
      store = await backend.open();
    });
    after(async () => {
      await store.close();
      await backend.cleanup();
    });

    test('applies its migrations once, however often it is opened', async () => {
      assert.deepEqual(await store.migrations(), MIGRATIONS.map((m) => m.version));
      const again = await backend.open();
      assert.deepEqual(await again.migrations(), MIGRATIONS.map((m) => m.version));
      await again.close();
    });

    test('stores a row and reads it back', async () => {
      const r = row({ redactions: 'ssn' });
      assert.deepEqual(await store.insert([r]), ['stored']);
      const got = await store.get(r.id);
      assert.deepEqual(got, { id: r.id, service: 's1', answeredAt: r.answeredAt, receivedAt: r.receivedAt, countedAt: r.answeredAt, clockSuspect: false, record: r.record, redactions: 'ssn' });
      assert.equal(await store.get(randomUUID()), null);
    });

    test('tells a retry from a conflicting reuse of an id, and refuses a reused token', async () => {
      const r = row({ tokenId: `jti-${randomUUID()}` });
      assert.deepEqual(await store.insert([r]), ['stored']);
      assert.deepEqual(await store.insert([r]), ['duplicate']);
      assert.deepEqual(await store.insert([{ ...r, contentHash: 'hash-b' }]), ['id_conflict']);
      assert.deepEqual(await store.insert([row({ tokenId: r.tokenId })]), ['token_reused']);
      // Rows without a token do not collide with each other.
      assert.deepEqual(await store.insert([row(), row()]), ['stored', 'stored']);
      assert.equal(await store.count({ service: 's1', from: r.answeredAt, to: r.answeredAt + 1 }), (await store.count({ service: 's1' })));
    });

    test('answers every row of a batch, including an id repeated inside it', async () => {
      const a = row();
      const b = row();
      const outcomes = await store.insert([a, b, a, { ...b, contentHash: 'other' }]);
      assert.deepEqual(outcomes, ['stored', 'stored', 'duplicate', 'id_conflict']);
      assert.ok(await store.get(a.id));
    });

    test('concurrent inserts of one id store exactly one row, across connections', async () => {
      const r = row({ service: 'race' });
      const second = await backend.open();
      try {
        const outcomes = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? second : store).insert([r])));
        assert.equal(outcomes.flat().filter((o) => o === 'stored').length, 1);
        assert.equal(outcomes.flat().filter((o) => o === 'duplicate').length, 39);
        assert.equal(await store.count({ service: 'race' }), 1);
      } finally {
        await second.close();
      }
    });

    test('inserts made at the same moment answer each for itself; one that fails does not fail the rest', async () => {
      // Issued together, these share a group commit; the broken row breaks the shared transaction, and
      // the store must then answer the others on their own, not fail them with it.
      const good = Array.from({ length: 20 }, () => row({ service: 'group' }));
      const broken = row({ service: null as unknown as string });
      const settled = await Promise.allSettled([...good.slice(0, 10).map((r) => store.insert([r])), store.insert([broken]), ...good.slice(10).map((r) => store.insert([r]))]);
      assert.equal(settled[10].status, 'rejected');
      const others = settled.filter((_, i) => i !== 10);
      assert.deepEqual(
        others.map((s) => (s.status === 'fulfilled' ? s.value : 'rejected')),
        good.map(() => ['stored']),
      );
      assert.equal(await store.count({ service: 'group' }), 20);
      assert.equal(await store.get(broken.id), null);
    });

    test("keeps a quarter's first close; later closes do not replace it", async () => {
      const close = { service: 's1', fiscalYear: 2025, quarter: 2, timeZone: 'UTC', closedAt: Date.UTC(2025, 3, 10), recordCount: 7, checksum: 'c1', figures: '{"responses":7}' };
      assert.equal(await store.closeQuarter(close, []), true);
      assert.equal(await store.closeQuarter({ ...close, closedAt: Date.UTC(2025, 3, 11), recordCount: 8, checksum: 'c2', figures: '{}' }, []), false);
      assert.deepEqual(await store.quarterCloses(2025, 2), [close]);
      assert.deepEqual(await store.quarterCloses(2025, 2, 'other'), []);
      assert.deepEqual(await store.quarterCloses(2025, 3), []);
    });

    test('selects by the instant a row counts at and by when it was received', async () => {
      const received = Date.UTC(2025, 4, 1);
      const suspect = row({ service: 'clock', answeredAt: 0, receivedAt: received, countedAt: received, clockSuspect: true });
      const normal = row({ service: 'clock', answeredAt: Date.UTC(2025, 3, 30), receivedAt: received + 1 });
      await store.insert([suspect, normal]);
      const ids = async (f: object) => {
        const out = [];
        for await (const r of store.stream({ service: 'clock', ...f })) out.push(r.id);
        return out;
      };
      // Both count in May's range: the 1970-dated one by its arrival.
      assert.deepEqual(await ids({ from: Date.UTC(2025, 3, 1), to: Date.UTC(2025, 5, 1) }), [normal.id, suspect.id]);
      assert.deepEqual(await ids({ from: 0, to: 1 }), []);
      assert.deepEqual(await ids({ receivedBefore: received + 1 }), [suspect.id]);
      assert.deepEqual(await ids({ receivedAfter: received + 1 }), [normal.id]);
      assert.equal((await store.get(suspect.id))!.clockSuspect, true);
    });

    test('streams pages in (answeredAt, id) order, filtered by service and range', async () => {
      const base = Date.UTC(2024, 9, 1);
      const rows = Array.from({ length: 4500 }, (_, i) => row({ service: 'bulk', answeredAt: base + (i % 97) * 1000 }));
      for (let i = 0; i < rows.length; i += 500) await store.insert(rows.slice(i, i + 500));
      const seen: { answeredAt: number; id: string }[] = [];
      for await (const r of store.stream({ service: 'bulk' })) seen.push({ answeredAt: r.answeredAt, id: r.id });
      assert.equal(seen.length, 4500);
      assert.equal(new Set(seen.map((s) => s.id)).size, 4500);
      const sorted = [...seen].sort((x, y) => x.answeredAt - y.answeredAt || (x.id < y.id ? -1 : 1));
      assert.deepEqual(seen, sorted);
      const from = base + 10_000;
      const to = base + 20_000;
      const expected = rows.filter((r) => r.answeredAt >= from && r.answeredAt < to).length;
      let n = 0;
      for await (const r of store.stream({ service: 'bulk', from, to })) {
        assert.ok(r.answeredAt >= from && r.answeredAt < to);
        n++;
      }
      assert.equal(n, expected);
      assert.equal(await store.count({ service: 'bulk', from, to }), expected);
    });

    test('offer counts are sums per service, channel and day; a repeated count id adds nothing', async () => {
      const id = () => randomUUID();
      const first = id();
      assert.deepEqual(
        await store.addOffers(
          [
            { id: first, service: 'o1', channel: 'web', day: '2025-01-31', count: 3 },
            { id: id(), service: 'o1', channel: 'web', day: '2025-01-31', count: 2 },
            { id: id(), service: 'o1', channel: 'kiosk', day: '2025-03-31', count: 4 },
            { id: id(), service: 'o1', channel: 'web', day: '2025-04-01', count: 100 },
            { id: id(), service: 'o2', channel: 'web', day: '2025-02-01', count: 7 },
            { id: first, service: 'o1', channel: 'web', day: '2025-01-31', count: 3 },
          ],
          Date.now(),
        ),
        ['stored', 'stored', 'stored', 'stored', 'stored', 'duplicate'],
      );
      assert.deepEqual(await store.addOffers([{ id: first, service: 'o1', channel: 'web', day: '2025-01-31', count: 3 }], Date.now()), ['duplicate']);
      assert.deepEqual(await store.offerTotals({ service: 'o1', fromDay: '2025-01-01', toDay: '2025-03-31' }), [
        { service: 'o1', channel: 'kiosk', count: 4 },
        { service: 'o1', channel: 'web', count: 5 },
      ]);
      assert.deepEqual((await store.offerTotals({ fromDay: '2025-01-01', toDay: '2025-03-31' })).map((t) => t.count), [4, 5, 7]);
    });

    test('a quarter volume of customers is set, replaced and read back', async () => {
      assert.equal(await store.volume('v1', 2025, 2), null);
      await store.setVolume({ service: 'v1', fiscalYear: 2025, quarter: 2, volume: 1000, updatedAt: 1 });
      await store.setVolume({ service: 'v1', fiscalYear: 2025, quarter: 2, volume: 1200, updatedAt: 2 });
      assert.deepEqual(await store.volume('v1', 2025, 2), { service: 'v1', fiscalYear: 2025, quarter: 2, volume: 1200, updatedAt: 2 });
      assert.equal(await store.volume('v1', 2025, 3), null);
    });

    test('offers and the volume of customers as they stood at an instant (report --received-before)', async () => {
      const offer = (day: string, count: number) => ({ id: randomUUID(), service: 'o3', channel: 'web', day, count });
      await store.addOffers([offer('2025-04-10', 5), offer('2025-04-11', 1)], 1_000);
      await store.addOffers([offer('2025-04-10', 7)], 2_000);
      const range = { service: 'o3', fromDay: '2025-04-01', toDay: '2025-06-30' };
      assert.deepEqual(await store.offerTotals(range), [{ service: 'o3', channel: 'web', count: 13 }]);
      assert.deepEqual(await store.offerTotals({ ...range, receivedBefore: 2_000 }), [{ service: 'o3', channel: 'web', count: 6 }]);
      assert.deepEqual(await store.offerTotals({ ...range, receivedBefore: 2_001 }), [{ service: 'o3', channel: 'web', count: 13 }]);
      assert.deepEqual(await store.offerTotals({ ...range, receivedBefore: 1_000 }), []);
      await store.setVolume({ service: 'v3', fiscalYear: 2025, quarter: 3, volume: 100, updatedAt: 1_000 });
      await store.setVolume({ service: 'v3', fiscalYear: 2025, quarter: 3, volume: 150, updatedAt: 2_000 });
      assert.equal((await store.volume('v3', 2025, 3))?.volume, 150);
      assert.deepEqual(await store.volume('v3', 2025, 3, { setBefore: 2_000 }), { service: 'v3', fiscalYear: 2025, quarter: 3, volume: 100, updatedAt: 1_000 });
      assert.equal((await store.volume('v3', 2025, 3, { setBefore: 2_001 }))?.volume, 150);
      assert.equal(await store.volume('v3', 2025, 3, { setBefore: 1_000 }), null);
    });
  });
}

/**
 * A database created by the first release (schema version 1, before clock-suspect records and
 * closed quarters) opens under this code: its rows gain countedAt, and a 1970-dated one is flagged
 * and counted when it arrived, not lost.
 */
for (const backend of backends()) {
  test(`a version-1 database migrates: ${backend.name}`, async () => {
    const v1 = MIGRATIONS.find((m) => m.version === 1)!;
    const received = Date.UTC(2025, 4, 2);
    const rows = [
      { id: randomUUID(), answered: Date.UTC(2025, 4, 1) },
      { id: randomUUID(), answered: 0 },
    ];
    const insert = `INSERT INTO responses (id, service, answered_at, received_at, channel, survey_type, content_hash, token_id, record, redactions) VALUES `;
    const values = rows.map((r) => `('${r.id}', 'old', ${r.answered}, ${received}, 'web', 'post-interaction', 'h', NULL, '{}', NULL)`).join(', ');
    if (backend.name === 'sqlite') {
      const store = (await backend.open()) as SqliteStore;
      const file = store.file;
      await store.close();
      rmSync(file, { force: true });
      const db = new Database(file);
      db.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)');
      db.exec(v1.sqlite);
      db.exec(`INSERT INTO schema_migrations VALUES (1, 'responses', 0); ${insert}${values}`);
      db.close();
    } else {
      const { location } = (await backend.open().then(async (s) => (await s.close(), s))) as PostgresStore;
      const schema = (location as { schema: string }).schema;
      await PostgresStore.dropSchema(PG_URL, schema);
      const client = new pg.Client({ connectionString: PG_URL });
      await client.connect();
      await client.query(`CREATE SCHEMA "${schema}"; SET search_path = "${schema}"; CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now());`);
      await client.query(v1.postgres);
      await client.query(`INSERT INTO schema_migrations (version, name) VALUES (1, 'responses'); ${insert}${values}`);
      await client.end();
    }
    const store = await backend.open();
    try {
      assert.deepEqual(await store.migrations(), MIGRATIONS.map((m) => m.version));
      const [plain, reset] = await Promise.all(rows.map((r) => store.get(r.id)));
      assert.deepEqual([plain!.countedAt, plain!.clockSuspect], [rows[0].answered, false]);
      assert.deepEqual([reset!.countedAt, reset!.clockSuspect], [received, true]);
      assert.equal(await store.count({ service: 'old', from: Date.UTC(2025, 4, 1), to: Date.UTC(2025, 5, 1) }), 2);
      assert.deepEqual(await store.quarterCloses(2025, 3), []);
    } finally {
      await store.close();
      await backend.cleanup();
    }
  });
}
