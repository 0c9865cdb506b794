/**
 * Evaluates the alert rules on a timer inside the collector process.
 *
 * Several instances may share one database: each tick first takes a lease
 * row (one conditional upsert), so one instance evaluates at a time; and
 * every firing and resolution is a conditional update of a state row keyed
 * by (rule, service), with the webhook delivery claimed by another
 * conditional update, so even two evaluators racing would announce a
 * firing once. A firing is announced when it starts and when it resolves,
 * never while it stays true.
 */
import { randomUUID } from 'node:crypto';
import type { Analytics, TallyRow } from '../analytics/analytics.js';
import type { ServiceDefinition } from '../domain/services.js';
import { emptyTally, positives, type Tally } from '../domain/trust.js';
import type { AlertState, AlertStateRow } from './state.js';
import { noResponses, trustDrop, volumeDrop, type AlertConfig, type AlertRule, type Verdict } from './rules.js';

export interface AlertLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface AlertEngineOptions {
  analytics: Analytics;
  /** The alert tables: lease, firings, deliveries. */
  state: AlertState;
  services: Map<string, ServiceDefinition>;
  config: AlertConfig;
  log: AlertLogger;
  /** For tests over synthetic data with a fixed "now". */
  now?: () => number;
}

export interface Evaluation {
  /** False when another instance holds the lease. */
  ran: boolean;
  fired: Array<{ ruleId: string; service: string; message: string }>;
  resolved: Array<{ ruleId: string; service: string }>;
  delivered: number;
  failedDeliveries: number;
}

const LEASE = 'alerts';
const HOUR = 3_600_000;


/** Per service, the tallies of windows 0..count-1 (0 = the newest). */
function byServiceWindow(rows: TallyRow[], count: number): Map<string, Tally[]> {
  const out = new Map<string, Tally[]>();
  for (const r of rows) {
    if (r.window === undefined || r.window < 0 || r.window >= count) continue;
    let list = out.get(r.service!);
    if (!list) out.set(r.service!, (list = Array.from({ length: count }, emptyTally)));
    list[r.window] = r.tally;
  }
  return out;
}

export class AlertEngine {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private stopped = false;
  readonly holder = randomUUID();

  constructor(private readonly o: AlertEngineOptions) {}

  private now() {
    return this.o.now ? this.o.now() : Date.now();
  }

  start(): void {
    this.stopped = false;
    const tick = () => {
      if (this.stopped) return;
      this.running = this.evaluate()
        .catch((e) => this.o.log.error({ err: e }, 'alert evaluation failed'))
        .finally(() => {
          this.running = null;
          if (!this.stopped) this.timer = setTimeout(tick, this.o.config.intervalSeconds * 1000).unref();
        });
    };
    // First evaluation soon after start, not a whole interval later.
    this.timer = setTimeout(tick, 200).unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
    await this.o.state.releaseLease(LEASE, this.holder).catch(() => {});
  }

  private scope(rule: AlertRule): ServiceDefinition[] {
    const all = [...this.o.services.values()];
    return rule.services ? all.filter((s) => rule.services!.includes(s.id)) : all;
  }

  private async verdicts(rule: AlertRule, now: number, firing: Set<string>): Promise<Array<{ service: string; verdict: Verdict }>> {
    const a = this.o.analytics;
    const out: Array<{ service: string; verdict: Verdict }> = [];
    const services = this.scope(rule);
    // One service in scope: filter in SQL; several: one grouped query for all of them.
    const only = services.length === 1 ? services[0].id : undefined;
    if (rule.type === 'no-responses') {
      const size = Math.round(rule.hours * HOUR);
      const rows = await a.tallies({ service: only, from: now - Math.round(rule.lookbackHours * HOUR), to: now }, ['service', 'window'], { window: { end: now, sizeMs: size } });
      const windows = byServiceWindow(rows, Math.ceil(rule.lookbackHours / rule.hours) + 1);
      for (const s of services) {
        const list = windows.get(s.id) ?? [emptyTally()];
        const recent = list[0].responses;
        const earlier = list.slice(1).reduce((n, t) => n + t.responses, 0);
        out.push({ service: s.id, verdict: noResponses(rule, recent, earlier, firing.has(`${rule.id}\0${s.id}`)) });
      }
      return out;
    }
    const size = Math.round(rule.windowHours * HOUR);
    const count = 1 + (rule.type === 'volume-drop' ? rule.trailingWindows : rule.baselineWindows);
    const rows = await a.tallies({ service: only, from: now - size * count, to: now }, ['service', 'window'], { window: { end: now, sizeMs: size } });
    const windows = byServiceWindow(rows, count);
    for (const s of services) {
      const list = windows.get(s.id) ?? Array.from({ length: count }, emptyTally);
      if (rule.type === 'volume-drop') {
        out.push({ service: s.id, verdict: volumeDrop(rule, list[0].responses, list.slice(1).map((t) => t.responses)) });
      } else {
        const baseline = list.slice(1).reduce((p, t) => ({ positive: p.positive + positives(t, s.scale, rule.cut), n: p.n + t.answered }), { positive: 0, n: 0 });
        out.push({ service: s.id, verdict: trustDrop(rule, baseline, { positive: positives(list[0], s.scale, rule.cut), n: list[0].answered }) });
      }
    }
    return out;
  }

