/** cx-collector report: section 280.14's quarterly figures as JSON. */
import { parseInstant } from '../../domain/service-scale.js';
import { buildReport } from '../../reports/closing.js';
import { openStoreFor } from './open-store.js';
import type { Io } from '../io.js';
import { UsageError, type Settings } from '../settings.js';

export async function report(s: Settings, io: Io): Promise<number> {
  const services = s.services();
  const id = s.text('service');
  const targets = id !== undefined ? [s.service(services, id, s.text('services') ?? 'services.json')] : [...services.values()];
  const period = s.quarter(true, s.timeZone())!;
  const before = s.text('received-before');
  const receivedBefore = before === undefined ? undefined : parseInstant(before);
  if (receivedBefore === null) throw new UsageError(`--received-before must be a date (YYYY-MM-DD, 00:00 UTC) or an ISO instant such as 2025-04-15T12:00:00Z, not "${before}"`);
  const store = await openStoreFor(s.database());
  try {
    const reports = [];
    for (const svc of targets) reports.push(await buildReport(store, svc, period.fiscalYear, period.quarter, period.timeZone, { receivedBefore }));
    io.stdout.write(`${JSON.stringify({ reports }, null, 2)}\n`);
  } finally {
    await store.close();
  }
  return 0;
}
