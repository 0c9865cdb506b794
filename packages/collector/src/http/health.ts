/**
 * Health that tells the truth: a read and a write through the store's own paths. The write probe
 * rewrites one heartbeat row through the same connection and commit as responses, so a full disk, a
 * lock held by another process, a read-only standby or a database that went away all show. Public
 * answers say only ok or failing; the reasons go to the log (once per change) and to the admin.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Store } from '../store/types.js';

export type CheckName = 'read' | 'write';

export interface CheckState {
  ok: boolean;
  /** When it was last run (ISO 8601). */
  checkedAt: string;
  /** Why it failed: for the admin and the log only. */
  error?: string;
  /** Since when it has been in this state (ISO 8601). */
  since: string;
}

export type HealthReport = Record<CheckName, CheckState>;

/** Probes run at most once this often, however often health is asked for: a public route must not become a write load. */
const MIN_INTERVAL_MS = 1000;
/** A probe still waiting after this long (a lock held elsewhere, a database that does not answer) counts as failing. */
const PROBE_TIMEOUT_MS = 5000;

function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms / 1000} s`)), ms)));
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

export class HealthChecker {
  private last: { at: number; report: HealthReport } | null = null;
  private running: Promise<HealthReport> | null = null;

  constructor(
    private readonly store: Pick<Store, 'ping' | 'probeWrite'>,
    private readonly log: FastifyBaseLogger,
  ) {}

  /** The current state of both checks, probing again when the last result is older than a second. */
  check(now = Date.now()): Promise<HealthReport> {
    if (this.last && now - this.last.at < MIN_INTERVAL_MS) return Promise.resolve(this.last.report);
    this.running ??= this.probe(now).finally(() => (this.running = null));
    return this.running;
  }

  private async probe(now: number): Promise<HealthReport> {
    const run = async (name: CheckName, probe: () => Promise<void>): Promise<CheckState> => {
      const before = this.last?.report[name];
      const at = new Date(now).toISOString();
      let error: string | undefined;
      try {
        await within(probe(), PROBE_TIMEOUT_MS);
      } catch (e) {
        error = (e as Error).message;
      }
      const ok = error === undefined;
      if (!ok && before?.ok !== false) this.log.error({ check: name, error }, 'store check failing');
      if (ok && before?.ok === false) this.log.info({ check: name }, 'store check recovered');
      return { ok, checkedAt: at, since: before && before.ok === ok ? before.since : at, ...(error === undefined ? {} : { error }) };
    };
    const [read, write] = await Promise.all([run('read', () => this.store.ping()), run('write', () => this.store.probeWrite())]);
    const report = { read, write };
    this.last = { at: now, report };
    return report;
  }
}

/** What anyone may see: each check ok or failing, nothing of why. */
export const publicChecks = (r: HealthReport) => ({ read: r.read.ok ? 'ok' : 'failing', write: r.write.ok ? 'ok' : 'failing' });
export const healthy = (r: HealthReport) => r.read.ok && r.write.ok;
