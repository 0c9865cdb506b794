import type { SubmitConfig, Submitter } from '../submit.js';

/** One accepted response, as both backends store it. */
export interface StoredRow {
  id: string;
  service: string;
  /** The respondent's answeredAt, epoch milliseconds: reports select quarters on it. */
  answeredAt: number;
  receivedAt: number;
  channel: string;
  surveyType: string;
  /** SHA-256 of the record as submitted (canonical JSON): tells a retry from a conflicting reuse of the id. */
  contentHash: string;
  /** Verified window token id; unique, so a token answers one response only. */
  tokenId: string | null;
  /** The record as stored (after redaction), JSON text. */
  record: string;
  /** Redactions applied, e.g. "email,ssn"; null when none. */
  redactions: string | null;
}

/**
 * What an insert did. The outcome comes from the database's unique
 * constraints (insert first, look after a conflict), never from a check before
 * inserting, so concurrent writers, here or on other instances, agree.
 */
export type InsertOutcome = 'stored' | 'duplicate' | 'id_conflict' | 'token_reused';

export interface StreamFilter {
  service?: string;
  /** answeredAt range, epoch ms, from inclusive, to exclusive. */
  from?: number;
  to?: number;
}

export interface StoredResponse {
  id: string;
  service: string;
  answeredAt: number;
  receivedAt: number;
  record: string;
  redactions: string | null;
}

export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  /** Inserts rows; resolves only once they are durable (committed), one outcome per row in order. */
  insert(rows: StoredRow[]): Promise<InsertOutcome[]>;
  get(id: string): Promise<StoredResponse | null>;
  count(filter?: StreamFilter): Promise<number>;
  /** Rows in (answeredAt, id) order, fetched page by page so memory stays flat however many there are. */
  stream(filter?: StreamFilter): AsyncIterable<StoredResponse>;
  ping(): Promise<void>;
  /** Migration versions applied, ascending. */
  migrations(): Promise<number[]>;
  /** Waits for queued writes, then closes. */
  close(): Promise<void>;
  /**
   * Optional: runs the ingest pipeline (submit.ts) beside the store's writer. SQLite runs it in its
   * writer thread, and the HTTP thread's submitter hands it bodies of one record (createSubmitter's
   * `hosted`); the rate limiter stays with that caller.
   */
  hostSubmitter?(config: SubmitConfig): Promise<Submitter>;
}

export const PAGE_SIZE = 2000;

/** The database is unavailable or failed: a 503 for the client, who should retry. */
export class StoreUnavailableError extends Error {}
