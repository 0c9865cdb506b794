import { DRIVER_KEYS, type ResponseRecord } from '@cx-survey/protocol';
import type { Store, StreamFilter } from '../store/types.js';

/**
 * Raw Q1/Q2 data for OMB (section 280.14: "submit raw data for Questions 1
 * and 2"), one row per response. Free text (Q3, additional questions) is left
 * out: OMB asks for Q1 and Q2 only, and it is where identifiers hide.
 */
export const CSV_COLUMNS = [
  'id',
  'service',
  'answered_at',
  'received_at',
  'survey_type',
  'channel',
  'location',
  'locale',
  'scale',
  'positive_cut',
  'q1',
  'trust',
  'branch',
  ...DRIVER_KEYS.map((k) => `positive_${k}`),
  ...DRIVER_KEYS.map((k) => `negative_${k}`),
  // What was asked (the record's instrument); blank for records from elements that did not send one.
  'instrument_version',
  'subject',
  'q1_wording',
  'wording',
  ...DRIVER_KEYS.map((k) => `statement_${k}`),
] as const;

/** RFC 4180 quoting; a leading =, +, - or @ is defused so spreadsheets never run a cell as a formula. */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** 1 ticked, 0 shown but not ticked, blank when the respondent never saw it (other branch, or not offered). */
function driverCells(record: ResponseRecord, branch: 'positive' | 'negative'): string[] {
  return DRIVER_KEYS.map((k) => (record.branch !== branch || !record.offered.includes(k) ? '' : record.q2.includes(k) ? '1' : '0'));
}

export function csvRow(record: ResponseRecord, receivedAt: number): string {
  const trust = record.branch === null ? '' : record.branch === 'positive' ? '1' : '0';
  const cells = [
    record.id,
    record.service,
    record.answeredAt,
    new Date(receivedAt).toISOString(),
    record.surveyType,
    record.channel,
    record.location,
    record.locale,
    record.scale,
    record.positiveCut,
    record.q1,
    trust,
    record.branch,
  ].map(csvCell);
  const i = record.instrument;
  const statements = DRIVER_KEYS.map((k) => {
    const d = i?.drivers.find((x) => x.key === k);
    return d === undefined ? '' : d.positive !== undefined ? 'custom' : String(d.statement ?? 0);
  });
  const instrument = [i?.version, i?.subject, i?.q1, i?.wording].map(csvCell);
  return `${cells.join(',')},${driverCells(record, 'positive').join(',')},${driverCells(record, 'negative').join(',')},${instrument.join(',')},${statements.join(',')}\r\n`;
}

// Chunks of rows, not one write per row: far fewer stream operations on a 2-million-row export.
const CHUNK_ROWS = 500;

export async function* csvExport(store: Store, filter: StreamFilter): AsyncGenerator<string> {
  yield `${CSV_COLUMNS.join(',')}\r\n`;
  let chunk = '';
  let n = 0;
  for await (const row of store.stream(filter)) {
    chunk += csvRow(JSON.parse(row.record) as ResponseRecord, row.receivedAt);
    if (++n % CHUNK_ROWS === 0) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

/** A JSON array of the stored records (after redaction), streamed. */
export async function* jsonExport(store: Store, filter: StreamFilter): AsyncGenerator<string> {
  let chunk = '[';
  let n = 0;
  for await (const row of store.stream(filter)) {
    chunk += (n ? ',\n' : '\n') + row.record;
    if (++n % CHUNK_ROWS === 0) {
      yield chunk;
      chunk = '';
    }
  }
  yield `${chunk}\n]\n`;
}
