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

/** Which rows a read covers; every field narrows it. */
export interface RowFilter {
  service?: string;
  /** answeredAt range, epoch ms, from inclusive, to exclusive. */
  from?: number;
  to?: number;
  channel?: string;
  surveyType?: string;
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
  /** Rows in (answeredAt, id) order, fetched page by page so memory stays flat however many there are. */
  stream(filter?: StreamFilter): AsyncIterable<StoredResponse>;
  /** Adds counts in one transaction; a count whose id was added before is a 'duplicate' and adds nothing. */
  addOffers(rows: OfferRow[], receivedAt: number): Promise<Array<'stored' | 'duplicate'>>;
  /** Offer sums per service and channel for days from `fromDay` to `toDay` inclusive (YYYY-MM-DD). */
  offerTotals(filter: { service?: string; fromDay: string; toDay: string }): Promise<OfferTotal[]>;
  /** Sets (or replaces) a quarter's volume of customers. */
  setVolume(row: VolumeRow): Promise<void>;
  volume(service: string, fiscalYear: number, quarter: number): Promise<VolumeRow | null>;
  ping(): Promise<void>;
  /** Migration versions applied, ascending. */
  migrations(): Promise<number[]>;
  /** Waits for queued writes, then closes. */
  close(): Promise<void>;
  /**
   * Optional: loads `module` (a HostedFactory) beside the store's writer and returns a function that
   * calls it there. SQLite runs it in its writer thread, so work done before a write (parsing,
   * validating) leaves the caller's thread and its rows need no second hop. The store knows nothing
   * of what the module does.
   */
  host?<C, I, O>(module: URL, config: C): Promise<(input: I) => Promise<O>>;
}

export const PAGE_SIZE = 2000;

/** The database is unavailable or failed: a 503 for the client, who should retry. */
export class StoreUnavailableError extends Error {}
