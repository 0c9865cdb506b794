/**
 * The alert engine's own tables: one state row per (rule, service) and a lease, so several
 * instances on one database evaluate one at a time and announce each firing once. Created with
 * IF NOT EXISTS rather than as a store migration: they hold derived state only and can be dropped
 * at any time.
 */
import { int, type Dialect } from '../analytics/connection.js';

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

export class AlertState {
  private constructor(private readonly d: Dialect) {}

  /** Creates the tables if missing, on a connection the caller owns. */
  static async open(d: Dialect): Promise<AlertState> {
    if (d.kind === 'postgres') {
      // Instances starting together would race on CREATE TABLE IF NOT EXISTS; a transaction-scoped lock serialises them.
      await d.run(`BEGIN; SELECT pg_advisory_xact_lock(280145); ${ALERT_TABLES('BIGINT').join('; ')}; COMMIT`, []);
    } else for (const sql of ALERT_TABLES('INTEGER')) await d.run(sql, []);
    return new AlertState(d);
  }

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
}
