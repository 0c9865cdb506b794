import { createHash } from 'node:crypto';
import { DRIVER_KEYS, quarterPeriod, type DriverKey, type QuarterPeriod, type ResponseRecord, type Scale } from '@cx-survey/protocol';
import { describeScale, scaleAt } from '../domain/service-scale.js';
import type { ServiceDefinition } from '../domain/services.js';
import { addToTally, emptyTally, percent, reportTrust, type Tally, type Trust } from '../domain/trust.js';
import type { Store, StoredResponse, StreamFilter } from '../store/types.js';
import { volumeOfCustomers } from './volumes.js';

export type { Trust } from '../domain/trust.js';

export interface DriverTally {
  count: number;
  /** count / respondents of the branch who ticked at least one driver. */
  share: number | null;
  /** Respondents of the branch who were shown this driver. */
  offered: number;
}

export interface BranchDrivers {
  /** Responses on this branch (Q1 led to Q2a, or to Q2b). */
  responses: number;
  /** Of those, how many ticked at least one driver. */
  answeredQ2: number;
  drivers: Record<DriverKey, DriverTally>;
}

export interface Breakdown {
  responses: number;
  trust: Trust;
}

/** The figures of the records answered on one scale and cut: never mixed with another's. */
export interface ScaleFigures {
  scale: Scale;
  /** Five-point: the lowest rating that was positive (it decided Q2a or Q2b); null on thumbs. */
  positiveCut: number | null;
  responses: number;
  q1Answered: number;
  trust: Trust;
  q2: { positive: BranchDrivers; negative: BranchDrivers };
}

/** A record whose answeredAt cannot be believed, counted in the quarter it was received. */
export interface ClockSuspectEntry {
  id: string;
  answeredAt: string;
  receivedAt: string;
}

/** At most this many clock-suspect records are listed by id; all are counted. */
export const CLOCK_SUSPECT_LISTED = 1000;

export interface QuarterReport {
  service: {
    id: string;
    name: string;
    agency: string;
    /** The scale in force at the end of the quarter: `trust`, `q2` and the breakdowns are on it. */
    scale: string;
    positiveCut: number | null;
    pra: { controlNumber: string; expiration: string } | null;
    praExempt: string | null;
    notApplicable: Partial<Record<DriverKey, string>>;
  };
  fiscalYear: number;
  quarter: number;
  period: { firstDay: string; lastDay: string; timeZone: string };
  dueDate: string;
  /** Every response counted in the quarter, whatever its scale. */
  responses: number;
  q1Answered: number;
  trust: Trust;
  q2: { positive: BranchDrivers; negative: BranchDrivers };
  /** One entry per scale and cut the quarter's records were answered on, oldest first. */
  trustByScale: ScaleFigures[];
  byChannel: Record<string, Breakdown>;
  bySurveyType: Record<string, Breakdown>;
  /** Responses whose free text had identifiers removed before storage. */
  redactedResponses: number;
  /** Paper responses dated by the day the form arrived, not the day it was answered (their quarter may be late). */
  receivedDateResponses: number;
  /** Records counted here by when they arrived, because their answeredAt could not be believed. */
  clockSuspect: { count: number; records: ClockSuspectEntry[] };
  /** SHA-256 over the ids and stored texts of the records counted, in order: equal checksums, equal data. */
  checksum: string;
  /** Things a reader must know before using the figures. */
  warnings: string[];
  /** Served volume, surveys offered and response rate (docs/reports.md, "Volumes and response rate"). */
  volumes: Volumes;
}

export interface ChannelVolumes {
  offered: number;
  responses: number;
  /** responses / offered × 100; null when no offer was counted. */
  responseRate: number | null;
}

export interface Volumes extends ChannelVolumes {
  /** The agency's count of customers served in the quarter (Touchpoints' volume_of_customers). */
  volumeOfCustomers: number | null;
  volumeSource: 'admin-api' | 'services-file' | null;
  /** offered / volumeOfCustomers × 100: the share of customers given the survey opportunity. */
  offeredShare: number | null;
  byChannel: Record<string, ChannelVolumes>;
}

class BranchCounter {
  responses = 0;
  answeredQ2 = 0;
  readonly counts = new Map<DriverKey, number>(DRIVER_KEYS.map((k) => [k, 0]));
  readonly offered = new Map<DriverKey, number>(DRIVER_KEYS.map((k) => [k, 0]));
  add(record: ResponseRecord) {
    this.responses++;
    for (const k of record.offered) this.offered.set(k, this.offered.get(k)! + 1);
    if (record.q2.length) this.answeredQ2++;
    for (const k of record.q2) this.counts.set(k, this.counts.get(k)! + 1);
  }
  result(): BranchDrivers {
    const drivers = {} as Record<DriverKey, DriverTally>;
    for (const k of DRIVER_KEYS) drivers[k] = { count: this.counts.get(k)!, share: percent(this.counts.get(k)!, this.answeredQ2), offered: this.offered.get(k)! };
    return { responses: this.responses, answeredQ2: this.answeredQ2, drivers };
  }
}

