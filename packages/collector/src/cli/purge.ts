/**
 * cx-collector purge: retention. Counts first (a dry run unless --yes), per service, then deletes
 * the responses answered before a date, in chunks (Store.purge).
 */
import type { ServiceDefinition } from '../domain/services.js';
import type { Store } from '../store/index.js';

/** A --before value: a calendar date (midnight UTC) or an ISO 8601 time with its zone. */
function cutoff(text: string | undefined, usage: (message: string) => never): number {
  if (text === undefined) usage('purge needs --before <date>, e.g. --before 2022-10-01');
  const iso = /^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text;
  const at = /^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:\d{2})$/.test(iso) ? Date.parse(iso) : NaN;
  if (Number.isNaN(at)) usage(`--before must be a date such as 2022-10-01 or a time such as 2022-10-01T00:00:00-04:00, not "${text}"`);
  if (at > Date.now()) usage(`--before ${text} is in the future: purge deletes only what is older than a past date`);
  return at;
}

export async function purgeCommand(
  v: { before?: string; service?: string; yes?: boolean },
  services: Map<string, ServiceDefinition>,
  open: () => Promise<Store>,
  usage: (message: string) => never,
): Promise<void> {
  const before = cutoff(v.before, usage);
  if (v.service !== undefined && !services.has(v.service)) usage(`unknown service "${v.service}"`);
  const store = await open();
  try {
    const filter = { to: before, ...(v.service === undefined ? {} : { service: v.service }) };
    // Counts first, per service, so the operator sees what a purge would take before it does.
    const counts: Record<string, number> = {};
    for (const id of v.service === undefined ? services.keys() : [v.service]) counts[id] = await store.count({ ...filter, service: id });
    const total = await store.count(filter);
    const declared = Object.values(counts).reduce((a, b) => a + b, 0);
    // Rows of services since removed from the services file are purged too.
    if (v.service === undefined && total > declared) counts['(not in the services file)'] = total - declared;
    const summary = { store: store.kind, before: new Date(before).toISOString(), service: v.service ?? null, counts, total };
    if (!v.yes) {
      process.stdout.write(`${JSON.stringify({ ...summary, dryRun: true, deleted: 0 })}\n`);
      process.stderr.write(`dry run: ${total} responses answered before ${summary.before} would be deleted; add --yes to delete them\n`);
      return;
    }
    const deleted = await store.purge(filter);
    process.stdout.write(`${JSON.stringify({ ...summary, dryRun: false, deleted })}\n`);
  } finally {
    await store.close();
  }
}
