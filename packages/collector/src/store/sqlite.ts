import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations.js';
import { PAGE_SIZE, StoreUnavailableError, type InsertOutcome, type Store, type StoredResponse, type StoredRow, type StreamFilter } from './types.js';

interface Pending {
  rows: StoredRow[];
  resolve: (outcomes: InsertOutcome[]) => void;
  reject: (error: Error) => void;
}

const COLUMNS = 'id, service, answered_at AS answeredAt, received_at AS receivedAt, record, redactions';

function where(filter: StreamFilter, after?: { answeredAt: number; id: string }): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (filter.service !== undefined) (parts.push('service = ?'), params.push(filter.service));
  if (filter.from !== undefined) (parts.push('answered_at >= ?'), params.push(filter.from));
  if (filter.to !== undefined) (parts.push('answered_at < ?'), params.push(filter.to));
  if (after) (parts.push('(answered_at, id) > (?, ?)'), params.push(after.answeredAt, after.id));
  return { sql: parts.length ? ` WHERE ${parts.join(' AND ')}` : '', params };
}

/**
 * The embedded store: one SQLite file in WAL mode with synchronous=FULL, so a
 * commit is on disk before the response is acknowledged. Writes from
 * concurrent requests are grouped into one transaction per event-loop turn
 * (group commit): one fsync serves many responses, and none is acknowledged
 * before its transaction commits.
 */
export class SqliteStore implements Store {
  readonly kind = 'sqlite';
  private readonly db: Database.Database;
  private queue: Pending[] = [];
  private scheduled = false;
  private closed = false;
  private readonly insertStmt: Database.Statement;
  private readonly lookupStmt: Database.Statement;
  private readonly writeGroup: (groups: Pending[]) => InsertOutcome[][];

  constructor(readonly file: string) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    // Other processes on the same file (a CLI report, a second instance) wait rather than fail.
    this.db.pragma('busy_timeout = 10000');
    this.migrate();
    this.insertStmt = this.db.prepare(
      `INSERT INTO responses (id, service, answered_at, received_at, channel, survey_type, content_hash, token_id, record, redactions)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
    );
    this.lookupStmt = this.db.prepare('SELECT content_hash AS hash FROM responses WHERE id = ?');
    this.writeGroup = this.db.transaction((groups: Pending[]) => groups.map((g) => g.rows.map((r) => this.insertOne(r))));
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

  private insertOne(r: StoredRow): InsertOutcome {
    const info = this.insertStmt.run(r.id, r.service, r.answeredAt, r.receivedAt, r.channel, r.surveyType, r.contentHash, r.tokenId, r.record, r.redactions);
    if (info.changes === 1) return 'stored';
    // The insert hit a unique constraint: the id's row (if any) tells which.
    const existing = this.lookupStmt.get(r.id) as { hash: string } | undefined;
    if (existing) return existing.hash === r.contentHash ? 'duplicate' : 'id_conflict';
    return 'token_reused';
  }

  insert(rows: StoredRow[]): Promise<InsertOutcome[]> {
    if (this.closed) return Promise.reject(new StoreUnavailableError('the store is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ rows, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const groups = this.queue;
    this.queue = [];
    if (!groups.length) return;
    try {
      const outcomes = this.writeGroup(groups);
      groups.forEach((g, i) => g.resolve(outcomes[i]));
    } catch {
      // One request's failure must not fail the others grouped with it: retry each alone.
      for (const g of groups) {
        try {
          g.resolve(this.writeGroup([g])[0]);
        } catch (e) {
          g.reject(new StoreUnavailableError(`SQLite write failed: ${(e as Error).message}`));
        }
      }
    }
  }

  async get(id: string): Promise<StoredResponse | null> {
    return (this.db.prepare(`SELECT ${COLUMNS} FROM responses WHERE id = ?`).get(id) as StoredResponse | undefined) ?? null;
  }

  async count(filter: StreamFilter = {}): Promise<number> {
    const w = where(filter);
    return (this.db.prepare(`SELECT count(*) AS n FROM responses${w.sql}`).get(...w.params) as { n: number }).n;
  }

  async *stream(filter: StreamFilter = {}): AsyncIterable<StoredResponse> {
    let after: { answeredAt: number; id: string } | undefined;
    for (;;) {
      const w = where(filter, after);
      const page = this.db.prepare(`SELECT ${COLUMNS} FROM responses${w.sql} ORDER BY answered_at, id LIMIT ${PAGE_SIZE}`).all(...w.params) as StoredResponse[];
      for (const row of page) yield row;
      if (page.length < PAGE_SIZE) return;
      const last = page[page.length - 1];
      after = { answeredAt: last.answeredAt, id: last.id };
    }
  }

  async ping(): Promise<void> {
    this.db.prepare('SELECT 1').get();
  }

  async migrations(): Promise<number[]> {
    return (this.db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as { version: number }[]).map((r) => r.version);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.flush();
    this.db.close();
  }
}
