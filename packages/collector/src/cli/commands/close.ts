/** cx-collector close: freeze a quarter's figures as submitted to OMB (docs/reports.md, "Closing a quarter"). */
import { closeQuarter, ClosingError } from '../../reports/closing.js';
import { openStoreFor } from './open-store.js';
import type { Io } from '../io.js';
import { UsageError, type Settings } from '../settings.js';

export async function close(s: Settings, io: Io): Promise<number> {
  const services = s.services();
  const id = s.text('service');
  const targets = id !== undefined ? [s.service(services, id, s.text('services') ?? 'services.json')] : [...services.values()];
  const period = s.quarter(true, s.timeZone())!;
  const store = await openStoreFor(s.database());
  try {
    const closes = [];
    for (const svc of targets) closes.push(await closeQuarter(store, svc, period.fiscalYear, period.quarter, period.timeZone));
    io.stdout.write(`${JSON.stringify({ closes }, null, 2)}\n`);
    for (const c of closes)
      io.stderr.write(
        c.closedNow
          ? `closed ${c.service} FY ${c.fiscalYear} Q${c.quarter}: ${c.closed.records} records, checksum ${c.closed.checksum}\n`
          : `${c.service} FY ${c.fiscalYear} Q${c.quarter} was already closed at ${c.closed.closedAt}; that close stands\n`,
      );
  } catch (e) {
    if (e instanceof ClosingError) throw new UsageError(e.message);
    throw e;
  } finally {
    await store.close();
  }
  return 0;
}