  /** One evaluation of every rule, then delivery of whatever is not yet announced. */
  async evaluate(): Promise<Evaluation> {
    const result: Evaluation = { ran: false, fired: [], resolved: [], delivered: 0, failedDeliveries: 0 };
    const a = this.o.state;
    const now = this.now();
    const ttl = Math.max(30_000, this.o.config.intervalSeconds * 3000);
    if (!(await a.acquireLease(LEASE, this.holder, now, ttl))) return result;
    result.ran = true;
    const states = await a.alertStates();
    const firing = new Set(states.filter((s) => s.status === 'firing').map((s) => `${s.ruleId}\0${s.service}`));
    for (const rule of this.o.config.rules) {
      for (const { service, verdict } of await this.verdicts(rule, now, firing)) {
        const key = `${rule.id}\0${service}`;
        if (verdict.firing) {
          if (await a.markFiring(rule.id, service, now, verdict.message, verdict.detail)) {
            result.fired.push({ ruleId: rule.id, service, message: verdict.message });
            this.o.log.warn({ rule: rule.id, service, detail: verdict.detail }, `alert firing: ${verdict.message}`);
          }
        } else if (firing.has(key) && (await a.markResolved(rule.id, service, now, verdict.detail))) {
          result.resolved.push({ ruleId: rule.id, service });
          this.o.log.info({ rule: rule.id, service }, 'alert resolved');
        }
      }
    }
    await this.deliver(result);
    return result;
  }

  private async deliver(result: Evaluation): Promise<void> {
    const a = this.o.state;
    const pending = (await a.alertStates({ resolvedSince: 0 })).filter((s) => s.notified !== s.status);
    for (const s of pending) {
      // A firing never announced (no webhook, or it was down throughout) resolves silently.
      if (s.status === 'resolved' && s.notified === null) {
        await a.claimNotification(s.ruleId, s.service, 'resolved');
        continue;
      }
      if (!this.o.config.webhook) {
        // Nothing to post to: the dashboard is the only place firings are shown.
        await a.claimNotification(s.ruleId, s.service, s.status);
        continue;
      }
      if (!(await a.claimNotification(s.ruleId, s.service, s.status))) continue;
      try {
        await postWebhook(this.o.config.webhook, webhookText(s, this.o.services.get(s.service)));
        result.delivered++;
      } catch (e) {
        result.failedDeliveries++;
        this.o.log.error({ err: e, rule: s.ruleId, service: s.service }, 'alert webhook failed; will retry');
        await a.unclaimNotification(s.ruleId, s.service, s.status, s.notified);
      }
    }
  }
}

/** The text both Slack and Teams incoming webhooks display: plain, one or two lines, no markup from user data. */
export function webhookText(s: Pick<AlertStateRow, 'ruleId' | 'service' | 'status' | 'message' | 'since' | 'resolvedAt'>, service?: ServiceDefinition): string {
  const name = service ? `${service.name} (${service.id}, ${service.agency})` : s.service;
  if (s.status === 'firing') return `[cx-survey] ALERT ${s.ruleId}: ${name}: ${s.message}. Since ${new Date(s.since).toISOString()}.`;
  return `[cx-survey] RESOLVED ${s.ruleId}: ${name}: back to normal at ${new Date(s.resolvedAt ?? Date.now()).toISOString()} (was: ${s.message}).`;
}

export async function postWebhook(url: string, text: string): Promise<void> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text }),
    signal: AbortSignal.timeout(10_000),
  });
  // Slack answers "ok", Teams "1"; only the status matters.
  await res.body?.cancel();
  if (!res.ok) throw new Error(`webhook answered HTTP ${res.status}`);
}
