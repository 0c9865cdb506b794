/**
 * Imports a file of responses gathered off the web into one service and channel. Every row is
 * checked by the same ingest as a browser's record; rows go to the store in batches as they are
 * read, so memory stays flat however long the file. Without `partial`, a file with any bad row
 * stores nothing: a first pass checks every row, the second stores them.
 */
import type { Readable } from 'node:stream';
import type { ResponseRecord } from '@cx-survey/protocol';
import type { ServiceDefinition } from '../../domain/services.js';
import type { InsertOutcome, Store } from '../../store/types.js';
import { ingest } from '../ingest.js';
import { readRows, type ImportFormat } from './read.js';
import { columnOf, RowError, rowToRecord, type RawRow, type RowContext } from './rows.js';
import { TOUCHPOINTS_FORMAT, touchpointsRowToRecord } from './touchpoints.js';

/** Rows per store transaction: few enough to hold in memory, many enough that commits (each an fsync) are rare.
 *  (5,000 took the importing process past 256 MB with one batch written while the next is read.)
 *  PostgreSQL writes a batch as one statement of 12 parameters a row, under its limit of 65,535. */
const BATCH = 2000;

export interface ImportOptions {
  service: ServiceDefinition;
  channel: string;
  format: ImportFormat;
  /** Opens the file from its start; called once per pass. */
  open: () => Readable;
  store: Store;
  dryRun?: boolean;
  partial?: boolean;
  /** Whose file: ours (docs/channels.md, the default) or Touchpoints' A-11 v2 export. */
  from?: 'cx' | typeof TOUCHPOINTS_FORMAT;
  /** Touchpoints only: the ISO instant every row is dated by (its file has no dates). */
  answeredAt?: string;
  redact?: boolean;
  timeZone?: string;
  /** Called for each row's result as it is known, in row order (dry run: every row; otherwise the refused ones). */
  onRow?: (result: RowResult) => void;
}

export type RowOutcome = 'stored' | 'duplicate' | 'valid' | 'rejected';
export interface RowResult {
  row: number;
  outcome: RowOutcome;
  id?: string;
  column?: string;
  reason?: string;
}

export interface ImportSummary {
  service: string;
  channel: string;
  rows: number;
  stored: number;
  duplicate: number;
  rejected: number;
  /** Rows whose date is only the date the paper form was received. */
  dateReceived: number;
  dryRun: boolean;
  /** Whether anything was written (false on a dry run, or when bad rows stopped a whole-file import). */
  written: boolean;
}

/** A row read: its record to check, or already its refusal (kept in the batch so results come out in row order). */
type Pending = { row: number; record: ResponseRecord } | { row: number; refused: RowResult };

/** A store that writes nothing: the checking pass. A dry run looks ids up, to tell new rows from repeats. */
function checkingStore(store: Store, lookUp: boolean): Pick<Store, 'insert'> {
  return {
    insert: async (rows) => Promise.all(rows.map(async (r): Promise<InsertOutcome> => (lookUp && (await store.get(r.id)) ? 'duplicate' : 'stored'))),
  };
}

async function pass(o: ImportOptions, target: Pick<Store, 'insert'>, report: (r: RowResult) => void, write: boolean): Promise<Omit<ImportSummary, 'dryRun' | 'written' | 'service' | 'channel'>> {
  const counts = { rows: 0, stored: 0, duplicate: 0, rejected: 0, dateReceived: 0 };
  // Imported rows carry no window token and come from an administrator, not a browser.
  const services = new Map([[o.service.id, { ...o.service, requireToken: false }]]);
  const ctx = { services, store: target, verifier: null, redact: o.redact ?? true, imported: true, checkOnly: !write };
  const rowCtx: RowContext = { service: o.service, channel: o.channel, timeZone: o.timeZone ?? 'UTC' };
  const toRecord =
    o.from === TOUCHPOINTS_FORMAT ? (row: RawRow) => touchpointsRowToRecord(row, { ...rowCtx, answeredAt: o.answeredAt! }) : (row: RawRow) => rowToRecord(row, rowCtx);
  // Touchpoints' own column names for what the shared checks refuse.
  const TOUCHPOINTS_COLUMN: Record<string, string> = { q1: 'question_1', q2a: 'positive_*', q2b: 'negative_*', q3: 'question_4', answered_at: '--answered-at' };
  const columnFor = (column: string) => (o.from === TOUCHPOINTS_FORMAT ? (TOUCHPOINTS_COLUMN[column] ?? column) : column);
  let batch: Pending[] = [];
  // One batch is written while the next is read and checked; results are reported in row order.
  let writing: Promise<void> = Promise.resolve();
  const flush = async () => {
    const pending = batch;
    batch = [];
    const toCheck = pending.filter((p) => 'record' in p);
    const results = ingest(toCheck.map((p) => p.record), ctx);
    const previous = writing;
    writing = (async () => {
      const done = await results;
      await previous;
      tally(pending, toCheck, done);
    })();
    // A failed write is thrown where it is awaited (the next flush, or the end), not as an unhandled rejection meanwhile.
    writing.catch(() => {});
    await previous;
  };
  const tally = (pending: Pending[], toCheck: Pending[], results: Awaited<ReturnType<typeof ingest>>) => {
    const resultOf = new Map(toCheck.map((p, i) => [p, results[i]]));
    pending.forEach((p) => {
      if ('refused' in p) {
        counts.rejected++;
        return report(p.refused);
      }
      const { row, record } = p;
      const r = resultOf.get(p)!;
      if (r.outcome === 'rejected') {
        counts.rejected++;
        report({ row, outcome: 'rejected', id: record.id, column: columnFor(columnOf(r.error.field, record)), reason: r.error.message });
      } else {
        counts[r.outcome]++;
        if (record.dateSource) counts.dateReceived++;
        report({ row, outcome: write ? r.outcome : r.outcome === 'stored' ? 'valid' : 'duplicate', id: record.id });
      }
    });
  };
  for await (const read of readRows(o.open(), o.format)) {
    counts.rows++;
    if ('error' in read) batch.push({ row: read.row, refused: { row: read.row, outcome: 'rejected', column: '', reason: read.error } });
    else
      try {
        batch.push({ row: read.row, record: toRecord(read.values) });
      } catch (e) {
        if (!(e instanceof RowError)) throw e;
        batch.push({ row: read.row, refused: { row: read.row, outcome: 'rejected', column: e.column, reason: e.message } });
      }
    if (batch.length >= BATCH) await flush();
  }
  if (batch.length) await flush();
  await writing;
  return counts;
}

export async function importFile(o: ImportOptions): Promise<ImportSummary> {
  const onRow = o.onRow ?? (() => {});
  const head = { service: o.service.id, channel: o.channel };
  if (o.dryRun) {
    const c = await pass(o, checkingStore(o.store, true), onRow, false);
    return { ...head, ...c, dryRun: true, written: false };
  }
  if (!o.partial) {
    const check = await pass(o, checkingStore(o.store, false), (r) => r.outcome === 'rejected' && onRow(r), false);
    if (check.rejected) return { ...head, ...check, stored: 0, duplicate: 0, dryRun: false, written: false };
    // Rows refused now (a conflict with another file's row) are reported; the rest are stored.
    const c = await pass(o, o.store, (r) => r.outcome === 'rejected' && onRow(r), true);
    return { ...head, ...c, dryRun: false, written: true };
  }
  const c = await pass(o, o.store, (r) => r.outcome === 'rejected' && onRow(r), true);
  return { ...head, ...c, dryRun: false, written: true };
}
