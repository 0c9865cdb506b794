/** cx-collector package: the quarter's OMB package, per service (docs/reports.md, "The OMB package"). */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PACKAGE_FILES, summaryMarkdown, writeServicePackage } from '../../reports/package.js';
import { openStoreFor } from './open-store.js';
import type { Io } from '../io.js';
import type { Settings } from '../settings.js';

export async function packageCommand(s: Settings, io: Io): Promise<number> {
  const services = s.services();
  const id = s.text('service');
  const targets = id !== undefined ? [s.service(services, id, s.text('services') ?? 'services.json')] : [...services.values()];
  const period = s.quarter(true, s.timeZone())!;
  const out = s.text('out') ?? `omb-package-FY${period.fiscalYear}-Q${period.quarter}`;
  const store = await openStoreFor(s.database());
  try {
    const summaries = [];
    for (const svc of targets) summaries.push(await writeServicePackage(store, svc, period.fiscalYear, period.quarter, period.timeZone, join(out, svc.id)));
    await writeFile(join(out, PACKAGE_FILES.summaryJson), `${JSON.stringify({ fiscalYear: period.fiscalYear, quarter: period.quarter, services: summaries }, null, 2)}\n`);
    await writeFile(join(out, PACKAGE_FILES.summaryMarkdown), summaries.map(summaryMarkdown).join('\n'));
    for (const p of summaries)
      io.stdout.write(
        `${p.service.id}: ${p.submission.responses} responses, due ${p.dueDate} → ${join(out, p.service.id)}/` +
          // A closed quarter's late arrivals are apart from the submission: say how many, and where.
          `${p.lateArrivals?.responses ? `; ${p.lateArrivals.responses} arrived after closing (${p.lateArrivals.file}, not submitted)` : ''}` +
          `${p.missing.length ? ` (left blank: ${p.missing.map((m) => m.field).join(', ')})` : ''}\n`,
      );
  } finally {
    await store.close();
  }
  return 0;
}
