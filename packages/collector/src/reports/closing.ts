/**
 * Closing a quarter (issue #14 item 2): the figures submitted to OMB are frozen in the database
 * with the time, the record count and a checksum. Reports of a closed quarter show those figures,
 * and records that arrived afterwards beside them as lateArrivals, never folded in.
 */
import { quarterPeriod } from '@cx-survey/protocol';
import type { ServiceDefinition } from '../domain/services.js';
import type { QuarterClose, Store } from '../store/types.js';
import { computeReport, type QuarterReport } from './report.js';

/**
 * Records received this long before the close are the last ones its figures count. An ingest
 * stamps receivedAt before its commit; the margin lets commits in flight at closing time land
 * before the close reads, so each record is either in the frozen figures or a late arrival.
 */
export const CLOSE_MARGIN_MS = 60_000;

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
  /** The frozen figures count records received before this instant. */
  receivedBefore: string;
  records: number;
  checksum: string;
  timeZone: string;
}

export type LateArrivals = Omit<QuarterReport, 'service' | 'fiscalYear' | 'quarter' | 'period' | 'dueDate'> & { receivedFrom: string };

export interface ReportView extends QuarterReport {
  /** Present when the quarter is closed: `responses`, `trust` … are then the frozen figures. */
  closed?: ClosedInfo;
  /** Closed quarters: records of the quarter received after the close, with their own figures. */
  lateArrivals?: LateArrivals;
  /** Present when the report was asked to count only records received before an instant. */
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

const info = (c: QuarterClose, figures: ReportView): ClosedInfo => ({
  closedAt: new Date(c.closedAt).toISOString(),
  receivedBefore: figures.receivedBefore ?? new Date(c.closedAt - CLOSE_MARGIN_MS).toISOString(),
  records: c.recordCount,
  checksum: c.checksum,
  timeZone: c.timeZone,
});

/** Freezes one service's quarter. The first close stands: closing again reports the earlier one. */
export async function closeQuarter(store: Store, service: ServiceDefinition, fiscalYear: number, quarter: 1 | 2 | 3 | 4, timeZone: string, now = Date.now()): Promise<CloseOutcome> {
  const period = quarterPeriod(fiscalYear, quarter, timeZone);
  if (now < period.to)
    throw new ClosingError('quarter_not_over', `FY ${fiscalYear} Q${quarter} runs until ${period.lastDay} (${timeZone}); a quarter can be closed only after it ends`);
  const [existing] = await store.quarterCloses(fiscalYear, quarter, service.id);
  if (!existing) {
    const receivedBefore = now - CLOSE_MARGIN_MS;
    const figures: ReportView = { ...(await computeReport(store, service, fiscalYear, quarter, timeZone, { receivedBefore })), receivedBefore: new Date(receivedBefore).toISOString() };
    const close: QuarterClose = { service: service.id, fiscalYear, quarter, timeZone, closedAt: now, recordCount: figures.responses, checksum: figures.checksum, figures: JSON.stringify(figures) };
    if (await store.closeQuarter(close)) return { service: service.id, fiscalYear, quarter, closedNow: true, closed: info(close, figures) };
  }
  // Already closed (or another instance closed it a moment ago): that close stands.
  const [first] = await store.quarterCloses(fiscalYear, quarter, service.id);
  return { service: service.id, fiscalYear, quarter, closedNow: false, closed: info(first, JSON.parse(first.figures) as ReportView) };
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
  const frozen = JSON.parse(close.figures) as ReportView;
  const closed = info(close, frozen);
  const receivedFrom = Date.parse(closed.receivedBefore);
  // Late arrivals use the close's time zone, so they cover exactly the quarter that was frozen.
  const late = await computeReport(store, service, fiscalYear, quarter, close.timeZone, { receivedAfter: receivedFrom });
  const { service: _s, fiscalYear: _y, quarter: _q, period: _p, dueDate: _d, ...lateFigures } = late;
  const view: ReportView = { ...frozen, closed, lateArrivals: { receivedFrom: closed.receivedBefore, ...lateFigures } };
  delete view.receivedBefore;
  if (close.timeZone !== timeZone)
    view.warnings = [...view.warnings, `This quarter was closed with boundaries in ${close.timeZone}; the figures shown are those, not ${timeZone}.`];
  if (late.responses)
    view.warnings = [...view.warnings, `${late.responses} response(s) arrived after the quarter was closed; they are in lateArrivals, not in the submitted figures.`];
  return view;
}
