/**
 * Aggregates for the dashboard and the alert engine, computed by the database
 * (GROUP BY over the indexed responses table), so neither the server nor the
 * browser ever holds raw rows. Also the alert state and lease tables.
 *
 * It opens its own connection rather than reaching into the Store: the Store
 * interface stays as it is, and a slow aggregate never queues behind ingest.
 * Its two tables are created here with IF NOT EXISTS instead of as a numbered
 * store migration, so the feature stays a separable add-on; they hold
 * derived state only and can be dropped at any time.
 */
import Database from 'better-sqlite3';
import pg from 'pg';
import { configure } from '../store/sqlite-shared.js';

export interface Tally {
  responses: number;
  /** Responses with a Q1 answer. */
  answered: number;
  /** Count of each Q1 value, index 0-5 (thumbs: 0 down, 1 up; five-point: 1-5). */
  q: number[];
}

export interface AggregateFilter {
  service?: string;
  /** answeredAt range, epoch ms, from inclusive, to exclusive. */
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

export type AlertStatus = 'firing' | 'resolved';

export interface AlertStateRow {
  ruleId: string;
  service: string;
  status: AlertStatus;
  since: number;
  updatedAt: number;
  resolvedAt: number | null;
  message: string;
  detail: Record<string, unknown>;
  /** The last status a webhook was delivered (or claimed) for; null: none yet. */
  notified: AlertStatus | null;
}

export const WEEK_MS = 7 * 86_400_000;
// 1970-01-05 was a Monday: weeks start on Mondays, in UTC.
const MONDAY_OFFSET = 4 * 86_400_000;

/** Monday 00:00 UTC of the week holding an instant. */
export const weekStart = (t: number) => t - ((((t - MONDAY_OFFSET) % WEEK_MS) + WEEK_MS) % WEEK_MS);

interface Dialect {
  kind: 'sqlite' | 'postgres';
  q1: string;
  branch: string;
  q2Length: string;
  /** FROM clause that yields one row per ticked driver with the driver in column value. */
  driverJoin: string;
  all(sql: string, params: unknown[]): Promise<Record<string, unknown>[]>;
  run(sql: string, params: unknown[]): Promise<number>;
  close(): Promise<void>;
}

const int = (n: number) => {
  if (!Number.isSafeInteger(n)) throw new RangeError(`not an integer: ${n}`);
  return String(n);
};

function sqliteDialect(file: string): Dialect {
  const db = new Database(file);
  configure(db);
  return {
    kind: 'sqlite',
    q1: "json_extract(record, '$.q1')",
    branch: "json_extract(record, '$.branch')",
    q2Length: "json_array_length(record, '$.q2')",
    driverJoin: "responses, json_each(responses.record, '$.q2') AS d",
    all: async (sql, params) => db.prepare(sql).all(...params) as Record<string, unknown>[],
    run: async (sql, params) => db.prepare(sql).run(...params).changes,
    close: async () => {
      db.close();
    },
  };
}

function postgresDialect(connectionString: string, schema: string): Dialect {
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(schema)) throw new RangeError(`invalid schema name ${schema}`);
  const pool = new pg.Pool({ connectionString, max: 3, options: `-c search_path=${schema}` });
  pool.on('error', () => {});
  const numbered = (sql: string) => {
    let n = 0;
    return sql.replace(/\?/g, () => `$${++n}`);
  };
  return {
    kind: 'postgres',
    q1: "(record::jsonb->>'q1')::int",
    branch: "record::jsonb->>'branch'",
    q2Length: "jsonb_array_length(record::jsonb->'q2')",
    driverJoin: "responses CROSS JOIN LATERAL jsonb_array_elements_text(responses.record::jsonb->'q2') AS d(value)",
    all: async (sql, params) => (await pool.query(numbered(sql), params)).rows,
    run: async (sql, params) => (await pool.query(numbered(sql), params)).rowCount ?? 0,
    close: () => pool.end(),
  };
}

