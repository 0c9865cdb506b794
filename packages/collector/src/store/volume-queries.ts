/**
 * The offer-sum and volume reads of both backends (issue #14: `report --received-before` reproduces a
 * past run's volumes as well as its figures). `numbered` writes PostgreSQL's $1, $2 … placeholders.
 */
import type { OfferFilter } from './types.js';

/** Offer sums per service and channel. Now: the running sums; before an instant: the receipts received by then. */
export function offerTotalsQuery(filter: OfferFilter, numbered: boolean): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const p = (v: unknown) => (params.push(v), numbered ? `$${params.length}` : '?');
  const past = filter.receivedBefore !== undefined;
  // Receipts from before migration 5 carry no service: their counts are in the migrated per-day receipts.
  const where = [`day >= ${p(filter.fromDay)}`, `day <= ${p(filter.toDay)}`];
  if (filter.service !== undefined) where.push(`service = ${p(filter.service)}`);
  if (past) where.push('service IS NOT NULL', `received_at < ${p(filter.receivedBefore)}`);
  return {
    sql: `SELECT service, channel, sum(count) AS count FROM ${past ? 'offer_receipts' : 'offer_counts'} WHERE ${where.join(' AND ')} GROUP BY service, channel ORDER BY service, channel`,
    params,
  };
}

/** Keeps one volume set with its time (parameters: service, fiscal year, quarter, volume, time). */
export const volumeHistoryInsert = (numbered: boolean): string =>
  `INSERT INTO service_volume_history (service, fiscal_year, quarter, volume, set_at) VALUES (${numbered ? '$1, $2, $3, $4, $5' : '?, ?, ?, ?, ?'})`;

/** A quarter's volume as it stands, or the last one set before an instant. */
export function volumeQuery(service: string, fiscalYear: number, quarter: number, setBefore: number | undefined, numbered: boolean): { sql: string; params: unknown[] } {
  const n = (i: number) => (numbered ? `$${i}` : '?');
  const key = `service = ${n(1)} AND fiscal_year = ${n(2)} AND quarter = ${n(3)}`;
  const columns = numbered ? 'service, fiscal_year AS "fiscalYear", quarter, volume' : 'service, fiscal_year AS fiscalYear, quarter, volume';
  const updatedAt = numbered ? '"updatedAt"' : 'updatedAt';
  if (setBefore === undefined) return { sql: `SELECT ${columns}, updated_at AS ${updatedAt} FROM service_volumes WHERE ${key}`, params: [service, fiscalYear, quarter] };
  return {
    sql: `SELECT ${columns}, set_at AS ${updatedAt} FROM service_volume_history WHERE ${key} AND set_at < ${n(4)} ORDER BY set_at DESC LIMIT 1`,
    params: [service, fiscalYear, quarter, setBefore],
  };
}
