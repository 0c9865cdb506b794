/** One accepted response, as both backends store it. */
export interface StoredRow {
  id: string;
  service: string;
  /** The respondent's answeredAt, epoch milliseconds: reports select quarters on it. */
  answeredAt: number;
  receivedAt: number;
  /** When the record counts in reports: answeredAt, or receivedAt when clockSuspect. */
  countedAt: number;
  /** answeredAt cannot be believed (before the service began, or older than the grace period at receipt). */
  clockSuspect: boolean;
  channel: string;
  surveyType: string;
  /** SHA-256 of the record as submitted (canonical JSON): tells a retry from a conflicting reuse of the id. */
  contentHash: string;
  /** Verified window token id (jti); unique per service, so a token answers one response only. */
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

/** Which rows a read covers; every field narrows it. */
export interface RowFilter {
  service?: string;
  /** Range of the instant a record counts at (answeredAt, or receivedAt when clock suspect), epoch ms, from inclusive, to exclusive. */
  from?: number;
  to?: number;
  /** receivedAt range, epoch ms: before is exclusive, after inclusive (past runs reproduced). */
  receivedBefore?: number;
  receivedAfter?: number;
  channel?: string;
  surveyType?: string;
  /** Only records the close of this service's quarter did not count (its late arrivals); needs service. */
  notInClose?: { fiscalYear: number; quarter: number };
  /** Only records the close of this service's quarter counted (what was submitted); needs service. */
  inClose?: { fiscalYear: number; quarter: number };
}

export type StreamFilter = RowFilter;

/** Where another reader (the analytics queries) can open its own connection to the same data. */
export type StoreLocation = { sqliteFile: string } | { databaseUrl: string; schema: string };

/**
 * A module run beside a store's only writer. Its default export receives the host's configuration
 * (plain data) and a store that writes through that writer, and returns the function callers reach.
 */
export type HostedFactory<C, I, O> = (config: C, store: Pick<Store, 'insert'>) => Promise<(input: I) => Promise<O>>;

export interface StoredResponse {
  id: string;
  service: string;
  answeredAt: number;
  receivedAt: number;
  countedAt: number;
  clockSuspect: boolean;
  record: string;
  redactions: string | null;
}

/** One offer count as the collector adds it (the protocol's OfferCount, checked). */
export interface OfferRow {
  id: string;
  service: string;
  channel: string;
  day: string;
  count: number;
}

/** Which offer counts a sum covers. */
export interface OfferFilter {
  service?: string;
  fromDay: string;
  toDay: string;
  /** Only counts received before this instant (epoch ms, exclusive): a past run's offers. */
  receivedBefore?: number;
}

/** Summed offers of one service and channel over a range of days. */
export interface OfferTotal {
  service: string;
  channel: string;
  count: number;
}

/** The agency's volume of customers for a quarter, as given through the admin API. */
export interface VolumeRow {
  service: string;
  fiscalYear: number;
  quarter: number;
  volume: number;
  updatedAt: number;
}

export interface Store {
  /** A label for /healthz, logs and the migrate command: 'sqlite', 'postgres', or a test's own. */
  readonly kind: string;
  /** Where a separate reader can connect; null when nothing else can (an in-memory database, a stub). */
  readonly location: StoreLocation | null;
  /** Inserts rows; resolves only once they are durable (committed), one outcome per row in order. */
  insert(rows: StoredRow[]): Promise<InsertOutcome[]>;
  get(id: string): Promise<StoredResponse | null>;
  count(filter?: StreamFilter): Promise<number>;
  /** Rows in (countedAt, id) order, fetched page by page so memory stays flat however many there are. */
  stream(filter?: StreamFilter): AsyncIterable<StoredResponse>;
  /** Adds counts in one transaction; a count whose id was added before is a 'duplicate' and adds nothing. */
  addOffers(rows: OfferRow[], receivedAt: number): Promise<Array<'stored' | 'duplicate'>>;
  /** Offer sums per service and channel for days from `fromDay` to `toDay` inclusive (YYYY-MM-DD). */
  offerTotals(filter: OfferFilter): Promise<OfferTotal[]>;
  /** Sets (or replaces) a quarter's volume of customers; every value set is kept with its time (`updatedAt`). */
  setVolume(row: VolumeRow): Promise<void>;
  /** The quarter's volume as it stands, or, with `setBefore` (epoch ms, exclusive), as it stood then. */
  volume(service: string, fiscalYear: number, quarter: number, options?: { setBefore?: number }): Promise<VolumeRow | null>;
  /** Reads: fails when the database cannot be read. */
  ping(): Promise<void>;
  /**
   * Writes a heartbeat row the way responses are written (same connection, same commit path): fails
   * when writes fail — a full disk, a lock held elsewhere, a read-only standby, a database away.
   */
  probeWrite(): Promise<void>;
  /**
   * Stores a quarter's frozen figures and the ids of the records they count, in one transaction;
   * false when that service's quarter was already closed (the first close stands).
   */
  closeQuarter(close: QuarterClose, ids: readonly string[]): Promise<boolean>;
  /** Closes stored for a fiscal quarter (every service, or one), by service id. */
  quarterCloses(fiscalYear: number, quarter: number, service?: string): Promise<QuarterClose[]>;
  /** Migration versions applied, ascending. */
  migrations(): Promise<number[]>;
  /** Waits for queued writes, then closes. */
  close(): Promise<void>;
  /**
   * Deletes the rows the filter selects (retention: `to` is the cut-off), in chunks so the writer
   * is never locked out for long; resolves with how many were deleted.
   */
  purge(filter: RowFilter): Promise<number>;
  /** Writes handed to the store and not yet answered, for /metrics. */
  pendingWrites?(): number;
  /**
   * Optional: loads `module` (a HostedFactory) beside the store's writer and returns a function that
   * calls it there. SQLite runs it in its writer thread, so work done before a write (parsing,
   * validating) leaves the caller's thread and its rows need no second hop. The store knows nothing
   * of what the module does.
   */
  host?<C, I, O>(module: URL, config: C): Promise<(input: I) => Promise<O>>;
}

/** A quarter's figures as submitted to OMB (issue #14 item 2), never changed afterwards. */
export interface QuarterClose {
  service: string;
  fiscalYear: number;
  quarter: number;
  /** Time zone of the quarter's boundaries when it was closed. */
  timeZone: string;
  closedAt: number;
  recordCount: number;
  /** SHA-256 over the ids and stored texts of the records counted, in stream order (see reports/closing.ts). */
  checksum: string;
  /** The report as frozen, JSON text. */
  figures: string;
}

export const PAGE_SIZE = 2000;
/** Rows deleted per transaction by purge(). */
export const PURGE_CHUNK = 5000;

/** The stored token key: a token id is unique per service, and a service id holds no colon. */
export const tokenKey = (service: string, tokenId: string | null): string | null => (tokenId === null ? null : `${service}:${tokenId}`);

/**
 * Remembers the last failed write, so the write probe fails while real writes fail: a one-row
 * heartbeat can still fit on a disk that a batch of responses no longer does.
 */
export class WriteFailures {
  private last: { at: number; message: string } | null = null;
  constructor(private readonly windowMs = 10_000) {}
  note(message: string, now = Date.now()): void {
    this.last = { at: now, message };
  }
  /** Throws while a write failed within the window. */
  check(now = Date.now()): void {
    if (this.last && now - this.last.at < this.windowMs) throw new StoreUnavailableError(`a write failed ${Math.round((now - this.last.at) / 1000)} s ago: ${this.last.message}`);
  }
}

/** The database is unavailable or failed: a 503 for the client, who should retry. */
export class StoreUnavailableError extends Error {}
