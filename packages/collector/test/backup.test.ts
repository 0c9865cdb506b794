/**
 * The backup and restore commands of docs/collector-operations.md, run as written: an online backup
 * of a serving collector, then a restore that a fresh collector serves with every record.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { PostgresStore } from '../src/store/index.js';
import { ADMIN, PG_URL, record, SECRET, SERVICES_JSON } from './helpers.js';
import { startCollector, type Running } from './process.js';

const dir = mkdtempSync(join(tmpdir(), 'cx-backup-'));
const servicesFile = join(dir, 'services.json');
writeFileSync(servicesFile, SERVICES_JSON);
const schema = `cx_backup_${process.pid}_${randomUUID().slice(0, 8)}`;
after(async () => {
  rmSync(dir, { recursive: true, force: true });
  await PostgresStore.dropSchema(PG_URL, schema);
});
const common = ['--services', servicesFile, '--admin-token', ADMIN, '--token-secret', SECRET, '--rate-per-second', '0', '--log-level', 'warn'];

async function fill(server: Running, n: number): Promise<string[]> {
  const records = Array.from({ length: n }, () => record());
  for (let i = 0; i < n; i += 100) {
    const res = await fetch(`${server.url}/v1/responses`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(records.slice(i, i + 100)) });
    assert.equal(res.status, 200);
  }
  return records.map((r) => r.id);
}

async function ids(server: Running): Promise<string[]> {
  const res = await fetch(`${server.url}/v1/export.json`, { headers: { authorization: `Bearer ${ADMIN}` } });
  return ((await res.json()) as { id: string }[]).map((r) => r.id).sort();
}

async function stop(server: Running) {
  server.proc.kill('SIGTERM');
  await server.exited;
}

describe('backup and restore, with the commands the operations guide gives', { timeout: 120_000 }, () => {
  test('SQLite: sqlite3 .backup while serving, then serve the copy', async () => {
    const db = join(dir, 'responses.sqlite');
    const backup = join(dir, 'backup.sqlite');
    const server = await startCollector([...common, '--db', db]);
    let stored: string[];
    try {
      stored = (await fill(server, 500)).sort();
      // Online and consistent, while the collector keeps writing.
      const more = fill(server, 300);
      execFileSync('sqlite3', [db, `.backup '${backup}'`]);
      await more;
      execFileSync('sqlite3', [backup, 'PRAGMA integrity_check;'], { encoding: 'utf8' });
    } finally {
      await stop(server);
    }
    const restoredFile = join(dir, 'restored.sqlite');
    copyFileSync(backup, restoredFile);
    const restored = await startCollector([...common, '--db', restoredFile]);
    try {
      const back = await ids(restored);
      for (const id of stored) assert.ok(back.includes(id), `${id} missing from the restore`);
      assert.ok(back.length >= 500 && back.length <= 800);
    } finally {
      await stop(restored);
    }
  });

  test('PostgreSQL: pg_dump of the schema, drop it, pg_restore, serve again', async () => {
    const env = { DATABASE_URL: PG_URL, CX_PG_SCHEMA: schema };
    const server = await startCollector(common, env);
    let stored: string[];
    try {
      stored = (await fill(server, 500)).sort();
    } finally {
      await stop(server);
    }
    const dump = join(dir, 'cx.dump');
    execFileSync('pg_dump', ['--format=custom', `--schema=${schema}`, `--file=${dump}`, PG_URL]);
    execFileSync('psql', [PG_URL, '--quiet', '--command', `DROP SCHEMA "${schema}" CASCADE`]);
    execFileSync('pg_restore', [`--dbname=${PG_URL}`, dump]);
    const restored = await startCollector(common, env);
    try {
      assert.deepEqual(await ids(restored), stored);
    } finally {
      await stop(restored);
    }
  });
});
