/** `cx-collector import`: responses gathered on paper, by phone, IVR, in person, email or text, from a CSV or JSON Lines file. */
import { createReadStream, existsSync } from 'node:fs';
import { IMPORT_CHANNELS, IMPORT_COLUMNS, startOfDay } from '@cx-survey/protocol';
import type { ServiceDefinition } from '../../domain/services.js';
import { csvCell } from '../../reports/export.js';
import { formatOf, type ImportFormat } from '../../ingest/import/read.js';
import { importFile, type RowResult } from '../../ingest/import/run.js';
import { TOUCHPOINTS_FORMAT } from '../../ingest/import/touchpoints.js';
import type { Store } from '../../store/types.js';
import type { Io } from '../io.js';
import { UsageError, type Settings } from '../settings.js';
import { openStoreFor } from './open-store.js';

/** Bad usage of import: exit status 2, one line. */
export class ImportUsageError extends UsageError {}

/** The template: the header, then one comment row saying what each column holds. */
export function importTemplate(channel: string): string {
  // One cell per column, under its column in a spreadsheet; "#" makes the importer skip the row.
  const notes = IMPORT_COLUMNS.map((c) => csvCell(`${c.required ? 'required - ' : ''}${c.help}`));
  return `${IMPORT_COLUMNS.map((c) => c.name).join(',')}\r\n#${channel} import - ${notes.join(',')}\r\n`;
}

export interface ImportCommandOptions {
  file?: string;
  service?: ServiceDefinition;
  channel?: string;
  format?: string;
  dryRun: boolean;
  partial: boolean;
  timeZone: string;
  from?: string;
  answeredAt?: string;
  openStore: () => Promise<Store>;
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream;
}

export function checkChannel(channel: string | undefined): string {
  if (!channel) throw new ImportUsageError(`--channel is required: ${IMPORT_CHANNELS.join(', ')}`);
  if (!(IMPORT_CHANNELS as readonly string[]).includes(channel))
    throw new ImportUsageError(`--channel "${channel}" is not an import channel; use ${IMPORT_CHANNELS.join(', ')} (web records arrive through POST /v1/responses)`);
  return channel;
}

export const rowLine = (r: RowResult) =>
  r.outcome === 'rejected' ? `row ${r.row}, column ${r.column || '(whole row)'}: ${r.reason}\n` : `row ${r.row}: ${r.outcome} ${r.id}\n`;

/** Returns the exit status: 0 every row accepted, 1 some refused. */
export async function runImportCommand(o: ImportCommandOptions): Promise<number> {
  if (o.from !== undefined && o.from !== TOUCHPOINTS_FORMAT) throw new ImportUsageError(`--from must be ${TOUCHPOINTS_FORMAT} (or left out for this project's import format)`);
  const touchpoints = o.from === TOUCHPOINTS_FORMAT;
  const channel = touchpoints ? (o.channel ?? 'web') : checkChannel(o.channel);
  if (touchpoints && !/^[a-z][a-z0-9-]{0,31}$/.test(channel)) throw new ImportUsageError(`--channel "${channel}" is not a channel name`);
  let answeredAt: string | undefined;
  if (touchpoints) {
    const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(o.answeredAt ?? '');
    if (!d) throw new ImportUsageError('--from touchpoints-a11-v2 needs --answered-at YYYY-MM-DD (the export period\'s last day): its file has no dates');
    answeredAt = new Date(startOfDay(Number(d[1]), Number(d[2]), Number(d[3]), o.timeZone)).toISOString();
  } else if (o.answeredAt !== undefined) throw new ImportUsageError('--answered-at is for --from touchpoints-a11-v2; this format has an answered_at column');
  if (!o.service) throw new ImportUsageError('--service is required');
  if (!o.file) throw new ImportUsageError('give the file to import: cx-collector import --service S --channel C FILE');
  if (!existsSync(o.file)) throw new ImportUsageError(`cannot read ${o.file}: no such file`);
  if (o.format !== undefined && o.format !== 'csv' && o.format !== 'jsonl') throw new ImportUsageError('--format must be csv or jsonl');
  if (o.dryRun && o.partial) throw new ImportUsageError('--dry-run and --partial do not go together');
  const format = (o.format as ImportFormat | undefined) ?? formatOf(o.file);
  const store = await o.openStore();
  try {
    const summary = await importFile({
      service: o.service,
      channel,
      format,
      open: () => createReadStream(o.file!),
      store,
      dryRun: o.dryRun,
      partial: o.partial,
      timeZone: o.timeZone,
      from: touchpoints ? TOUCHPOINTS_FORMAT : 'cx',
      answeredAt,
      onRow: (r) => o.out.write(rowLine(r)),
    });
    o.out.write(`${JSON.stringify({ import: summary })}\n`);
    if (summary.rejected && !summary.written && !summary.dryRun)
      o.err.write(`cx-collector import: ${summary.rejected} of ${summary.rows} rows refused; nothing stored (fix them, or give --partial to store the good rows)\n`);
    return summary.rejected ? 1 : 0;
  } finally {
    await store.close();
  }
}

export async function importCommand(s: Settings, io: Io): Promise<number> {
  if (s.flag('template')) {
    io.stdout.write(importTemplate(checkChannel(s.text('channel'))));
    return 0;
  }
  const services = s.services();
  const id = s.text('service');
  return runImportCommand({
    file: s.text('FILE'),
    service: id === undefined ? undefined : s.service(services, id, s.text('services') ?? 'services.json'),
    channel: s.text('channel'),
    format: s.text('format'),
    dryRun: s.flag('dry-run'),
    partial: s.flag('partial'),
    timeZone: s.timeZone(),
    from: s.text('from'),
    answeredAt: s.text('answered-at'),
    openStore: () => openStoreFor(s.database()),
    out: io.stdout,
    err: io.stderr,
  });
}