const ALERT_TABLES = (big: string) => [
  `CREATE TABLE IF NOT EXISTS cx_alert_state (
    rule_id TEXT NOT NULL,
    service TEXT NOT NULL,
    status TEXT NOT NULL,
    since ${big} NOT NULL,
    updated_at ${big} NOT NULL,
    resolved_at ${big},
    message TEXT NOT NULL,
    detail TEXT NOT NULL,
    notified TEXT,
    PRIMARY KEY (rule_id, service))`,
  `CREATE TABLE IF NOT EXISTS cx_alert_lease (name TEXT PRIMARY KEY, holder TEXT NOT NULL, expires_at ${big} NOT NULL)`,
];

export interface AnalyticsOptions {
  /** SQLite file of the store (the same file the collector writes). */
  sqliteFile?: string;
  /** PostgreSQL URL and schema of the store. */
  databaseUrl?: string;
  pgSchema?: string;
}

export class Analytics {
  private constructor(private readonly d: Dialect) {}

  static async open(options: AnalyticsOptions): Promise<Analytics> {
    const d = options.databaseUrl ? postgresDialect(options.databaseUrl, options.pgSchema ?? 'public') : sqliteDialect(options.sqliteFile!);
    const a = new Analytics(d);
    try {
      if (d.kind === 'postgres') {
        // Instances starting together would race on CREATE TABLE IF NOT EXISTS; a transaction-scoped lock serialises them.
        await d.run(`BEGIN; SELECT pg_advisory_xact_lock(280145); ${ALERT_TABLES('BIGINT').join('; ')}; COMMIT`, []);
      } else for (const sql of ALERT_TABLES('INTEGER')) await d.run(sql, []);
    } catch (e) {
      await d.close();
      throw e;
    }
    return a;
  }

  get kind() {
    return this.d.kind;
  }

  private where(f: AggregateFilter): { sql: string; params: unknown[] } {
    const parts = [`answered_at >= ${int(f.from)}`, `answered_at < ${int(f.to)}`];
    const params: unknown[] = [];
    if (f.service !== undefined) (parts.push('service = ?'), params.push(f.service));
    if (f.channel !== undefined) (parts.push('channel = ?'), params.push(f.channel));
    if (f.surveyType !== undefined) (parts.push('survey_type = ?'), params.push(f.surveyType));
    return { sql: ` WHERE ${parts.join(' AND ')}`, params };
  }

