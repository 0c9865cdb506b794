/**
 * The one parser of query strings: service, fiscal quarter and the dashboard's filters. A bad value
 * throws QueryError, which the routes answer with a 4xx naming the field.
 */
import { fiscalQuarterOf, isSlug, parseFiscalQuarter, quarterPeriod, type QuarterPeriod } from '@cx-survey/protocol';
import type { ServiceDefinition } from '../domain/services.js';
import { CUTS, type Cut } from '../domain/trust.js';
import type { RowFilter } from '../store/types.js';

export class QueryError extends Error {
  constructor(
    readonly field: string,
    message: string,
    readonly status = 400,
    readonly code = 'invalid_query',
  ) {
    super(message);
  }
}

export interface QueryText {
  service?: string;
  fy?: string;
  quarter?: string;
  channel?: string;
  surveyType?: string;
  cut?: string;
  /** Reports: count only records received before this date or instant. */
  receivedBefore?: string;
}

export interface ParsedRange {
  filter: RowFilter;
  /** Present when the query named a quarter (or one was defaulted). */
  period?: QuarterPeriod;
}

/** A declared service, or a 404. */
export function serviceFrom(services: Map<string, ServiceDefinition>, id: string): ServiceDefinition {
  const s = services.get(id);
  if (!s) throw new QueryError('service', `service "${id}" is not declared`, 404, 'unknown_service');
  return s;
}

/**
 * service, fy and quarter. fy and quarter go together; without them the range is every quarter,
 * or, with `quarter: 'current'`, the fiscal quarter running now.
 */
export function parseRange(
  query: QueryText,
  services: Map<string, ServiceDefinition>,
  timeZone: string,
  options: { quarter: 'optional' | 'required' | 'current' } = { quarter: 'optional' },
): ParsedRange {
  const filter: RowFilter = {};
  if (query.service !== undefined) filter.service = serviceFrom(services, query.service).id;
  let { fy, quarter } = query;
  if (fy === undefined && quarter === undefined) {
    if (options.quarter === 'optional') return { filter };
    if (options.quarter === 'required') throw new QueryError('fy', 'fy and quarter are required');
    const now = fiscalQuarterOf(Date.now());
    fy = String(now.fiscalYear);
    quarter = String(now.quarter);
  }
  if (options.quarter === 'current') {
    // The dashboard may name either; the other is the current one's.
    const now = fiscalQuarterOf(Date.now());
    fy ??= String(now.fiscalYear);
    quarter ??= String(now.quarter);
  }
  const q = parseFiscalQuarter(fy, quarter);
  if (!q.ok) throw new QueryError(q.field, q.message);
  const period = quarterPeriod(q.fiscalYear, q.quarter, timeZone);
  return { filter: { ...filter, from: period.from, to: period.to }, period };
}

/** The dashboard's facets (channel, survey type) and the five-point cut. */
export function parseFacets(query: QueryText): { channel?: string; surveyType?: string; cut: Cut } {
  for (const k of ['channel', 'surveyType'] as const)
    if (query[k] !== undefined && query[k] !== '' && !isSlug(query[k])) throw new QueryError(k, `${k} is not a valid value`);
  const cut = query.cut === undefined ? 5 : Number(query.cut);
  if (!(CUTS as readonly number[]).includes(cut)) throw new QueryError('cut', `cut must be ${CUTS.join(', ')}`);
  return { channel: query.channel || undefined, surveyType: query.surveyType || undefined, cut: cut as Cut };
}

/** A whole number in a range, or the default when absent. */
export function parseInteger(text: string | undefined, field: string, fallback: number, min: number, max: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max) throw new QueryError(field, `${field} must be a whole number from ${min} to ${max}`);
  return n;
}