/** Everything counted for one scale and cut. */
class ScaleCounter {
  readonly trust = emptyTally();
  readonly positive = new BranchCounter();
  readonly negative = new BranchCounter();
  readonly channels = new Map<string, Tally>();
  readonly types = new Map<string, Tally>();
  constructor(
    readonly scale: Scale,
    readonly positiveCut: number | null,
  ) {}

  add(record: ResponseRecord) {
    addToTally(this.trust, record.q1);
    if (record.branch === 'positive') this.positive.add(record);
    else if (record.branch === 'negative') this.negative.add(record);
    addToTally(bucket(this.channels, record.channel), record.q1);
    addToTally(bucket(this.types, record.surveyType), record.q1);
  }

  figures(): ScaleFigures {
    return {
      scale: this.scale,
      positiveCut: this.positiveCut,
      responses: this.trust.responses,
      q1Answered: this.trust.answered,
      trust: reportTrust(this.trust, this.scale),
      q2: { positive: this.positive.result(), negative: this.negative.result() },
    };
  }
}

function bucket(map: Map<string, Tally>, key: string): Tally {
  let b = map.get(key);
  if (!b) map.set(key, (b = emptyTally()));
  return b;
}

const segmentKey = (scale: Scale, cut: number | null) => `${scale}:${cut ?? ''}`;

/** Folds records into a report one at a time: memory does not grow with the number of responses. */
export class ReportBuilder {
  private responses = 0;
  private redacted = 0;
  private receivedDated = 0;
  private readonly segments = new Map<string, ScaleCounter>();
  /** Records counted per channel and survey type, whatever their scale. */
  private readonly channelCounts = new Map<string, number>();
  private readonly typeCounts = new Map<string, number>();
  private readonly suspects: ClockSuspectEntry[] = [];
  private suspectCount = 0;
  private readonly hash = createHash('sha256');
  /** The scale in force at the quarter's end: the headline figures are on it. */
  private readonly main: { scale: Scale; positiveCut: number | null };

  /** With collectIds, the ids counted (a close stores them). */
  readonly ids: string[] | null;

  constructor(
    private readonly service: ServiceDefinition,
    private readonly period: QuarterPeriod,
    options: { collectIds?: boolean } = {},
  ) {
    this.ids = options.collectIds ? [] : null;
    const p = scaleAt(service.scaleHistory, period.to - 1);
    this.main = { scale: p.scale, positiveCut: p.positiveCut };
  }

  add(row: StoredResponse) {
    const record = JSON.parse(row.record) as ResponseRecord;
    this.hash.update(`${row.id}\n${row.record}\n`);
    this.ids?.push(row.id);
    this.responses++;
    if (row.redactions) this.redacted++;
    if (record.dateSource === 'received') this.receivedDated++;
    if (row.clockSuspect) {
      this.suspectCount++;
      if (this.suspects.length < CLOCK_SUSPECT_LISTED)
        this.suspects.push({ id: row.id, answeredAt: record.answeredAt, receivedAt: new Date(row.receivedAt).toISOString() });
    }
    // Each record counts on its own scale and cut, whatever the service uses today.
    const cut = record.scale === 'five-point' ? (record.positiveCut ?? 5) : null;
    const key = segmentKey(record.scale, cut);
    let segment = this.segments.get(key);
    if (!segment) this.segments.set(key, (segment = new ScaleCounter(record.scale, cut)));
    segment.add(record);
    this.channelCounts.set(record.channel, (this.channelCounts.get(record.channel) ?? 0) + 1);
    this.typeCounts.set(record.surveyType, (this.typeCounts.get(record.surveyType) ?? 0) + 1);
  }

