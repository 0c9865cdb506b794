/**
 * A row of Touchpoints' A-11 v2 export to a response record (protocol/src/media/touchpoints.ts
 * says what the file holds). The file has no date per row: the importer is told one (the export
 * period's last day), and every row is dated by it, so it lands in that quarter.
 */
import { branchFor, SCHEMA_VERSION, TOUCHPOINTS_A11_V2_COLUMNS, TOUCHPOINTS_DRIVERS, type DriverKey, type ResponseRecord } from '@cx-survey/protocol';
import { scaleAt } from '../../domain/service-scale.js';
import { importedRecordId, RowError, type RawRow, type RowContext } from './rows.js';

export const TOUCHPOINTS_FORMAT = 'touchpoints-a11-v2';

function cell(row: RawRow, column: string): string {
  const v = row[column];
  if (v === undefined) throw new RowError(column, `missing: a Touchpoints A-11 v2 file has the columns ${TOUCHPOINTS_A11_V2_COLUMNS.join(', ')}`);
  return typeof v === 'string' ? v.trim() : String(v ?? '');
}

/** One branch's columns: ticked drivers and offered drivers. */
function branchColumns(row: RawRow, prefix: 'positive' | 'negative'): { ticked: DriverKey[]; offered: DriverKey[] } {
  const ticked: DriverKey[] = [];
  const offered: DriverKey[] = [];
  for (const key of TOUCHPOINTS_DRIVERS) {
    const column = `${prefix}_${key}`;
    const v = cell(row, column);
    if (v === 'null') continue;
    if (v !== '0' && v !== '1') throw new RowError(column, `must be 1 (ticked), 0 (offered, not ticked) or null (not offered), not "${v}"`);
    offered.push(key);
    if (v === '1') ticked.push(key);
  }
  return { ticked, offered };
}

export function touchpointsRowToRecord(row: RawRow, ctx: RowContext & { answeredAt: string }): ResponseRecord {
  for (const k of Object.keys(row))
    if (!(TOUCHPOINTS_A11_V2_COLUMNS as readonly string[]).includes(k)) throw new RowError(k, `not a Touchpoints A-11 v2 column; expected ${TOUCHPOINTS_A11_V2_COLUMNS.join(', ')}`);
  const { service, channel } = ctx;
  const externalId = cell(row, 'external_id');
  if (!externalId) throw new RowError('external_id', 'is required (the Touchpoints submission id)');
  const q1Text = cell(row, 'question_1');
  const q1 = q1Text === '' ? null : Number(q1Text);
  const { scale, positiveCut } = scaleAt(service.scaleHistory, Date.parse(ctx.answeredAt));
  const valid = scale === 'thumbs' ? [0, 1] : [1, 2, 3, 4, 5];
  if (q1 !== null && !valid.includes(q1))
    throw new RowError('question_1', `"${q1Text}" is not a ${scale} answer (${valid.join(', ')}); is --service the right one for this form?`);
  const branch = branchFor(scale, q1, positiveCut ?? 5);
  const positive = branchColumns(row, 'positive');
  const negative = branchColumns(row, 'negative');
  if (positive.ticked.length && branch !== 'positive') throw new RowError(`positive_${positive.ticked[0]}`, `ticked, but question_1 ${q1Text || '(blank)'} leads to the negative branch`);
  if (negative.ticked.length && branch !== 'negative') throw new RowError(`negative_${negative.ticked[0]}`, `ticked, but question_1 ${q1Text || '(blank)'} leads to the positive branch`);
  const side = branch === 'negative' ? negative : positive;
  const q3 = cell(row, 'question_4');
  const record: ResponseRecord = {
    id: importedRecordId(service.id, channel, `touchpoints:${externalId}`),
    schemaVersion: SCHEMA_VERSION,
    service: service.id,
    surveyType: 'post-interaction',
    channel,
    scale,
    q1,
    branch,
    q2: branch ? side.ticked : [],
    offered: side.offered,
    q3: q3 === '' ? null : q3,
    answers: {},
    answeredAt: ctx.answeredAt,
  };
  if (scale === 'five-point') record.positiveCut = positiveCut ?? 5;
  return record;
}
