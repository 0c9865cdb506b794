/** The agency's volume of customers per service and quarter: the services file, or the admin API, which wins. */
import type { ServiceDefinition } from '../domain/services.js';
import { quarterKeyOf } from '../domain/submission-info.js';
import type { Store } from '../store/types.js';

export interface VolumeOfCustomers {
  service: string;
  fiscalYear: number;
  quarter: number;
  volumeOfCustomers: number | null;
  /** Where it came from: the admin API (wins) or the services file. */
  source: 'admin-api' | 'services-file' | null;
  updatedAt?: string;
}

/** The quarter's volume: an admin API value wins over the services file's. With `receivedBefore`, the admin value set before then. */
export async function volumeOfCustomers(store: Store, service: ServiceDefinition, fiscalYear: number, quarter: number, receivedBefore?: number): Promise<VolumeOfCustomers> {
  const stored = await store.volume(service.id, fiscalYear, quarter, { setBefore: receivedBefore });
  const base = { service: service.id, fiscalYear, quarter };
  if (stored) return { ...base, volumeOfCustomers: stored.volume, source: 'admin-api', updatedAt: new Date(stored.updatedAt).toISOString() };
  const fromFile = service.volumeOfCustomers[quarterKeyOf(fiscalYear, quarter)];
  return fromFile === undefined ? { ...base, volumeOfCustomers: null, source: null } : { ...base, volumeOfCustomers: fromFile, source: 'services-file' };
}
