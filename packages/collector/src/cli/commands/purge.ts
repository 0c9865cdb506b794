/** cx-collector purge: retention, a dry run unless --yes (the counting and deleting are in ../purge.ts). */
import { purgeCommand } from '../purge.js';
import { openStoreFor } from './open-store.js';
import type { Io } from '../io.js';
import { UsageError, type Settings } from '../settings.js';

export async function purge(s: Settings, _io: Io): Promise<number> {
  const usage = (message: string): never => {
    throw new UsageError(message);
  };
  const services = s.services();
  await purgeCommand({ before: s.text('before'), service: s.text('service'), yes: s.flag('yes') }, services, () => openStoreFor(s.database()), usage);
  return 0;
}
