/**
 * The analytics connection: its own, not the Store's, so a slow aggregate never queues behind
 * ingest, and the two SQL dialects the aggregate and alert-state queries are written for.
 * Queries use "?" placeholders on both; the PostgreSQL side numbers them.
 */
import Database from 'better-sqlite3';
import pg from 'pg';
import { configure } from '../store/sqlite-shared.js';
import { quoteIdent } from '../store/postgres.js';
import type { StoreLocation } from '../store/types.js';

export interface Dialect {
  kind: 'sqlite' | 'postgres';
  q1: string;
  branch: string;
  q2Length: string;
  /** FROM clause that yields one row per ticked driver with the driver in column value. */
  driverJoin: string;
  all(sql: string, params: unknown[]): Promise<Record<string, unknown>[]>;
  run(sql: string, params: unknown[]): Promise<number>;
  close(): Promise<void>;
}

/** An integer inlined into SQL (never user text); throws on anything else. */
export const int = (n: number) => {
  if (!Number.isSafeInteger(n)) throw new RangeError(`not an integer: ${n}`);
  return String(n);
};

function sqliteDialect(file: string): Dialect {
  const db = new Database(file);
  configure(db);
  return {
    kind: 'sqlite',
    q1: "json_extract(record, '$.q1')",
    branch: "json_extract(record, '$.branch')",
    q2Length: "json_array_length(record, '$.q2')",
    driverJoin: "responses, json_each(responses.record, '$.q2') AS d",
    all: async (sql, params) => db.prepare(sql).all(...params) as Record<string, unknown>[],
    run: async (sql, params) => db.prepare(sql).run(...params).changes,
    close: async () => {
      db.close();
    },
  };
}

function postgresDialect(connectionString: string, schema: string): Dialect {
  quoteIdent(schema);
  const pool = new pg.Pool({ connectionString, max: 3, options: `-c search_path=${schema}` });
  pool.on('error', () => {});
  const numbered = (sql: string) => {
    let n = 0;
    return sql.replace(/\?/g, () => `$${++n}`);
  };
  return {
    kind: 'postgres',
    q1: "(record::jsonb->>'q1')::int",
    branch: "record::jsonb->>'branch'",
    q2Length: "jsonb_array_length(record::jsonb->'q2')",
    driverJoin: "responses CROSS JOIN LATERAL jsonb_array_elements_text(responses.record::jsonb->'q2') AS d(value)",
    all: async (sql, params) => (await pool.query(numbered(sql), params)).rows,
    run: async (sql, params) => (await pool.query(numbered(sql), params)).rowCount ?? 0,
    close: () => pool.end(),
  };
}

/** Opens a connection to where the store keeps its rows. */
export function openConnection(location: StoreLocation): Dialect {
  return 'databaseUrl' in location ? postgresDialect(location.databaseUrl, location.schema) : sqliteDialect(location.sqliteFile);
}