  result(): QuarterReport {
    const s = this.service;
    const main = this.segments.get(segmentKey(this.main.scale, this.main.positiveCut)) ?? new ScaleCounter(this.main.scale, this.main.positiveCut);
    const headline = main.figures();
    const others = [...this.segments.values()].filter((c) => c !== main);
    const breakdown = (counts: Map<string, number>, tallies: Map<string, Tally>) =>
      Object.fromEntries(
        [...counts.entries()]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([k, n]) => [k, { responses: n, trust: reportTrust(tallies.get(k) ?? emptyTally(), main.scale) }]),
      );
    const warnings: string[] = [];
    if (others.length) {
      const n = others.reduce((sum, c) => sum + c.trust.responses, 0);
      warnings.push(
        `This quarter holds responses on more than one scale. trust, q2 and the breakdowns count only the ${headline.responses} on the ${describeScale(this.main)} scale in force at the quarter's end; ` +
          `the other ${n} (${others.map((c) => describeScale(c)).join('; ')}) are in trustByScale. Report each scale's figures separately; never add them up.`,
      );
    }
    if (this.suspectCount)
      warnings.push(`${this.suspectCount} response(s) had an implausible answer time (device clock) and are counted in the quarter they were received; see clockSuspect.`);
    if (s.pra && s.pra.expiration < this.period.lastDay)
      warnings.push(`The PRA clearance (OMB control number ${s.pra.controlNumber}) expired on ${s.pra.expiration}, before the quarter ended.`);
    return {
      service: { id: s.id, name: s.name, agency: s.agency, scale: this.main.scale, positiveCut: this.main.positiveCut, pra: s.pra, praExempt: s.praExempt, notApplicable: s.notApplicable },
      fiscalYear: this.period.fiscalYear,
      quarter: this.period.quarter,
      period: { firstDay: this.period.firstDay, lastDay: this.period.lastDay, timeZone: this.period.timeZone },
      dueDate: this.period.dueDate,
      responses: this.responses,
      q1Answered: headline.q1Answered,
      trust: headline.trust,
      q2: headline.q2,
      trustByScale: [...this.segments.values()].map((c) => c.figures()).sort((a, b) => scaleOrder(this.service, a) - scaleOrder(this.service, b)),
      byChannel: breakdown(this.channelCounts, main.channels),
      bySurveyType: breakdown(this.typeCounts, main.types),
      redactedResponses: this.redacted,
      receivedDateResponses: this.receivedDated,
      clockSuspect: { count: this.suspectCount, records: this.suspects },
      checksum: this.hash.digest('hex'),
      warnings,
      volumes: { volumeOfCustomers: null, volumeSource: null, offered: 0, responses: this.responses, responseRate: null, offeredShare: null, byChannel: {} },
    };
  }
}

/** Oldest period first (by the services file's history); a scale it never lists goes last. */
function scaleOrder(service: ServiceDefinition, f: ScaleFigures): number {
  const i = [...service.scaleHistory].reverse().findIndex((p) => p.scale === f.scale && p.positiveCut === f.positiveCut);
  return i < 0 ? service.scaleHistory.length : service.scaleHistory.length - 1 - i;
}

export function quarterFilter(service: string, period: QuarterPeriod): StreamFilter {
  return { service, from: period.from, to: period.to };
}

export interface ReportOptions {
  /** Count only records received before this instant (epoch ms): what a run at that time showed. */
  receivedBefore?: number;
  /** Count only records the quarter's close did not count: its late arrivals. */
  notInClose?: boolean;
}

/**
 * Section 280.14's quarterly figures for one designated service, computed from the stored records.
 * Responses count in the quarter they were answered in, or, clock suspect, received in.
 */
export async function computeReport(store: Store, service: ServiceDefinition, fiscalYear: number, quarter: 1 | 2 | 3 | 4, timeZone = 'UTC', options: ReportOptions = {}): Promise<QuarterReport> {
  const report = (await countQuarter(store, service, fiscalYear, quarter, timeZone, options)).result();
  report.volumes = await quarterVolumes(store, service, report, options.receivedBefore);
  return report;
}

/** Streams the quarter's records into a builder (which keeps their ids when asked). */
export async function countQuarter(
  store: Store,
  service: ServiceDefinition,
  fiscalYear: number,
  quarter: 1 | 2 | 3 | 4,
  timeZone: string,
  options: ReportOptions & { collectIds?: boolean } = {},
): Promise<ReportBuilder> {
  const period = quarterPeriod(fiscalYear, quarter, timeZone);
  const builder = new ReportBuilder(service, period, { collectIds: options.collectIds });
  const filter: StreamFilter = { ...quarterFilter(service.id, period), receivedBefore: options.receivedBefore };
  if (options.notInClose) filter.notInClose = { fiscalYear, quarter };
  for await (const row of store.stream(filter)) builder.add(row);
  return builder;
}

/**
 * Offers counted on the quarter's days, the agency's volume, and the rates between them and the
 * responses; with `receivedBefore` (epoch ms), only the offers received and the volume set before then.
 */
export async function quarterVolumes(store: Store, service: ServiceDefinition, report: QuarterReport, receivedBefore?: number): Promise<Volumes> {
  const totals = await store.offerTotals({ service: service.id, fromDay: report.period.firstDay, toDay: report.period.lastDay, receivedBefore });
  const volume = await volumeOfCustomers(store, service, report.fiscalYear, report.quarter, receivedBefore);
  const channels = new Set([...totals.map((t) => t.channel), ...Object.keys(report.byChannel)]);
  const byChannel: Record<string, ChannelVolumes> = {};
  for (const ch of [...channels].sort()) {
    const offered = totals.find((t) => t.channel === ch)?.count ?? 0;
    const responses = report.byChannel[ch]?.responses ?? 0;
    byChannel[ch] = { offered, responses, responseRate: percent(responses, offered) };
  }
  const offered = totals.reduce((n, t) => n + t.count, 0);
  return {
    volumeOfCustomers: volume.volumeOfCustomers,
    volumeSource: volume.source,
    offered,
    responses: report.responses,
    responseRate: percent(report.responses, offered),
    offeredShare: volume.volumeOfCustomers === null ? null : percent(offered, volume.volumeOfCustomers),
    byChannel,
  };
}
