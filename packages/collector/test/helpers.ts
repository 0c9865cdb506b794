import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ResponseRecord } from '@cx-survey/protocol';
import Database from 'better-sqlite3';
import pg from 'pg';
import { buildCollector, type CollectorOptions } from '../src/http/server.js';
import { parseServices } from '../src/domain/services.js';
import { PostgresStore, SqliteStore, type Store } from '../src/store/index.js';

export const SECRET = 'test-secret-test-secret-test-secret-0123';
export const ADMIN = 'admin-token-for-tests';
export const ORIGIN = 'http://localhost:8765';
export const PG_URL = process.env.CX_TEST_DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/test';

export const SERVICES_JSON = JSON.stringify({
  services: [
    { id: 't-thumbs', drivers: ['effectiveness', 'ease', 'efficiency', 'transparency', 'humanity', 'employee', 'other', 'none'], name: 'Thumbs', agency: 'Test Agency', scale: 'thumbs', origins: [ORIGIN] },
    { id: 't-five', drivers: ['effectiveness', 'ease', 'efficiency', 'transparency', 'humanity', 'employee', 'other', 'none'], name: 'Five', agency: 'Test Agency', scale: 'five-point', origins: [ORIGIN] },
    { id: 't-token', drivers: ['effectiveness', 'ease', 'efficiency', 'transparency', 'humanity', 'employee', 'other', 'none'], name: 'Token', agency: 'Test Agency', scale: 'thumbs', requireToken: true, origins: [ORIGIN] },
    { id: 't-narrow', name: 'Narrow', agency: 'Test Agency', scale: 'thumbs', drivers: ['effectiveness', 'ease', 'efficiency'] },
  ],
});
export const services = () => parseServices(SERVICES_JSON);

export function record(overrides: Partial<ResponseRecord> = {}): ResponseRecord {
  return {
    id: randomUUID(),
    schemaVersion: 1,
    service: 't-thumbs',
    surveyType: 'post-interaction',
    channel: 'web',
    scale: 'thumbs',
    q1: 1,
    branch: 'positive',
    q2: ['ease'],
    offered: ['effectiveness', 'ease', 'efficiency', 'transparency', 'humanity', 'employee', 'other', 'none'],
    q3: null,
    answers: {},
    locale: 'en-US',
    answeredAt: new Date(Date.now() - 60_000).toISOString(),
    pagePath: '/apply/done',
    ...overrides,
  };
}

export function fiveRecord(q1: number | null, overrides: Partial<ResponseRecord> = {}): ResponseRecord {
  return record({ service: 't-five', scale: 'five-point', positiveCut: 5, q1, branch: q1 === null ? null : q1 >= 5 ? 'positive' : 'negative', q2: [], ...overrides });
}

export interface Backend {
  name: 'sqlite' | 'postgres';
  /** Opens a store on this backend's database; every call in one run shares it. */
  open(): Promise<Store>;
  /** Every column of every stored row, read straight from the database as an attacker holding it would. */
  rawRows(): Promise<Array<Record<string, unknown>>>;
  cleanup(): Promise<void>;
}

/** A fresh SQLite file and a fresh PostgreSQL schema, each dropped by cleanup(). */
export function backends(): Backend[] {
  const dir = mkdtempSync(join(tmpdir(), 'cx-store-'));
  const schema = `cx_test_${process.pid}_${randomUUID().slice(0, 8)}`;
  return [
    {
      name: 'sqlite',
      open: async () => new SqliteStore(join(dir, 'responses.sqlite')),
      rawRows: async () => {
        const db = new Database(join(dir, 'responses.sqlite'), { readonly: true });
        try {
          return db.prepare('SELECT * FROM responses').all() as Array<Record<string, unknown>>;
        } finally {
          db.close();
        }
      },
      cleanup: async () => rmSync(dir, { recursive: true, force: true }),
    },
    {
      name: 'postgres',
      open: () =>
        PostgresStore.open({ connectionString: PG_URL, schema, poolSize: 8 }).catch((e: Error) => {
          throw new Error(
            `PostgreSQL at ${PG_URL} is needed by these tests (${e.message}). Start it with ` +
              '"pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start" or set CX_TEST_DATABASE_URL.',
          );
        }),
      rawRows: async () => {
        const client = new pg.Client({ connectionString: PG_URL });
        await client.connect();
        try {
          return (await client.query(`SELECT *, id::text AS id FROM "${schema}".responses`)).rows;
        } finally {
          await client.end();
        }
      },
      cleanup: () => PostgresStore.dropSchema(PG_URL, schema),
    },
  ];
}

export async function collector(store: Store, options: Partial<CollectorOptions> = {}) {
  return buildCollector({
    services: services(),
    store,
    adminToken: ADMIN,
    tokenKeys: [{ alg: 'HS256', secret: SECRET }],
    rateLimit: null,
    ...options,
  });
}

export const admin = { authorization: `Bearer ${ADMIN}` };
