import { PostgresStore } from './postgres.js';
import { SqliteStore } from './sqlite.js';
import type { Store } from './types.js';

export * from './types.js';
export { PostgresStore } from './postgres.js';
export { SqliteStore } from './sqlite.js';

export interface StoreOptions {
  /** postgres://… selects PostgreSQL; otherwise the SQLite file is used. */
  databaseUrl?: string;
  pgSchema?: string;
  sqliteFile?: string;
}

export async function openStore(options: StoreOptions): Promise<Store> {
  if (options.databaseUrl) return PostgresStore.open({ connectionString: options.databaseUrl, schema: options.pgSchema });
  return new SqliteStore(options.sqliteFile ?? '.data/cx-collector.sqlite');
}
