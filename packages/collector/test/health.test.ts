import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { SqliteStore, type StoredRow } from '../src/store/index.js';
import { ADMIN, collector, record, SECRET, SERVICES_JSON, admin } from './helpers.js';
import { startCollector } from './process.js';

const dir = mkdtempSync(join(tmpdir(), 'cx-health-'));
after(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(join(dir, 'services.json'), SERVICES_JSON);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const INTERNALS = /SQLITE_|EFBIG|disk|ECONN|127\.0\.0\.1|busy|locked|\.sqlite/i;

function row(i: number): StoredRow {
  const id = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
  return { id, service: 't-thumbs', answeredAt: i, receivedAt: i, channel: 'web', surveyType: 'post-interaction', contentHash: 'h', tokenId: null, record: JSON.stringify({ id, pad: 'x'.repeat(1500) }), redactions: null };
}

describe('health tells the truth about writes', { timeout: 90_000 }, () => {
  test('a full disk: writes answer 503, health says so (read ok, write failing) without internal text; the admin sees why', async () => {
    const db = join(dir, 'full.sqlite');
    const server = await startCollector(
      ['--db', db, '--services', join(dir, 'services.json'), '--admin-token', ADMIN, '--token-secret', SECRET, '--rate-per-second', '0', '--log-level', 'warn'],
      {},
      { fileSizeLimitKiB: 1024 },
    );
    try {
      assert.equal((await fetch(`${server.url}/healthz`)).status, 200);
      let status = 0;
      for (let i = 0; i < 200 && status !== 503; i++) {
        const res = await fetch(`${server.url}/v1/responses`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(Array.from({ length: 20 }, () => record({ q3: 'long answer '.repeat(400) }))),
        });
        status = res.status;
      }
      assert.equal(status, 503, 'the disk filled up');
      await sleep(1100); // past the health result's one-second cache
      for (const path of ['/healthz', '/readyz']) {
        const health = await fetch(`${server.url}${path}`);
        const text = await health.text();
        assert.equal(health.status, 503, `${path}: ${text}`);
        assert.deepEqual(JSON.parse(text).checks, { read: 'ok', write: 'failing' });
        assert.doesNotMatch(text, INTERNALS);
      }
      const status503 = await fetch(`${server.url}/v1/status`, { headers: admin });
      const detail = await status503.json();
      assert.equal(status503.status, 503);
      assert.equal(detail.checks.write.ok, false);
      assert.match(detail.checks.write.error, /SQLite write failed/);
      assert.equal(server.proc.exitCode, null);
    } finally {
      server.proc.kill('SIGTERM');
      await server.exited;
    }
  });

  test('a write lock held by another process: health fails while it is held and recovers when it is released', async () => {
    const file = join(dir, 'locked.sqlite');
    const store = new SqliteStore(file, { busyTimeout: 300 });
    const app = await collector(store);
    try {
      assert.equal((await app.inject({ url: '/healthz' })).statusCode, 200);
      const other = new Database(file);
      other.exec('BEGIN IMMEDIATE');
      await sleep(1100);
      const locked = await app.inject({ url: '/readyz' });
      assert.equal(locked.statusCode, 503, locked.body);
      assert.equal(locked.json().checks.write, 'failing');
      assert.doesNotMatch(locked.body, INTERNALS);
      other.exec('ROLLBACK');
      other.close();
      while ((await app.inject({ url: '/readyz' })).statusCode !== 200) await sleep(200);
    } finally {
      await app.close();
    }
  });

  test('requests queued behind an external lock fail together after one wait, not one wait each in turn', async () => {
    const file = join(dir, 'queued.sqlite');
    const store = new SqliteStore(file, { busyTimeout: 300 });
    try {
      await store.insert([row(100)]); // the writer thread is up
      const other = new Database(file);
      other.exec('BEGIN IMMEDIATE');
      // Twenty inserts reach the writer together; the lock goes away after ten busy timeouts.
      const results = Promise.allSettled(Array.from({ length: 20 }, (_, i) => store.insert([row(i)])));
      setTimeout(() => {
        other.exec('ROLLBACK');
        other.close();
      }, 3000);
      const settled = await results;
      // Retried one by one (the old code), the retries still waiting when the lock went were stored,
      // and the last was answered after 21 waits. All of them fail at the first wait's end instead.
      assert.deepEqual(settled.map((s) => s.status), Array(20).fill('rejected'));
    } finally {
      await store.close();
    }
  });

  test('the WAL is checkpointed and truncated once writes pause', async () => {
    const file = join(dir, 'wal.sqlite');
    const store = new SqliteStore(file, { idleCheckpointMs: 200 });
    try {
      for (let i = 0; i < 20; i++) await store.insert(Array.from({ length: 100 }, (_, j) => row(i * 100 + j)));
      const wal = `${file}-wal`;
      const size = () => statSync(wal, { throwIfNoEntry: false })?.size ?? 0;
      assert.ok(size() > 1_000_000, `the WAL holds the writes (${size()} bytes)`);
      while (size() > 0) await sleep(50);
      assert.equal(await store.count(), 2000);
    } finally {
      await store.close();
    }
  });
});
