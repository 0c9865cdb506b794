import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations.js';
import { configure, insertRow, toTuple, writeStatements, type WriterReply, type WriterRequest } from './sqlite-shared.js';
import { PAGE_SIZE, StoreUnavailableError, type HostedFactory, type InsertOutcome, type OfferRow, type OfferTotal, type Store, type VolumeRow, type StoreLocation, type StoredResponse, type StoredRow, type StreamFilter } from './types.js';
import { whereClause, type After } from './where.js';

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

const COLUMNS = 'id, service, answered_at AS answeredAt, received_at AS receivedAt, record, redactions';

/** The writer's module next to this one: .js once built; .ts, loaded through tsx, when tests run the sources. */
function startWriter(file: string): Worker {
  const js = new URL('./sqlite-writer.js', import.meta.url);
  if (existsSync(fileURLToPath(js))) return new Worker(js, { workerData: { file } });
  // A worker's entry module bypasses loader hooks; a dynamic import from an eval'd entry goes through them.
  const ts = new URL('./sqlite-writer.ts', import.meta.url).href;
  return new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(ts)}); })`, { eval: true, workerData: { file } });
}

/**
 * The embedded store: one SQLite file in WAL mode with synchronous=FULL, so a
 * commit is on disk before the response is acknowledged.
 *
 * Writes go to a worker thread and are group-committed: while one
 * transaction waits for its fsync, the requests arriving meanwhile queue up
 * in the thread's inbox and become the next transaction. One fsync serves
 * many responses, the event loop never blocks on the disk, and nothing is
 * acknowledged before its commit. A caller may also run a module of its own
 * in that thread (host): the collector runs its ingest pipeline there for
 * bodies of one record, which spares the HTTP thread. Reads use this thread's own connection (WAL readers
 * never wait for the writer). An in-memory database cannot be shared with a
 * thread, so it is written inline (tests only).
 */
export class SqliteStore implements Store {
  readonly kind = 'sqlite';
  readonly location: StoreLocation | null;
  private readonly db: Database.Database;
  /** insert() calls the writer has not answered yet, by sequence number. */
  private readonly pending = new Map<number, Pending>();
  private seq = 0;
  private closed = false;
  private broken: Error | null = null;
  private readonly worker: Worker | null;
  private drained: (() => void) | null = null;

  constructor(readonly file: string) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.location = file === ':memory:' ? null : { sqliteFile: file };
    this.db = new Database(file);
    configure(this.db);
    this.migrate();
    if (file === ':memory:') {
      this.worker = null;
      return;
    }
    this.worker = startWriter(file);
    // An idle writer must not keep a CLI command alive; it is referenced only while writes are pending.
    this.worker.unref();
    this.worker.on('message', (reply: WriterReply) => this.settle(reply));
    const fail = (e: Error) => {
      this.broken = new StoreUnavailableError(`SQLite writer stopped: ${e.message}`);
      for (const p of this.pending.values()) p.reject(this.broken);
      this.pending.clear();
      this.drained?.();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => {
      if (!this.closed) fail(new Error(`exit code ${code}`));
    });
  }

  private migrate(): void {
    this.db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)');
    // IMMEDIATE takes the write lock first, so two processes starting together apply each migration once.
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const done = new Set((this.db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version));
      for (const m of MIGRATIONS) {
        if (done.has(m.version)) continue;
        this.db.exec(m.sqlite);
        this.db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, Date.now());
      }
      this.db.exec('COMMIT');
    } catch (e) {
      this.db.exec('ROLLBACK');
      throw e;
    }
  }

  insert(rows: StoredRow[]): Promise<InsertOutcome[]> {
    if (this.worker) return this.send((seq) => ({ seq, rows: rows.map(toTuple) }));
    if (this.closed) return Promise.reject(new StoreUnavailableError('the store is closed'));
    return Promise.resolve(this.insertInline(rows));
  }

  /** Runs a module in the writer thread; inline for an in-memory database. */
  async host<C, I, O>(module: URL, config: C): Promise<(input: I) => Promise<O>> {
    if (!this.worker) return ((await import(module.href)) as { default: HostedFactory<C, I, O> }).default(config, this);
    await this.send((seq) => ({ seq, host: { module: module.href, config } }));
    return (input) => this.send<O>((seq) => ({ seq, call: input }));
  }

  /** Posts one request to the writer; resolves with its answer. */
  private send<T>(request: (seq: number) => Exclude<WriterRequest, 'close'>): Promise<T> {
    if (this.closed || this.broken) return Promise.reject(this.broken ?? new StoreUnavailableError('the store is closed'));
    return new Promise<T>((resolve, reject) => {
      const seq = ++this.seq;
      if (this.pending.size === 0) this.worker!.ref();
      this.pending.set(seq, { resolve: resolve as (value: unknown) => void, reject });
      this.worker!.postMessage(request(seq));
    });
  }

  private settle(reply: WriterReply): void {
    for (const r of reply.results) {
      const p = this.pending.get(r.seq)!;
      this.pending.delete(r.seq);
      if ('error' in r) p.reject(r.unavailable ? new StoreUnavailableError(r.error) : new Error(r.error));
      else p.resolve('outcomes' in r ? r.outcomes : 'reply' in r ? r.reply : true);
    }
    if (this.pending.size === 0) {
      this.worker!.unref();
      this.drained?.();
    }
  }

  private inlineStatements?: ReturnType<typeof writeStatements>;

  private insertInline(rows: StoredRow[]): InsertOutcome[] {
    const s = (this.inlineStatements ??= writeStatements(this.db));
    try {
      return this.db.transaction(() => rows.map((r) => insertRow(s, toTuple(r))))();
    } catch (e) {
      throw new StoreUnavailableError(`SQLite write failed: ${(e as Error).message}`);
    }
  }

  async get(id: string): Promise<StoredResponse | null> {
    return (this.db.prepare(`SELECT ${COLUMNS} FROM responses WHERE id = ?`).get(id) as StoredResponse | undefined) ?? null;
  }

  async count(filter: StreamFilter = {}): Promise<number> {
    const w = whereClause(filter);
    return (this.db.prepare(`SELECT count(*) AS n FROM responses${w.sql}`).get(...w.params) as { n: number }).n;
  }

  async *stream(filter: StreamFilter = {}): AsyncIterable<StoredResponse> {
    let after: After | undefined;
    for (;;) {
      const w = whereClause(filter, { after });
      const page = this.db.prepare(`SELECT ${COLUMNS} FROM responses${w.sql} ORDER BY answered_at, id LIMIT ${PAGE_SIZE}`).all(...w.params) as StoredResponse[];
      for (const row of page) yield row;
      if (page.length < PAGE_SIZE) return;
      const last = page[page.length - 1];
      after = { answeredAt: last.answeredAt, id: last.id };
      // Let other requests run between pages of a long export.
      await new Promise((r) => setImmediate(r));
    }
  }

  // Offers and volumes are few, batched writes: they go through this thread's connection (WAL and
  // busy_timeout serialize it with the writer thread) rather than the responses' group commit.
  async addOffers(rows: OfferRow[], receivedAt: number): Promise<Array<'stored' | 'duplicate'>> {
    const receipt = this.db.prepare('INSERT INTO offer_receipts (id, received_at) VALUES (?, ?) ON CONFLICT DO NOTHING');
    const add = this.db.prepare('INSERT INTO offer_counts (service, channel, day, count) VALUES (?, ?, ?, ?) ON CONFLICT (service, channel, day) DO UPDATE SET count = count + excluded.count');
    try {
      return this.db.transaction(() =>
        rows.map((r) => {
          if (receipt.run(r.id, receivedAt).changes === 0) return 'duplicate' as const;
          add.run(r.service, r.channel, r.day, r.count);
          return 'stored' as const;
        }),
      ).immediate();
    } catch (e) {
      throw new StoreUnavailableError(`SQLite write failed: ${(e as Error).message}`);
    }
  }

  async offerTotals(filter: { service?: string; fromDay: string; toDay: string }): Promise<OfferTotal[]> {
    const params: unknown[] = [filter.fromDay, filter.toDay];
    if (filter.service !== undefined) params.push(filter.service);
    return this.db
      .prepare(`SELECT service, channel, sum(count) AS count FROM offer_counts WHERE day >= ? AND day <= ?${filter.service !== undefined ? ' AND service = ?' : ''} GROUP BY service, channel ORDER BY service, channel`)
      .all(...params) as OfferTotal[];
  }

  async setVolume(row: VolumeRow): Promise<void> {
    this.db
      .prepare('INSERT INTO service_volumes (service, fiscal_year, quarter, volume, updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (service, fiscal_year, quarter) DO UPDATE SET volume = excluded.volume, updated_at = excluded.updated_at')
      .run(row.service, row.fiscalYear, row.quarter, row.volume, row.updatedAt);
  }

  async volume(service: string, fiscalYear: number, quarter: number): Promise<VolumeRow | null> {
    const r = this.db
      .prepare('SELECT service, fiscal_year AS fiscalYear, quarter, volume, updated_at AS updatedAt FROM service_volumes WHERE service = ? AND fiscal_year = ? AND quarter = ?')
      .get(service, fiscalYear, quarter) as VolumeRow | undefined;
    return r ?? null;
  }

  async ping(): Promise<void> {
    if (this.broken) throw this.broken;
    this.db.prepare('SELECT 1').get();
  }

  async migrations(): Promise<number[]> {
    return (this.db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as { version: number }[]).map((r) => r.version);
  }

  /** Waits for queued and in-flight writes to commit, then closes both connections. */
  async close(): Promise<void> {
    if (this.closed) return;
    if (this.worker && !this.broken && this.pending.size) await new Promise<void>((r) => (this.drained = r));
    this.closed = true;
    if (this.worker) {
      const exited = new Promise((r) => this.worker!.once('exit', r));
      this.worker.ref();
      this.worker.postMessage('close');
      await exited;
    }
    this.db.close();
  }
}
