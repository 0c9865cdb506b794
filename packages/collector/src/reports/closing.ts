/**
 * Closing a quarter (issue #14 item 2): the figures submitted to OMB are frozen in the database
 * with the time, the record count, a checksum and the ids counted. Reports of a closed quarter show
 * those figures, and the records they did not count beside them as lateArrivals, never folded in.
 */
import { quarterPeriod } from '@cx-survey/protocol';
import type { ServiceDefinition } from '../domain/services.js';
import type { QuarterClose, Store } from '../store/types.js';
import { computeReport, countQuarter, quarterVolumes, type QuarterReport } from './report.js';

export class ClosingError extends Error {
  constructor(
    readonly code: 'quarter_not_over',
    message: string,
  ) {
    super(message);
  }
}

/** What a closed quarter's report adds to the frozen figures. */
export interface ClosedInfo {
  closedAt: string;
  records: number;
  checksum: string;
  timeZone: string;
}

/** The figures of a closed quarter's records that its close did not count. */
export type LateArrivals = Omit<QuarterReport, 'service' | 'fiscalYear' | 'quarter' | 'period' | 'dueDate' | 'volumes'>;

export interface ReportView extends QuarterReport {
  /** Present when the quarter is closed: `responses`, `trust` … are then the frozen figures. */
  closed?: ClosedInfo;
  /** Closed quarters: records of the quarter the close did not count (they arrived later), with their own figures. */
  lateArrivals?: LateArrivals;
  /** Present when the report counts only records received before an instant. */
  receivedBefore?: string;
}

export interface CloseOutcome {
  service: string;
  fiscalYear: number;
  quarter: number;
  /** false: it was already closed, and `closed` is that earlier close. */
  closedNow: boolean;
  closed: ClosedInfo;
}

const info = (c: QuarterClose): ClosedInfo => ({ closedAt: new Date(c.closedAt).toISOString(), records: c.recordCount, checksum: c.checksum, timeZone: c.timeZone });

/** Freezes one service's quarter. The first close stands: closing again reports the earlier one. */
export async function closeQuarter(store: Store, service: ServiceDefinition, fiscalYear: number, quarter: 1 | 2 | 3 | 4, timeZone: string, now = Date.now()): Promise<CloseOutcome> {
  const period = quarterPeriod(fiscalYear, quarter, timeZone);
  if (now < period.to)
    throw new ClosingError('quarter_not_over', `FY ${fiscalYear} Q${quarter} runs until ${period.lastDay} (${timeZone}); a quarter can be closed only after it ends`);
  const [existing] = await store.quarterCloses(fiscalYear, quarter, service.id);
  if (existing) return { service: service.id, fiscalYear, quarter, closedNow: false, closed: info(existing) };
  const builder = await countQuarter(store, service, fiscalYear, quarter, timeZone, { collectIds: true });
  const figures = builder.result();
  // The volumes submitted (offers and the agency's count as they stood at closing) are frozen with the figures.
  figures.volumes = await quarterVolumes(store, service, figures);
  const close: QuarterClose = { service: service.id, fiscalYear, quarter, timeZone, closedAt: now, recordCount: figures.responses, checksum: figures.checksum, figures: JSON.stringify(figures) };
  if (await store.closeQuarter(close, builder.ids!)) return { service: service.id, fiscalYear, quarter, closedNow: true, closed: info(close) };
  // Another instance closed it a moment ago: that close stands.
  const [first] = await store.quarterCloses(fiscalYear, quarter, service.id);
  return { service: service.id, fiscalYear, quarter, closedNow: false, closed: info(first) };
}

/**
 * The quarterly report as a reader should see it: the frozen figures of a closed quarter with its
 * late arrivals, or the live figures of an open one. With `receivedBefore` (epoch ms), the figures
 * are recomputed from the records received before then, closed or not: any past run reproduced.
 */
export async function buildReport(
  store: Store,
  service: ServiceDefinition,
  fiscalYear: number,
  quarter: 1 | 2 | 3 | 4,
  timeZone = 'UTC',
  options: { receivedBefore?: number } = {},
): Promise<ReportView> {
  if (options.receivedBefore !== undefined)
    return { ...(await computeReport(store, service, fiscalYear, quarter, timeZone, options)), receivedBefore: new Date(options.receivedBefore).toISOString() };
  const [close] = await store.quarterCloses(fiscalYear, quarter, service.id);
  if (!close) return computeReport(store, service, fiscalYear, quarter, timeZone);
  const frozen = JSON.parse(close.figures) as QuarterReport;
  // In the close's time zone, so late arrivals cover exactly the quarter that was frozen.
  const late = await computeReport(store, service, fiscalYear, quarter, close.timeZone, { notInClose: true });
  // Offer counts are per day, not per record: the quarter's volumes stay with the frozen figures.
  const { service: _s, fiscalYear: _y, quarter: _q, period: _p, dueDate: _d, volumes: _v, ...lateArrivals } = late;
  const warnings = [...frozen.warnings];
  if (close.timeZone !== timeZone) warnings.push(`This quarter was closed with boundaries in ${close.timeZone}; the figures shown are those, not ${timeZone}.`);
  if (late.responses) warnings.push(`${late.responses} response(s) of this quarter arrived after it was closed; they are in lateArrivals, not in the submitted figures.`);
  // A close taken before offer counts existed (migration 4) froze no volumes: show today's.
  const volumes = frozen.volumes ?? (await quarterVolumes(store, service, frozen));
  return { ...frozen, volumes, warnings, closed: info(close), lateArrivals };
}
