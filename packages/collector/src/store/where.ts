import type { RowFilter } from './types.js';

/** A position in (counted_at, id) order: where the next page of a stream starts. */
export interface After {
  countedAt: number;
  id: string;
}

/**
 * The one WHERE clause over the responses table, for both backends and the analytics queries.
 * `numbered` writes PostgreSQL's $1, $2 … placeholders; otherwise "?" (SQLite, or a caller that
 * numbers them itself).
 */
export function whereClause(filter: RowFilter, options: { numbered?: boolean; after?: After } = {}): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  const p = (value: unknown) => {
    params.push(value);
    return options.numbered ? `$${params.length}` : '?';
  };
  if (filter.service !== undefined) parts.push(`service = ${p(filter.service)}`);
  if (filter.from !== undefined) parts.push(`counted_at >= ${p(filter.from)}`);
  if (filter.to !== undefined) parts.push(`counted_at < ${p(filter.to)}`);
  if (filter.receivedBefore !== undefined) parts.push(`received_at < ${p(filter.receivedBefore)}`);
  if (filter.receivedAfter !== undefined) parts.push(`received_at >= ${p(filter.receivedAfter)}`);
  if (filter.channel !== undefined) parts.push(`channel = ${p(filter.channel)}`);
  if (filter.surveyType !== undefined) parts.push(`survey_type = ${p(filter.surveyType)}`);
  // A close's membership, either way: the records it counted (inClose) or those it did not (notInClose).
  for (const [close, negate] of [
    [filter.inClose, false],
    [filter.notInClose, true],
  ] as const) {
    if (close === undefined) continue;
    if (filter.service === undefined) throw new RangeError(`${negate ? 'notInClose' : 'inClose'} needs a service`);
    parts.push(
      `${negate ? 'NOT ' : ''}EXISTS (SELECT 1 FROM quarter_close_records c WHERE c.service = responses.service AND c.fiscal_year = ${p(close.fiscalYear)} AND c.quarter = ${p(close.quarter)} AND c.id = responses.id)`,
    );
  }
  const after = options.after;
  // PostgreSQL stores ids as uuid: the bound text must be cast for the row comparison.
  if (after) parts.push(`(counted_at, id) > (${p(after.countedAt)}, ${p(after.id)}${options.numbered ? '::uuid' : ''})`);
  return { sql: parts.length ? ` WHERE ${parts.join(' AND ')}` : '', params };
}
