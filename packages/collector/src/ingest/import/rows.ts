/**
 * One row of an import file (docs/channels.md) to a response record: the same record a browser
 * sends, with the channel and date it was answered, and an id derived from (service, channel,
 * external id) so a file imported twice stores each response once.
 */
import { hash } from 'node:crypto';
import {
  branchFor,
  channelAsksQ3,
  DRIVER_KEYS,
  DRIVER_LIST_SEPARATOR,
  IMPORT_COLUMN_NAMES,
  RECEIVED_DATE_CHANNELS,
  SCHEMA_VERSION,
  startOfDay,
  type DriverKey,
  type ResponseRecord,
} from '@cx-survey/protocol';
import { scaleAt } from '../../domain/service-scale.js';
import type { ServiceDefinition } from '../../domain/services.js';

/** A row as read from CSV (strings) or JSON Lines (strings, numbers, lists or null). */
export type RawRow = Record<string, unknown>;

export class RowError extends Error {
  constructor(
    readonly column: string,
    message: string,
  ) {
    super(message);
  }
}

/** A UUID (version 8, RFC 9562) from the row's identity: the same row always gets the same id. */
export function importedRecordId(service: string, channel: string, externalId: string): string {
  const h = hash('sha256', `cx-survey import\0${service}\0${channel}\0${externalId}`, 'hex').slice(0, 32).split('');
  h[12] = '8';
  h[16] = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  const s = h.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

function text(row: RawRow, column: string): string | undefined {
  const v = row[column];
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'number') return String(v);
  if (typeof v !== 'string') throw new RowError(column, 'must be text');
  const t = v.trim();
  return t === '' ? undefined : t;
}

/** A date-only value is the start of that day in the reporting time zone, so it falls in the right quarter. */
function instant(value: string, column: string, timeZone: string): string {
  // A file's rows share few dates, and the time-zone arithmetic is the dearest step of a row: remember them.
  const key = `${timeZone}\0${value}`;
  const known = instants.get(key);
  if (known !== undefined) return known;
  const result = computeInstant(value, column, timeZone);
  if (instants.size >= 10_000) instants.clear();
  instants.set(key, result);
  return result;
}
const instants = new Map<string, string>();

function computeInstant(value: string, column: string, timeZone: string): string {
  const d = DATE_ONLY.exec(value)?.slice(1).map(Number);
  // A calendar date that exists (no 2026-02-30), and a date-time with its time.
  const real = d && new Date(Date.UTC(d[0], d[1] - 1, d[2])).toISOString().startsWith(value) && d[0] >= 1900;
  const ms = d ? (real ? startOfDay(d[0], d[1], d[2], timeZone) : NaN) : /T/.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(ms)) throw new RowError(column, `"${value}" is not a date (YYYY-MM-DD) or an ISO 8601 date-time`);
  return new Date(ms).toISOString();
}

function drivers(row: RawRow, column: string): DriverKey[] {
  const v = row[column];
  const list = Array.isArray(v) ? v : v === undefined || v === null ? [] : typeof v === 'string' ? v.split(DRIVER_LIST_SEPARATOR) : null;
  if (!list || list.some((k) => typeof k !== 'string')) throw new RowError(column, 'must be driver keys separated by ";"');
  const keys = (list as string[]).map((k) => k.trim().toLowerCase()).filter(Boolean);
  for (const k of keys)
    if (!(DRIVER_KEYS as readonly string[]).includes(k)) throw new RowError(column, `"${k}" is not a driver; use ${DRIVER_KEYS.join(', ')}`);
  if (new Set(keys).size !== keys.length) throw new RowError(column, 'a driver is listed twice');
  // The seed's order, as the element sends them.
  return DRIVER_KEYS.filter((k) => keys.includes(k));
}

export interface RowContext {
  service: ServiceDefinition;
  channel: string;
  timeZone: string;
}

/** Builds the record for one row, or throws a RowError naming the column at fault. */
export function rowToRecord(row: RawRow, ctx: RowContext): ResponseRecord {
  const { service, channel } = ctx;
  for (const k of Object.keys(row)) if (!IMPORT_COLUMN_NAMES.includes(k)) throw new RowError(k, `unknown column; the columns are ${IMPORT_COLUMN_NAMES.join(', ')}`);
  const externalId = text(row, 'external_id');
  if (!externalId) throw new RowError('external_id', 'is required: each row needs its own id so a re-import stores nothing twice');
  if (externalId.length > 200) throw new RowError('external_id', 'is longer than 200 characters');

  const answered = text(row, 'answered_at');
  const received = text(row, 'received_at');
  if (!answered && !received) throw new RowError('answered_at', 'is required (or, for paper, received_at)');
  if (!answered && !RECEIVED_DATE_CHANNELS.includes(channel))
    throw new RowError('answered_at', `is required on the ${channel} channel; received_at stands in for it on ${RECEIVED_DATE_CHANNELS.join(' and ')} only`);
  const answeredAt = answered ? instant(answered, 'answered_at', ctx.timeZone) : instant(received!, 'received_at', ctx.timeZone);

  const q1Text = text(row, 'q1');
  const q1 = q1Text === undefined ? null : Number(q1Text);
  // The scale and cut the service used on the day the answer is dated.
  const { scale, positiveCut } = scaleAt(service.scaleHistory, Date.parse(answeredAt));
  const valid = scale === 'thumbs' ? [0, 1] : [1, 2, 3, 4, 5];
  if (q1 !== null && !valid.includes(q1)) throw new RowError('q1', scale === 'thumbs' ? 'must be 1 (agree) or 0 (disagree) on the thumbs scale' : 'must be 1 to 5 on the five-point scale');
  const branch = branchFor(scale, q1, positiveCut ?? 5);
  const q2a = drivers(row, 'q2a');
  const q2b = drivers(row, 'q2b');
  if (q2a.length && branch !== 'positive') throw new RowError('q2a', q1 === null ? 'Q2a was answered without a Q1 answer to branch on' : `Q1 ${q1} leads to Q2b, not Q2a`);
  if (q2b.length && branch !== 'negative') throw new RowError('q2b', q1 === null ? 'Q2b was answered without a Q1 answer to branch on' : `Q1 ${q1} leads to Q2a, not Q2b`);

  const q3 = text(row, 'q3') ?? null;
  if (q3 !== null && !channelAsksQ3(channel)) throw new RowError('q3', `the ${channel} survey does not ask Q3; leave it blank`);
  const record: ResponseRecord = {
    id: importedRecordId(service.id, channel, externalId),
    schemaVersion: SCHEMA_VERSION,
    service: service.id,
    surveyType: 'post-interaction',
    channel,
    scale,
    q1,
    branch,
    q2: branch === 'positive' ? q2a : q2b,
    offered: [...service.driverKeys],
    q3,
    answers: {},
    answeredAt,
  };
  if (!answered) record.dateSource = 'received';
  if (scale === 'five-point') record.positiveCut = positiveCut ?? 5;
  const locale = text(row, 'locale');
  if (locale) record.locale = locale;
  const location = text(row, 'location');
  if (location) record.location = location;
  return record;
}

/** The import column a record field's problem belongs to. */
export function columnOf(field: string | undefined, record: ResponseRecord): string {
  const top = (field ?? '').split(/[.[]/)[0];
  if (top === 'q2' || top === 'offered') return record.branch === 'negative' ? 'q2b' : 'q2a';
  if (top === 'answeredAt') return record.dateSource ? 'received_at' : 'answered_at';
  if (top === 'id') return 'external_id';
  if (['q1', 'branch', 'scale', 'positiveCut'].includes(top)) return 'q1';
  return top;
}