  /** Response counts and Q1 distributions grouped by the given keys. */
  async tallies(filter: AggregateFilter, groupBy: GroupKey[], grouping: Grouping = {}): Promise<TallyRow[]> {
    const { window, bounds } = grouping;
    if (groupBy.includes('bucket') && (!bounds || bounds.length < 2)) throw new Error('bucket grouping needs bounds');
    const exprs: Record<GroupKey, string> = {
      service: 'service',
      channel: 'channel',
      surveyType: 'survey_type',
      week: `answered_at - ((answered_at - ${int(MONDAY_OFFSET)}) % ${int(WEEK_MS)})`,
      window: window ? `(${int(window.end - 1)} - answered_at) / ${int(window.sizeMs)}` : 'NULL',
      bucket: bounds && bounds.length === 2 ? '0' : bounds ? `CASE ${bounds.slice(1, -1).map((b, i) => `WHEN answered_at < ${int(b)} THEN ${i}`).join(' ')} ELSE ${bounds.length - 2} END` : 'NULL',
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

  // ------------------------------------------------------------ alert state

  /**
   * Takes or renews the named lease until now + ttlMs; true when this holder
   * has it. One conditional upsert, so two instances cannot both win.
   */
  async acquireLease(name: string, holder: string, now: number, ttlMs: number): Promise<boolean> {
    const changed = await this.d.run(
      `INSERT INTO cx_alert_lease (name, holder, expires_at) VALUES (?, ?, ${int(now + ttlMs)})
       ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
       WHERE cx_alert_lease.expires_at < ${int(now)} OR cx_alert_lease.holder = excluded.holder`,
      [name, holder],
    );
    return changed === 1;
  }

  async releaseLease(name: string, holder: string): Promise<void> {
    await this.d.run('DELETE FROM cx_alert_lease WHERE name = ? AND holder = ?', [name, holder]);
  }

  async alertStates(options: { resolvedSince?: number } = {}): Promise<AlertStateRow[]> {
    const rows = await this.d.all(
      `SELECT rule_id, service, status, since, updated_at, resolved_at, message, detail, notified FROM cx_alert_state
       WHERE status = 'firing' OR resolved_at >= ${int(options.resolvedSince ?? 0)} ORDER BY status, since DESC, rule_id, service`,
      [],
    );
    return rows.map((r) => ({
      ruleId: String(r.rule_id),
      service: String(r.service),
      status: r.status as AlertStatus,
      since: Number(r.since),
      updatedAt: Number(r.updated_at),
      resolvedAt: r.resolved_at === null ? null : Number(r.resolved_at),
      message: String(r.message),
      detail: JSON.parse(String(r.detail)) as Record<string, unknown>,
      notified: (r.notified as AlertStatus | null) ?? null,
    }));
  }

  /** Starts a firing; false when it was already firing (nothing to announce). */
  async markFiring(ruleId: string, service: string, now: number, message: string, detail: object): Promise<boolean> {
    const changed = await this.d.run(
      `INSERT INTO cx_alert_state (rule_id, service, status, since, updated_at, resolved_at, message, detail, notified)
       VALUES (?, ?, 'firing', ${int(now)}, ${int(now)}, NULL, ?, ?, NULL)
       ON CONFLICT (rule_id, service) DO UPDATE SET status = 'firing', since = excluded.since, updated_at = excluded.updated_at,
         resolved_at = NULL, message = excluded.message, detail = excluded.detail, notified = NULL
       WHERE cx_alert_state.status <> 'firing'`,
      [ruleId, service, message, JSON.stringify(detail)],
    );
    if (changed === 1) return true;
    await this.d.run(`UPDATE cx_alert_state SET updated_at = ${int(now)}, detail = ? WHERE rule_id = ? AND service = ? AND status = 'firing'`, [
      JSON.stringify(detail),
      ruleId,
      service,
    ]);
    return false;
  }

  /** Ends a firing; false when it was not firing. */
  async markResolved(ruleId: string, service: string, now: number, detail: object): Promise<boolean> {
    return (
      (await this.d.run(
        `UPDATE cx_alert_state SET status = 'resolved', resolved_at = ${int(now)}, updated_at = ${int(now)}, detail = ? WHERE rule_id = ? AND service = ? AND status = 'firing'`,
        [JSON.stringify(detail), ruleId, service],
      )) === 1
    );
  }

  /**
   * Claims the delivery of the row's current status: true for exactly one
   * caller, however many instances try, so a webhook is posted once.
   */
  async claimNotification(ruleId: string, service: string, status: AlertStatus): Promise<boolean> {
    return (
      (await this.d.run(`UPDATE cx_alert_state SET notified = ? WHERE rule_id = ? AND service = ? AND status = ? AND (notified IS NULL OR notified <> ?)`, [
        status,
        ruleId,
        service,
        status,
        status,
      ])) === 1
    );
  }

  /** Gives a claim back after a failed delivery, so the next evaluation retries it. */
  async unclaimNotification(ruleId: string, service: string, status: AlertStatus, previous: AlertStatus | null): Promise<void> {
    await this.d.run('UPDATE cx_alert_state SET notified = ? WHERE rule_id = ? AND service = ? AND notified = ?', [previous, ruleId, service, status]);
  }

  async close(): Promise<void> {
    await this.d.close();
  }
}
