/**
 * Aggregates for the dashboard and the alert engine, computed by the database
 * (GROUP BY over the indexed responses table), so neither the server nor the
 * browser ever holds raw rows.
 */
import type { Tally } from '../domain/trust.js';
import { whereClause } from '../store/where.js';
import { int, type Dialect } from './connection.js';

export type { Tally } from '../domain/trust.js';

export interface AggregateFilter {
  service?: string;
  /** Range of the instant records count at (answeredAt, or receivedAt when clock suspect), epoch ms, from inclusive, to exclusive. */
  from: number;
  to: number;
  channel?: string;
  surveyType?: string;
}

export type GroupKey = 'service' | 'channel' | 'surveyType' | 'week' | 'window' | 'bucket';

export interface Grouping {
  /** For 'window': windows of sizeMs counted back from end. */
  window?: { end: number; sizeMs: number };
  /** For 'bucket': ascending instants; bucket i is [bounds[i], bounds[i + 1]) (quarters, whose lengths differ). */
  bounds?: number[];
}

export interface TallyRow {
  service?: string;
  channel?: string;
  surveyType?: string;
  /** Monday 00:00 UTC of the week, epoch ms. */
  week?: number;
  /** 0 = the window ending at window.end, 1 = the one before, … */
  window?: number;
  bucket?: number;
  tally: Tally;
}

export interface DriverRows {
  branches: Array<{ branch: string; responses: number; answeredQ2: number }>;
  counts: Array<{ branch: string; key: string; count: number }>;
}

export const WEEK_MS = 7 * 86_400_000;
// 1970-01-05 was a Monday: weeks start on Mondays, in UTC.
const MONDAY_OFFSET = 4 * 86_400_000;

/** Monday 00:00 UTC of the week holding an instant. */
export const weekStart = (t: number) => t - ((((t - MONDAY_OFFSET) % WEEK_MS) + WEEK_MS) % WEEK_MS);

export class Analytics {
  constructor(private readonly d: Dialect) {}

  get kind() {
    return this.d.kind;
  }

  // "?" placeholders on both dialects: the connection numbers them for PostgreSQL.
  private where(f: AggregateFilter) {
    return whereClause(f);
  }

  /** Response counts and Q1 distributions grouped by the given keys. */
  async tallies(filter: AggregateFilter, groupBy: GroupKey[], grouping: Grouping = {}): Promise<TallyRow[]> {
    const { window, bounds } = grouping;
    if (groupBy.includes('bucket') && (!bounds || bounds.length < 2)) throw new Error('bucket grouping needs bounds');
    const exprs: Record<GroupKey, string> = {
      service: 'service',
      channel: 'channel',
      surveyType: 'survey_type',
      week: `counted_at - ((counted_at - ${int(MONDAY_OFFSET)}) % ${int(WEEK_MS)})`,
      window: window ? `(${int(window.end - 1)} - counted_at) / ${int(window.sizeMs)}` : 'NULL',
      bucket: bounds && bounds.length === 2 ? '0' : bounds ? `CASE ${bounds.slice(1, -1).map((b, i) => `WHEN counted_at < ${int(b)} THEN ${i}`).join(' ')} ELSE ${bounds.length - 2} END` : 'NULL',
    };
    if (groupBy.includes('window') && !window) throw new Error('window grouping needs a window');
    // Lower-case aliases: PostgreSQL folds unquoted names.
    const alias = (k: GroupKey) => `g_${k.toLowerCase()}`;
    const inner = groupBy.map((k) => `${exprs[k]} AS ${alias(k)}`);
    const w = this.where(filter);
    const qs = [0, 1, 2, 3, 4, 5].map((v) => `sum(CASE WHEN q1 = ${v} THEN 1 ELSE 0 END) AS q${v}`);
    const outer = groupBy.map(alias);
    const sql =
      `SELECT ${[...outer, 'count(*) AS responses', ...qs].join(', ')} FROM (SELECT ${[...inner, `${this.d.q1} AS q1`].join(', ')} FROM responses${w.sql}) t` +
      (outer.length ? ` GROUP BY ${outer.join(', ')} ORDER BY ${outer.join(', ')}` : '');
    const rows = await this.d.all(sql, w.params);
    return rows
      .filter((r) => Number(r.responses) > 0)
      .map((r) => {
        const q = [0, 1, 2, 3, 4, 5].map((v) => Number(r[`q${v}`] ?? 0));
        const row: TallyRow = { tally: { responses: Number(r.responses), answered: q.reduce((a, b) => a + b, 0), q } };
        if (groupBy.includes('service')) row.service = String(r.g_service);
        if (groupBy.includes('channel')) row.channel = String(r.g_channel);
        if (groupBy.includes('surveyType')) row.surveyType = String(r.g_surveytype);
        if (groupBy.includes('week')) row.week = Number(r.g_week);
        if (groupBy.includes('window')) row.window = Number(r.g_window);
        if (groupBy.includes('bucket')) row.bucket = Number(r.g_bucket);
        return row;
      });
  }

  /** Per branch: responses and how many ticked a driver; and the count of each driver ticked. */
  async drivers(filter: AggregateFilter): Promise<DriverRows> {
    const w = this.where(filter);
    const branches = await this.d.all(
      `SELECT ${this.d.branch} AS branch, count(*) AS responses, sum(CASE WHEN ${this.d.q2Length} > 0 THEN 1 ELSE 0 END) AS answered_q2 FROM responses${w.sql} AND ${this.d.branch} IS NOT NULL GROUP BY 1`,
      w.params,
    );
    const counts = await this.d.all(`SELECT ${this.d.branch} AS branch, d.value AS key, count(*) AS n FROM ${this.d.driverJoin}${w.sql} GROUP BY 1, 2`, w.params);
    return {
      branches: branches.map((r) => ({ branch: String(r.branch), responses: Number(r.responses), answeredQ2: Number(r.answered_q2) })),
      counts: counts.filter((r) => r.branch !== null).map((r) => ({ branch: String(r.branch), key: String(r.key), count: Number(r.n) })),
    };
  }
}
