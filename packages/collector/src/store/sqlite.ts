import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { MIGRATIONS, rehash } from './migrations.js';
import { configure, insertRow, toTuple, writeStatements, type WriterReply, type WriterRequest } from './sqlite-shared.js';
import { PAGE_SIZE, PURGE_CHUNK, StoreUnavailableError, WriteFailures, type HostedFactory, type InsertOutcome, type OfferFilter, type OfferRow, type OfferTotal, type VolumeRow, type QuarterClose, type Store, type StoreLocation, type StoredResponse, type StoredRow, type StreamFilter } from './types.js';
import { offerTotalsQuery, volumeHistoryInsert, volumeQuery } from './volume-queries.js';
import { whereClause, type After } from './where.js';

export interface SqliteOptions {
  /** How long a write waits for a lock another process holds before it fails (ms, default 10,000). */
  busyTimeout?: number;
  /** After this long without writes (ms, default 1,000), the WAL is checkpointed and truncated. */
  idleCheckpointMs?: number;
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

const COLUMNS = 'id, service, answered_at AS answeredAt, received_at AS receivedAt, counted_at AS countedAt, clock_suspect AS clockSuspect, record, redactions';
const CLOSE_COLUMNS = 'service, fiscal_year AS fiscalYear, quarter, time_zone AS timeZone, closed_at AS closedAt, record_count AS recordCount, checksum, figures';
/** SQLite has no boolean: 0/1 becomes false/true. */
const toResponse = (r: StoredResponse): StoredResponse => ({ ...r, clockSuspect: Boolean(r.clockSuspect) });

/** The writer's module next to this one: .js once built; .ts, loaded through tsx, when tests run the sources. */
function startWriter(workerData: { file: string; busyTimeout?: number; idleCheckpointMs: number }): Worker {
  const js = new URL('./sqlite-writer.js', import.meta.url);
  if (existsSync(fileURLToPath(js))) return new Worker(js, { workerData });
  // A worker's entry module bypasses loader hooks; a dynamic import from an eval'd entry goes through them.
  const ts = new URL('./sqlite-writer.ts', import.meta.url).href;
  return new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(ts)}); })`, { eval: true, workerData });
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
  private readonly failures = new WriteFailures();
  private readonly probes = new Set<number>();

  constructor(
    readonly file: string,
    options: SqliteOptions = {},
  ) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.location = file === ':memory:' ? null : { sqliteFile: file };
    this.db = new Database(file);
    configure(this.db, options.busyTimeout);
    this.migrate();
    if (file === ':memory:') {
      this.worker = null;
      return;
    }
    this.worker = startWriter({ file, busyTimeout: options.busyTimeout, idleCheckpointMs: options.idleCheckpointMs ?? 1000 });
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
        if (m.rehashRedacted) {
          const update = this.db.prepare('UPDATE responses SET content_hash = ? WHERE id = ?');
          for (const r of this.db.prepare('SELECT id, record FROM responses WHERE redactions IS NOT NULL').all() as { id: string; record: string }[])
            update.run(rehash(r.record), r.id);
        }
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
      // The probe reports its own failure; only real writes count towards the failure window.
      if ('error' in r && r.unavailable && !this.probes.delete(r.seq)) this.failures.note(r.error);
      else this.probes.delete(r.seq);
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
      this.failures.note((e as Error).message);
      throw new StoreUnavailableError(`SQLite write failed: ${(e as Error).message}`);
    }
  }

  async get(id: string): Promise<StoredResponse | null> {
    const row = this.db.prepare(`SELECT ${COLUMNS} FROM responses WHERE id = ?`).get(id) as StoredResponse | undefined;
    return row ? toResponse(row) : null;
  }

  async purge(filter: StreamFilter): Promise<number> {
    const w = whereClause(filter);
    const chunk = this.db.prepare(`DELETE FROM responses WHERE rowid IN (SELECT rowid FROM responses${w.sql} LIMIT ${PURGE_CHUNK})`);
    let deleted = 0;
    for (;;) {
      let n: number;
      try {
        n = chunk.run(...w.params).changes;
      } catch (e) {
        throw new StoreUnavailableError(`SQLite delete failed after ${deleted} rows: ${(e as Error).message}`);
      }
      deleted += n;
      if (n < PURGE_CHUNK) return deleted;
      // Let the writer (this process's or another's) commit between chunks.
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  async count(filter: StreamFilter = {}): Promise<number> {
    const w = whereClause(filter);
    return (this.db.prepare(`SELECT count(*) AS n FROM responses${w.sql}`).get(...w.params) as { n: number }).n;
  }

  async *stream(filter: StreamFilter = {}): AsyncIterable<StoredResponse> {
    let after: After | undefined;
    for (;;) {
      const w = whereClause(filter, { after });
      const page = this.db.prepare(`SELECT ${COLUMNS} FROM responses${w.sql} ORDER BY counted_at, id LIMIT ${PAGE_SIZE}`).all(...w.params) as StoredResponse[];
      for (const row of page) yield toResponse(row);
      if (page.length < PAGE_SIZE) return;
      const last = page[page.length - 1];
      after = { countedAt: last.countedAt, id: last.id };
      // Let other requests run between pages of a long export.
      await new Promise((r) => setImmediate(r));
    }
  }

  pendingWrites(): number {
    return this.pending.size;
  }

  // Offers and volumes are few, batched writes: they go through this thread's connection (WAL and
  // busy_timeout serialize it with the writer thread) rather than the responses' group commit.
  async addOffers(rows: OfferRow[], receivedAt: number): Promise<Array<'stored' | 'duplicate'>> {
    const receipt = this.db.prepare('INSERT INTO offer_receipts (id, received_at, service, channel, day, count) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING');
    const add = this.db.prepare('INSERT INTO offer_counts (service, channel, day, count) VALUES (?, ?, ?, ?) ON CONFLICT (service, channel, day) DO UPDATE SET count = count + excluded.count');
    try {
      return this.db.transaction(() =>
        rows.map((r) => {
          if (receipt.run(r.id, receivedAt, r.service, r.channel, r.day, r.count).changes === 0) return 'duplicate' as const;
          add.run(r.service, r.channel, r.day, r.count);
          return 'stored' as const;
        }),
      ).immediate();
    } catch (e) {
      throw new StoreUnavailableError(`SQLite write failed: ${(e as Error).message}`);
    }
  }

  async offerTotals(filter: OfferFilter): Promise<OfferTotal[]> {
    const q = offerTotalsQuery(filter, false);
    return this.db.prepare(q.sql).all(...q.params) as OfferTotal[];
  }

  async setVolume(row: VolumeRow): Promise<void> {
    const set = this.db.prepare(
      'INSERT INTO service_volumes (service, fiscal_year, quarter, volume, updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (service, fiscal_year, quarter) DO UPDATE SET volume = excluded.volume, updated_at = excluded.updated_at',
    );
    const keep = this.db.prepare(volumeHistoryInsert(false));
    this.db.transaction(() => {
      set.run(row.service, row.fiscalYear, row.quarter, row.volume, row.updatedAt);
      keep.run(row.service, row.fiscalYear, row.quarter, row.volume, row.updatedAt);
    }).immediate();
  }

  async volume(service: string, fiscalYear: number, quarter: number, options: { setBefore?: number } = {}): Promise<VolumeRow | null> {
    const q = volumeQuery(service, fiscalYear, quarter, options.setBefore, false);
    return (this.db.prepare(q.sql).get(...q.params) as VolumeRow | undefined) ?? null;
  }

  async ping(): Promise<void> {
    if (this.broken) throw this.broken;
    this.db.prepare('SELECT count(*) FROM schema_migrations').get();
  }

  async probeWrite(): Promise<void> {
    this.failures.check();
    if (this.worker) {
      await this.send((seq) => (this.probes.add(seq), { seq, probe: Date.now() }));
      return;
    }
    try {
      writeStatements(this.db).probe.run(Date.now());
    } catch (e) {
      throw new StoreUnavailableError(`SQLite write failed: ${(e as Error).message}`);
    }
  }

  // Reads and the close's single insert run on this connection: closes are rare, admin-only, and
  // WAL lets them wait briefly for the writer thread's lock (busy_timeout).
  async closeQuarter(c: QuarterClose, ids: readonly string[]): Promise<boolean> {
    const close = this.db.prepare(
      'INSERT INTO quarter_closes (service, fiscal_year, quarter, time_zone, closed_at, record_count, checksum, figures) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
    );
    const member = this.db.prepare('INSERT INTO quarter_close_records (service, fiscal_year, quarter, id) VALUES (?, ?, ?, ?)');
    return this.db.transaction(() => {
      if (close.run(c.service, c.fiscalYear, c.quarter, c.timeZone, c.closedAt, c.recordCount, c.checksum, c.figures).changes !== 1) return false;
      for (const id of ids) member.run(c.service, c.fiscalYear, c.quarter, id);
      return true;
    }).immediate();
  }

  async quarterCloses(fiscalYear: number, quarter: number, service?: string): Promise<QuarterClose[]> {
    const sql = `SELECT ${CLOSE_COLUMNS} FROM quarter_closes WHERE fiscal_year = ? AND quarter = ?${service === undefined ? '' : ' AND service = ?'} ORDER BY service`;
    return this.db.prepare(sql).all(fiscalYear, quarter, ...(service === undefined ? [] : [service])) as QuarterClose[];
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
