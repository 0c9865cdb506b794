import type Database from 'better-sqlite3';
import { tokenKey, type InsertOutcome, type StoredRow } from './types.js';

const SQLITE_INSERT = `INSERT INTO responses (id, service, answered_at, received_at, channel, survey_type, content_hash, token_id, record, redactions)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`;
const SQLITE_LOOKUP = 'SELECT content_hash AS hash FROM responses WHERE id = ?';

const SQLITE_PROBE = 'INSERT INTO collector_health (id, checked_at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET checked_at = excluded.checked_at';

/** A connection's statements for writing rows, and the health probe's heartbeat. */
export function writeStatements(db: Database.Database): { insert: Database.Statement; lookup: Database.Statement; probe: Database.Statement } {
  return { insert: db.prepare(SQLITE_INSERT), lookup: db.prepare(SQLITE_LOOKUP), probe: db.prepare(SQLITE_PROBE) };
}

/** Inserts one row inside the caller's transaction and tells what happened to it. */
export function insertRow(s: ReturnType<typeof writeStatements>, r: RowTuple): InsertOutcome {
  if (s.insert.run(...r).changes === 1) return 'stored';
  // The insert hit a unique constraint: the id's row (if any) tells which.
  const existing = s.lookup.get(r[0]) as { hash: string } | undefined;
  if (existing) return existing.hash === r[6] ? 'duplicate' : 'id_conflict';
  return 'token_reused';
}

/** How long a connection waits for a lock another process holds before the write fails (a 503). */
export const DEFAULT_BUSY_TIMEOUT_MS = 10_000;

/** Every connection: WAL, and synchronous=FULL so a commit is on disk before anyone is told it happened. */
export function configure(db: Database.Database, busyTimeout = DEFAULT_BUSY_TIMEOUT_MS): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  // Other processes on the same file (a CLI report, a second instance) wait rather than fail.
  db.pragma(`busy_timeout = ${Math.floor(busyTimeout)}`);
  // Random UUID keys dirty index pages all over the file; rarer checkpoints write each hot page once
  // per checkpoint instead of once per commit.
  db.pragma('wal_autocheckpoint = 16384');
  db.pragma('journal_size_limit = 67108864');
}

/** What the owning thread sends its writer: rows to insert, a module to host and its configuration, a call to it, or 'close'. */
export type WriterRequest =
  | { seq: number; rows: RowTuple[] }
  | { seq: number; probe: number }
  | { seq: number; host: { module: string; config: unknown } }
  | { seq: number; call: unknown }
  | 'close';

export type RowTuple = [string, string, number, number, string, string, string, string | null, string, string | null];

/** Rows as flat tuples in SQLITE_INSERT's column order (cheaper to post than objects). */
export const toTuple = (r: StoredRow): RowTuple => [r.id, r.service, r.answeredAt, r.receivedAt, r.channel, r.surveyType, r.contentHash, tokenKey(r.service, r.tokenId), r.record, r.redactions];

/**
 * Errors of the database as a whole (a lock held elsewhere, a full disk, an I/O error, a read-only
 * file): every request of a group commit fails alike, so retrying each alone would only multiply
 * the wait (ten requests behind an external lock would wait 10 s each in turn).
 */
export const isDatabaseFault = (e: unknown): boolean => /^SQLITE_(BUSY|LOCKED|FULL|IOERR|READONLY|CANTOPEN|CORRUPT|NOMEM|NOTADB|PROTOCOL)/.test((e as { code?: string })?.code ?? '');

/** The writer's answers, several per message. `unavailable` marks a database failure (a 503, retry later). */
export interface WriterReply {
  results: Array<
    | { seq: number; outcomes: InsertOutcome[] }
    | { seq: number; hosted: true }
    | { seq: number; reply: unknown }
    | { seq: number; error: string; unavailable: boolean }
  >;
}
