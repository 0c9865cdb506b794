/** cx-collector report: section 280.14's quarterly figures as JSON. */
import { buildReport } from '../../reports/report.js';
import { openStoreFor } from './open-store.js';
import type { Io } from '../io.js';
import type { Settings } from '../settings.js';

export async function report(s: Settings, io: Io): Promise<number> {
  const services = s.services();
  const id = s.text('service');
  const targets = id !== undefined ? [s.service(services, id, s.text('services') ?? 'services.json')] : [...services.values()];
  const period = s.quarter(true, s.timeZone())!;
  const store = await openStoreFor(s.database());
  try {
    const reports = [];
    for (const svc of targets) reports.push(await buildReport(store, svc, period.fiscalYear, period.quarter, period.timeZone));
    io.stdout.write(`${JSON.stringify({ reports }, null, 2)}\n`);
  } finally {
    await store.close();
  }
  return 0;
}
