/** cx-collector migrate: apply the schema migrations and say which are applied. */
import { openStoreFor } from './open-store.js';
import type { Io } from '../io.js';
import type { Settings } from '../settings.js';

export async function migrate(s: Settings, io: Io): Promise<number> {
  const store = await openStoreFor(s.database());
  try {
    io.stdout.write(`${JSON.stringify({ store: store.kind, migrations: await store.migrations() })}\n`);
  } finally {
    await store.close();
  }
  return 0;
}
