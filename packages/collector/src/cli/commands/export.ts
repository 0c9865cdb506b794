/** cx-collector export: raw Q1/Q2 rows as CSV (ours, or Touchpoints' exact A-11 v2 layout), or the stored records as JSON. */
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { csvExport, jsonExport } from '../../reports/export.js';
import { touchpointsA11v2Export } from '../../reports/touchpoints.js';
import type { StreamFilter } from '../../store/index.js';
import { openStoreFor } from './open-store.js';
import type { Io } from '../io.js';
import type { Settings } from '../settings.js';

const EXPORTS = { csv: csvExport, json: jsonExport, 'touchpoints-a11-v2': touchpointsA11v2Export } as const;

export async function exportCommand(s: Settings, io: Io): Promise<number> {
  const format = s.choice('format', 'csv', Object.keys(EXPORTS) as Array<keyof typeof EXPORTS>);
  const services = s.services();
  const id = s.text('service');
  const filter: StreamFilter = {};
  if (id !== undefined) filter.service = s.service(services, id, s.text('services') ?? 'services.json').id;
  const period = s.quarter(false, s.timeZone());
  if (period) Object.assign(filter, { from: period.from, to: period.to });
  const store = await openStoreFor(s.database());
  try {
    const source = Readable.from(EXPORTS[format](store, filter));
    const out = s.text('out');
    await pipeline(source, out !== undefined ? createWriteStream(out) : io.stdout);
  } finally {
    await store.close();
  }
  return 0;
}
