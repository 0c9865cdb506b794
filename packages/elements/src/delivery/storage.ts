import { createStore, del, delMany, entries, get, set, type UseStore } from 'idb-keyval';
import type { ResponseRecord } from '@cx-survey/protocol';

/** A record waiting to be delivered. `v` lets a later version migrate entries instead of dropping them. */
export interface QueuedRecord {
  v: 1;
  record: ResponseRecord;
  endpoint: string;
  queuedAt: number;
  attempts: number;
  /** Earliest time of the next attempt (ms since the epoch). */
  nextAt: number;
  lastError?: string;
}

/** A record the collector refused, or one past its grace period: kept and reported, never dropped silently. */
export interface DeadLetter {
  v: 1;
  record: ResponseRecord;
  endpoint: string;
  failedAt: number;
  status?: number;
  code: string;
  message: string;
}

export interface OutboxStorage {
  queued(): Promise<QueuedRecord[]>;
  /** Resolves true when the entry is on disk, false when it is kept in memory only. */
  putQueued(entry: QueuedRecord): Promise<boolean>;
  dead(): Promise<DeadLetter[]>;
  putDead(entry: DeadLetter): Promise<void>;
  /** Removes a record from the queue or the dead letters. */
  remove(kind: 'q' | 'd', id: string): Promise<void>;
  /** Removes many records in one transaction (a delivered batch). */
  removeMany(kind: 'q' | 'd', ids: string[]): Promise<void>;
}

/** Reads entries of any stored version into the current one. Version 1 is current. */
function migrate<T extends { v: number }>(value: unknown): T | undefined {
  const v = value as T | undefined;
  return v && v.v === 1 ? v : undefined;
}

/** Keeps entries in this page only: the fallback when IndexedDB cannot be used. */
export class MemoryStorage implements OutboxStorage {
  protected map = new Map<string, QueuedRecord | DeadLetter>();
  async queued() {
    return [...this.map].filter(([k]) => k.startsWith('q:')).map(([, v]) => v as QueuedRecord);
  }
  async dead() {
    return [...this.map].filter(([k]) => k.startsWith('d:')).map(([, v]) => v as DeadLetter);
  }
  async putQueued(entry: QueuedRecord) {
    this.map.set(`q:${entry.record.id}`, entry);
    return false;
  }
  async putDead(entry: DeadLetter) {
    this.map.set(`d:${entry.record.id}`, entry);
  }
  async remove(kind: 'q' | 'd', id: string) {
    this.map.delete(`${kind}:${id}`);
  }
  async removeMany(kind: 'q' | 'd', ids: string[]) {
    for (const id of ids) this.map.delete(`${kind}:${id}`);
  }
}

export const DB_NAME = 'cx-survey-outbox';
const STORE_NAME = 'v1';

export type StorageWarning = { code: 'storage-unavailable' | 'storage-full' | 'storage-reconnected'; message: string };

/**
 * IndexedDB through idb-keyval, in a database of its own. Survives what
 * WebKit and the private modes do to IndexedDB: a lost connection is
 * reopened once; when IndexedDB cannot be opened or is full, entries are
 * kept in memory and a warning is reported, so nothing is lost while the page lives.
 */
export class IndexedDbStorage implements OutboxStorage {
  private store?: UseStore;
  private memory = new MemoryStorage();
  private failed = false;

  constructor(private warn: (w: StorageWarning) => void) {
    try {
      this.store = createStore(DB_NAME, STORE_NAME);
    } catch {
      // No indexedDB at all (some webviews): every operation below falls back at once.
    }
  }

  /** Opens the database once to find out whether it works at all (one key, not the whole backlog). */
  async probe(): Promise<this> {
    await this.run(() => get('probe', this.store!));
    return this;
  }

  private async run<T>(op: () => Promise<T>, fallback?: () => Promise<T>): Promise<T> {
    if (!this.failed) {
      try {
        if (!this.store) throw new Error('indexedDB is not available');
        return await op();
      } catch (first) {
        if ((first as DOMException)?.name === 'QuotaExceededError' && fallback) {
          this.warn({ code: 'storage-full', message: 'this device has no room left for responses; keeping them in memory until they are sent' });
          return fallback();
        }
        // WebKit drops IndexedDB connections ("Connection to Indexed Database server lost"): reopen once.
        try {
          this.store = createStore(DB_NAME, STORE_NAME);
          const result = await op();
          this.warn({ code: 'storage-reconnected', message: `IndexedDB connection was lost and reopened: ${(first as Error)?.message}` });
          return result;
        } catch (second) {
          this.failed = true;
          this.warn({ code: 'storage-unavailable', message: `IndexedDB cannot be used (${(second as Error)?.message ?? second}); responses are kept in memory while this page is open` });
        }
      }
    }
    return fallback ? fallback() : (undefined as T);
  }

  private async all() {
    const rows = (await this.run(() => entries<string, unknown>(this.store!))) ?? [];
    return rows;
  }

  async queued(): Promise<QueuedRecord[]> {
    const durable = (await this.all()).filter(([k]) => String(k).startsWith('q:')).map(([, v]) => migrate<QueuedRecord>(v)).filter((v): v is QueuedRecord => !!v);
    return [...durable, ...(await this.memory.queued())];
  }

  async dead(): Promise<DeadLetter[]> {
    const durable = (await this.all()).filter(([k]) => String(k).startsWith('d:')).map(([, v]) => migrate<DeadLetter>(v)).filter((v): v is DeadLetter => !!v);
    return [...durable, ...(await this.memory.dead())];
  }

  putQueued(entry: QueuedRecord): Promise<boolean> {
    return this.run(
      () => set(`q:${entry.record.id}`, entry, this.store!).then(() => true),
      () => this.memory.putQueued(entry),
    );
  }

  putDead(entry: DeadLetter): Promise<void> {
    return this.run(() => set(`d:${entry.record.id}`, entry, this.store!), () => this.memory.putDead(entry));
  }

  async remove(kind: 'q' | 'd', id: string): Promise<void> {
    await this.memory.remove(kind, id);
    await this.run(() => del(`${kind}:${id}`, this.store!));
  }

  async removeMany(kind: 'q' | 'd', ids: string[]): Promise<void> {
    await this.memory.removeMany(kind, ids);
    await this.run(() => delMany(ids.map((id) => `${kind}:${id}`), this.store!));
  }

  /** Keeps a value beside the queue (the last survey config a collector published), under `c:<key>`. */
  async keep(key: string, value: unknown): Promise<void> {
    this.kept.set(key, value);
    await this.run(() => set(`c:${key}`, value, this.store!));
  }

  async recall(key: string): Promise<unknown> {
    return this.kept.get(key) ?? (await this.run(() => get(`c:${key}`, this.store!)));
  }

  private kept = new Map<string, unknown>();
}
