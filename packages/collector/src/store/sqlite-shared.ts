import type Database from 'better-sqlite3';
import type { InsertOutcome, StoredRow } from './types.js';

export const SQLITE_INSERT = `INSERT INTO responses (id, service, answered_at, received_at, channel, survey_type, content_hash, token_id, record, redactions)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`;
export const SQLITE_LOOKUP = 'SELECT content_hash AS hash FROM responses WHERE id = ?';

/** Every connection: WAL, and synchronous=FULL so a commit is on disk before anyone is told it happened. */
export function configure(db: Database.Database): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  // Other processes on the same file (a CLI report, a second instance) wait rather than fail.
  db.pragma('busy_timeout = 10000');
  // Random UUID keys dirty index pages all over the file; rarer checkpoints write each hot page once
  // per checkpoint instead of once per commit (with the writer's larger cache: batches 16k → 25k rows/s).
  db.pragma('wal_autocheckpoint = 16384');
  db.pragma('journal_size_limit = 67108864');
}

export interface WriteRequest {
  seq: number;
  groups: StoredRow[][];
}

export interface WriteReply {
  seq: number;
  results: Array<{ outcomes: InsertOutcome[] } | { error: string }>;
}
