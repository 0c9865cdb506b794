import { DRIVER_KEYS, quarterPeriod, type DriverKey, type QuarterPeriod, type ResponseRecord } from '@cx-survey/protocol';
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

export interface QuarterReport {
  service: { id: string; name: string; agency: string; scale: string };
  fiscalYear: number;
  quarter: number;
  period: { firstDay: string; lastDay: string; timeZone: string };
  dueDate: string;
  responses: number;
  q1Answered: number;
  trust: Trust;
  q2: { positive: BranchDrivers; negative: BranchDrivers };
  byChannel: Record<string, Breakdown>;
  bySurveyType: Record<string, Breakdown>;
  /** Responses whose free text had identifiers removed before storage. */
  redactedResponses: number;
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

/** Folds records into a report one at a time: memory does not grow with the number of responses. */
export class ReportBuilder {
  private responses = 0;
  private redacted = 0;
  private readonly trust = emptyTally();
  private readonly positive = new BranchCounter();
  private readonly negative = new BranchCounter();
  private readonly channels = new Map<string, Tally>();
  private readonly types = new Map<string, Tally>();

  constructor(
    private readonly service: ServiceDefinition,
    private readonly period: QuarterPeriod,
  ) {}

  private bucket(map: Map<string, Tally>, key: string) {
    let b = map.get(key);
    if (!b) map.set(key, (b = emptyTally()));
    return b;
  }

  add(row: StoredResponse) {
    const record = JSON.parse(row.record) as ResponseRecord;
    this.responses++;
    if (row.redactions) this.redacted++;
    addToTally(this.trust, record.q1);
    if (record.branch === 'positive') this.positive.add(record);
    else if (record.branch === 'negative') this.negative.add(record);
    addToTally(this.bucket(this.channels, record.channel), record.q1);
    addToTally(this.bucket(this.types, record.surveyType), record.q1);
  }

  result(): QuarterReport {
    const scale = this.service.scale;
    const breakdown = (map: Map<string, Tally>) =>
      Object.fromEntries([...map.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, { responses: v.responses, trust: reportTrust(v, scale) }]));
    const s = this.service;
    return {
      service: { id: s.id, name: s.name, agency: s.agency, scale: s.scale },
      fiscalYear: this.period.fiscalYear,
      quarter: this.period.quarter,
      period: { firstDay: this.period.firstDay, lastDay: this.period.lastDay, timeZone: this.period.timeZone },
      dueDate: this.period.dueDate,
      responses: this.responses,
      q1Answered: this.trust.answered,
      trust: reportTrust(this.trust, scale),
      q2: { positive: this.positive.result(), negative: this.negative.result() },
      byChannel: breakdown(this.channels),
      bySurveyType: breakdown(this.types),
      redactedResponses: this.redacted,
      volumes: { volumeOfCustomers: null, volumeSource: null, offered: 0, responses: this.responses, responseRate: null, offeredShare: null, byChannel: {} },
    };
  }
}

export function quarterFilter(service: string, period: QuarterPeriod): StreamFilter {
  return { service, from: period.from, to: period.to };
}

/** Section 280.14's quarterly figures for one designated service. Responses count in the quarter they were answered in. */
export async function buildReport(store: Store, service: ServiceDefinition, fiscalYear: number, quarter: 1 | 2 | 3 | 4, timeZone = 'UTC'): Promise<QuarterReport> {
  const period = quarterPeriod(fiscalYear, quarter, timeZone);
  const builder = new ReportBuilder(service, period);
  for await (const row of store.stream(quarterFilter(service.id, period))) builder.add(row);
  const report = builder.result();
  report.volumes = await quarterVolumes(store, service, report);
  return report;
}

/** Offers counted on the quarter's days, the agency's volume, and the rates between them and the responses. */
async function quarterVolumes(store: Store, service: ServiceDefinition, report: QuarterReport): Promise<Volumes> {
  const totals = await store.offerTotals({ service: service.id, fromDay: report.period.firstDay, toDay: report.period.lastDay });
  const volume = await volumeOfCustomers(store, service, report.fiscalYear, report.quarter);
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
