import type { ResponseRecord } from '@cx-survey/protocol';
import { backoffDelay, batches, DEFAULT_GRACE_MS, MAX_DELAY_MS, pastGrace, type Outcome } from './policy.js';
import type { DeadLetter, OutboxStorage, QueuedRecord } from './storage.js';

/** What a transport says of one record: the acknowledgement contract every transport keeps. */
export interface DeliveryResult {
  id: string;
  outcome: Outcome;
  status?: number;
  code?: string;
  message?: string;
  /** From Retry-After: wait at least this long before the next attempt. */
  retryAfterMs?: number;
}

/**
 * Sends a batch to a destination and says, per record, whether it was
 * delivered (stored or already there), should be retried, or was rejected.
 * Throwing means "retry them all" (network down, timeout).
 */
export type Transport = (records: ResponseRecord[], endpoint: string) => Promise<DeliveryResult[]>;

export type OutboxEvent =
  | { type: 'queued'; id: string; durable: boolean }
  | { type: 'sent'; id: string }
  | { type: 'retrying'; id: string; attempts: number; nextAt: number; reason: string }
  | { type: 'rejected' | 'expired'; id: string; letter: DeadLetter };

export interface OutboxOptions {
  storage: OutboxStorage;
  /** The transport for an endpoint, or undefined to leave its records waiting. */
  transportFor: (endpoint: string) => Transport | undefined;
  /** Runs a flush exclusively across this origin's tabs (Web Locks); default: no lock. */
  exclusive?: <T>(run: () => Promise<T>) => Promise<T>;
  graceMs?: number;
  now?: () => number;
  random?: () => number;
}

/**
 * The write-ahead queue between a submitted survey and the collector.
 * A record is stored before anyone is thanked and removed only when the
 * collector acknowledges it; refused records become dead letters. No DOM:
 * storage, transport and locking are given to it.
 */
export class Outbox {
  private listeners = new Set<(e: OutboxEvent) => void>();
  private running?: Promise<void>;
  private again = false;
  private force = false;
  /** An endpoint whose collector asked us to back off is left alone until then, whole backlog included. */
  private paused = new Map<string, { since: number; until: number }>();
  private timer?: ReturnType<typeof setTimeout>;
  private readonly now: () => number;

  constructor(private options: OutboxOptions) {
    this.now = options.now ?? Date.now;
  }

