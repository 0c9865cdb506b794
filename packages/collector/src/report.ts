import { DRIVER_KEYS, type DriverKey, type ResponseRecord } from '@cx-survey/protocol';
import { quarterPeriod, type QuarterPeriod } from './calendar.js';
import type { ServiceDefinition } from './services.js';
import type { Store, StoredResponse, StreamFilter } from './store/index.js';

/** Percent with one decimal, or null when nothing was answered (no 0/0 = 0%). */
export const percent = (part: number, whole: number): number | null => (whole ? Math.round((part / whole) * 1000) / 10 : null);

export interface Trust {
  /** Responses with a Q1 answer: the denominator of every trust percentage. */
  answered: number;
  /** Thumbs: up and down counts; percent = up / answered. */
  up?: number;
  down?: number;
  percent?: number | null;
  /** Five-point: count of each rating 1-5, and trust at the three cuts OMB may settle on. */
  distribution?: Record<'1' | '2' | '3' | '4' | '5', number>;
  percentAtCut?: { '5': number | null; '4-5': number | null; '3-5': number | null };
}

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
}

class TrustCounter {
  answered = 0;
  readonly ratings = [0, 0, 0, 0, 0, 0]; // index = Q1 value (thumbs: 0 down, 1 up)
  constructor(private readonly scale: string) {}
  add(q1: number | null) {
    if (q1 === null) return;
    this.answered++;
    this.ratings[q1]++;
  }
  result(): Trust {
    const r = this.ratings;
    if (this.scale === 'thumbs') return { answered: this.answered, up: r[1], down: r[0], percent: percent(r[1], this.answered) };
    return {
      answered: this.answered,
      distribution: { '1': r[1], '2': r[2], '3': r[3], '4': r[4], '5': r[5] },
      percentAtCut: { '5': percent(r[5], this.answered), '4-5': percent(r[4] + r[5], this.answered), '3-5': percent(r[3] + r[4] + r[5], this.answered) },
    };
  }
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
  private readonly trust: TrustCounter;
  private readonly positive = new BranchCounter();
  private readonly negative = new BranchCounter();
  private readonly channels = new Map<string, { responses: number; trust: TrustCounter }>();
  private readonly types = new Map<string, { responses: number; trust: TrustCounter }>();

  constructor(
    private readonly service: ServiceDefinition,
    private readonly period: QuarterPeriod,
  ) {
    this.trust = new TrustCounter(service.scale);
  }

  private bucket(map: Map<string, { responses: number; trust: TrustCounter }>, key: string) {
    let b = map.get(key);
    if (!b) map.set(key, (b = { responses: 0, trust: new TrustCounter(this.service.scale) }));
    return b;
  }

  add(row: StoredResponse) {
    const record = JSON.parse(row.record) as ResponseRecord;
    this.responses++;
    if (row.redactions) this.redacted++;
    this.trust.add(record.q1);
    if (record.branch === 'positive') this.positive.add(record);
    else if (record.branch === 'negative') this.negative.add(record);
    for (const b of [this.bucket(this.channels, record.channel), this.bucket(this.types, record.surveyType)]) {
      b.responses++;
      b.trust.add(record.q1);
    }
  }

  result(): QuarterReport {
    const breakdown = (map: Map<string, { responses: number; trust: TrustCounter }>) =>
      Object.fromEntries([...map.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, { responses: v.responses, trust: v.trust.result() }]));
    const s = this.service;
    return {
      service: { id: s.id, name: s.name, agency: s.agency, scale: s.scale },
      fiscalYear: this.period.fiscalYear,
      quarter: this.period.quarter,
      period: { firstDay: this.period.firstDay, lastDay: this.period.lastDay, timeZone: this.period.timeZone },
      dueDate: this.period.dueDate,
      responses: this.responses,
      q1Answered: this.trust.answered,
      trust: this.trust.result(),
      q2: { positive: this.positive.result(), negative: this.negative.result() },
      byChannel: breakdown(this.channels),
      bySurveyType: breakdown(this.types),
      redactedResponses: this.redacted,
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
  return builder.result();
}
