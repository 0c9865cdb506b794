/** Opens the store the options name; a failure says which database, never its password. */
import { openStore, type Store, type StoreOptions } from '../../store/index.js';

export async function openStoreFor(database: StoreOptions): Promise<Store> {
  try {
    return await openStore(database);
  } catch (e) {
    const where = database.databaseUrl ? `PostgreSQL at ${new URL(database.databaseUrl).host || 'the default host'}` : `SQLite file ${database.sqliteFile ?? '.data/cx-collector.sqlite'}`;
    throw new Error(`cannot open ${where}: ${(e as Error).message}`);
  }
}