  subscribe(listener: (e: OutboxEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(e: OutboxEvent): void {
    for (const l of this.listeners) l(e);
  }

  /** Stores a record for delivery. Resolves once it is written (to disk when it can be). */
  async add(record: ResponseRecord, endpoint: string): Promise<{ durable: boolean }> {
    const now = this.now();
    const durable = await this.options.storage.putQueued({ v: 1, record, endpoint, queuedAt: now, attempts: 0, nextAt: now });
    this.emit({ type: 'queued', id: record.id, durable });
    return { durable };
  }

  pending(): Promise<QueuedRecord[]> {
    return this.options.storage.queued();
  }

  deadLetters(): Promise<DeadLetter[]> {
    return this.options.storage.dead();
  }

  /** Puts a dead letter back in the queue (e.g. after the collector's configuration was fixed). */
  async retryDeadLetter(id: string): Promise<boolean> {
    const letter = (await this.deadLetters()).find((d) => d.record.id === id);
    if (!letter) return false;
    const now = this.now();
    await this.options.storage.putQueued({ v: 1, record: letter.record, endpoint: letter.endpoint, queuedAt: now, attempts: 0, nextAt: now });
    await this.options.storage.remove('d', id);
    void this.flush();
    return true;
  }

  /** Deletes a dead letter for good, once someone has dealt with it. */
  async discardDeadLetter(id: string): Promise<void> {
    await this.options.storage.remove('d', id);
  }

  /**
   * Sends every due record (every record with `force`, as a kiosk's "send
   * now" does). Concurrent calls share one run; a call during a run makes it
   * go round once more, so nothing added meanwhile waits for the timer.
   */
  flush(force = false): Promise<void> {
    if (force) this.force = true;
    if (this.running) {
      this.again = true;
      return this.running;
    }
    const exclusive = this.options.exclusive ?? ((run) => run());
    this.running = exclusive(async () => {
      do {
        this.again = false;
        await this.drain();
      } while (this.again);
    }).finally(() => {
      this.running = undefined;
      void this.schedule();
    });
    return this.running;
  }

  /** Stops the timer (tests, or a host tearing the page down). */
  stop(): void {
    clearTimeout(this.timer);
  }

  /** When a record can next be sent: its own backoff, its endpoint's pause; never, without a transport. */
  private readyAt(entry: QueuedRecord): number {
    if (!this.options.transportFor(entry.endpoint)) return Infinity;
    const pause = this.paused.get(entry.endpoint);
    // A response submitted during a pause still gets its one immediate try, so its respondent learns where it stands.
    if (!pause || (entry.attempts === 0 && entry.queuedAt >= pause.since)) return entry.nextAt;
    return Math.max(entry.nextAt, pause.until);
  }

  private async schedule(): Promise<void> {
    clearTimeout(this.timer);
    const queued = await this.options.storage.queued();
    // Records waiting for a transport that is not registered yet wait for registerTransport, not a timer.
    const next = Math.min(...queued.map((e) => this.readyAt(e)));
    if (!Number.isFinite(next)) return;
    const delay = Math.min(MAX_DELAY_MS, Math.max(0, next - this.now()));
    this.timer = setTimeout(() => void this.flush(), delay);
  }

  private async drain(): Promise<void> {
    const { storage, transportFor } = this.options;
    const now = this.now();
    const force = this.force;
    this.force = false;
    if (force) this.paused.clear();
    const due = (await storage.queued()).filter((e) => force || this.readyAt(e) <= now).sort((a, b) => a.queuedAt - b.queuedAt);
    const byEndpoint = new Map<string, QueuedRecord[]>();
    for (const entry of due) {
      if (pastGrace(entry.record.answeredAt, now, this.options.graceMs ?? DEFAULT_GRACE_MS)) {
        await this.bury(entry, 'expired', 'past_grace', 'answered longer ago than the collector accepts late responses');
        continue;
      }
      const list = byEndpoint.get(entry.endpoint);
      if (list) list.push(entry);
      else byEndpoint.set(entry.endpoint, [entry]);
    }
    for (const [endpoint, entries] of byEndpoint) {
      const transport = transportFor(endpoint);
      if (!transport) continue;
      for (const batch of batches(entries)) {
        const results = await this.send(transport, batch, endpoint);
        let pause = 0;
        const delivered: string[] = [];
        for (const entry of batch) {
          const result = results.get(entry.record.id) ?? { id: entry.record.id, outcome: 'retry' as const, message: 'no answer for this record' };
          if (result.outcome === 'delivered') {
            delivered.push(entry.record.id);
          } else if (result.outcome === 'rejected') {
            await this.bury(entry, 'rejected', result.code ?? `http_${result.status}`, result.message ?? 'refused by the collector', result.status);
          } else {
            const attempts = entry.attempts + 1;
            const wait = Math.max(result.retryAfterMs ?? 0, backoffDelay(entry.attempts, this.options.random));
            pause = Math.max(pause, wait);
            const reason = result.message ?? `HTTP ${result.status}`;
            await storage.putQueued({ ...entry, attempts, nextAt: this.now() + wait, lastError: reason });
            this.emit({ type: 'retrying', id: entry.record.id, attempts, nextAt: this.now() + wait, reason });
          }
        }
        // One transaction for the whole acknowledged batch, then the news.
        if (delivered.length) {
          await storage.removeMany('q', delivered);
          for (const id of delivered) this.emit({ type: 'sent', id });
        }
        // The collector is struggling: the rest of this backlog waits out the same pause instead of hammering it.
        if (pause) {
          this.paused.set(endpoint, { since: this.now(), until: this.now() + pause });
          break;
        }
      }
    }
  }

  private async send(transport: Transport, batch: QueuedRecord[], endpoint: string): Promise<Map<string, DeliveryResult>> {
    try {
      const results = await transport(batch.map((e) => e.record), endpoint);
      return new Map(results.map((r) => [r.id, r]));
    } catch (err) {
      const message = `could not reach the collector: ${(err as Error)?.message ?? err}`;
      return new Map(batch.map((e) => [e.record.id, { id: e.record.id, outcome: 'retry' as const, message }]));
    }
  }

  private async bury(entry: QueuedRecord, type: 'rejected' | 'expired', code: string, message: string, status?: number): Promise<void> {
    const letter: DeadLetter = { v: 1, record: entry.record, endpoint: entry.endpoint, failedAt: this.now(), code, message };
    if (status !== undefined) letter.status = status;
    await this.options.storage.putDead(letter);
    await this.options.storage.remove('q', entry.record.id);
    this.emit({ type, id: entry.record.id, letter });
  }
}
