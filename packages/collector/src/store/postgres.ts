import pg from 'pg';
import { MIGRATIONS, rehash } from './migrations.js';
import { PAGE_SIZE, PURGE_CHUNK, StoreUnavailableError, WriteFailures, type InsertOutcome, type OfferFilter, type OfferRow, type OfferTotal, type VolumeRow, type QuarterClose, type Store, type StoreLocation, type StoredResponse, type StoredRow, type StreamFilter } from './types.js';
import { offerTotalsQuery, volumeHistoryInsert, volumeQuery } from './volume-queries.js';
import { whereClause, type After } from './where.js';
import { ResponseWriter } from './postgres-writer.js';

export interface PostgresOptions {
  connectionString: string;
  /** Schema holding the tables (created if missing); default "public". Tests use one per run. */
  schema?: string;
  poolSize?: number;
}

const COLUMNS = 'id::text AS id, service, answered_at AS "answeredAt", received_at AS "receivedAt", counted_at AS "countedAt", clock_suspect AS "clockSuspect", record, redactions';
const CLOSE_COLUMNS = 'service, fiscal_year AS "fiscalYear", quarter, time_zone AS "timeZone", closed_at AS "closedAt", record_count AS "recordCount", checksum, figures';
/** A count's receipt: its id (a retry is a duplicate) and what it added when (report --received-before). */
const OFFER_RECEIPT = 'INSERT INTO offer_receipts (id, received_at, service, channel, day, count) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING';
// An arbitrary constant key: instances starting together take turns migrating.
const MIGRATION_LOCK = 280_14;

export function quoteIdent(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(name)) throw new RangeError(`invalid schema name ${name}`);
  return `"${name}"`;
}

interface Row {
  id: string;
  service: string;
  answeredAt: string;
  receivedAt: string;
  countedAt: string;
  clockSuspect: boolean;
  record: string;
  redactions: string | null;
}

const toResponse = (r: Row): StoredResponse => ({ ...r, answeredAt: Number(r.answeredAt), receivedAt: Number(r.receivedAt), countedAt: Number(r.countedAt) });

/**
 * The shared store for several instances behind a load balancer. Each
 * request's rows go in one transaction of multi-row INSERT … ON CONFLICT DO
 * NOTHING; PostgreSQL's unique indexes decide duplicates across instances.
 */
export class PostgresStore implements Store {
  readonly kind = 'postgres';
  readonly location: StoreLocation;
  private readonly pool: pg.Pool;
  private readonly schema: string;
  private readonly failures = new WriteFailures();
  /** Responses' rows, grouped into shared statements. */
  private readonly writer: ResponseWriter;

  private constructor(options: PostgresOptions) {
    this.schema = options.schema ?? 'public';
    this.location = { databaseUrl: options.connectionString, schema: this.schema };
    quoteIdent(this.schema);
    this.pool = new pg.Pool({
      connectionString: options.connectionString,
      max: options.poolSize ?? 10,
      options: `-c search_path=${this.schema}`,
    });
    // An idle client's error (server restart) must not crash the process; the next query reconnects.
    this.pool.on('error', () => {});
    this.writer = new ResponseWriter(() => this.checkout(), this.failures);
  }

  static async open(options: PostgresOptions): Promise<PostgresStore> {
    const store = new PostgresStore(options);
    try {
      await store.migrate();
    } catch (e) {
      await store.pool.end();
      throw e;
    }
    return store;
  }

  private async migrate(): Promise<void> {
    const { client, release } = await this.checkout();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(this.schema)}`);
      await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())');
      const done = new Set((await client.query('SELECT version FROM schema_migrations')).rows.map((r) => r.version as number));
      for (const m of MIGRATIONS) {
        if (done.has(m.version)) continue;
        await client.query(m.postgres);
        if (m.rehashRedacted) {
          const rows = (await client.query<{ id: string; record: string }>('SELECT id::text AS id, record FROM responses WHERE redactions IS NOT NULL')).rows;
          for (const r of rows) await client.query('UPDATE responses SET content_hash = $1 WHERE id = $2', [rehash(r.record), r.id]);
        }
        await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      }
      await client.query('COMMIT');
    } catch (e) {
      await client.query('ROLLBACK').catch(() => {});
      throw e;
    } finally {
      release();
    }
  }

  private async query<T extends pg.QueryResultRow>(text: string, params: unknown[] = []): Promise<pg.QueryResult<T>> {
    try {
      return await this.pool.query<T>(text, params);
    } catch (e) {
      throw new StoreUnavailableError(`PostgreSQL: ${(e as Error).message}`);
    }
  }

  /**
   * A client taken from the pool, with an 'error' listener for as long as it is out: a connection
   * reset (failover, restart) is emitted on the client as well as failing its query, and an
   * unheard 'error' event would end the process. The pool drops a client released with its error.
   */
  private async checkout(): Promise<{ client: pg.PoolClient; release: () => void }> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (e) {
      this.failures.note((e as Error).message);
      throw new StoreUnavailableError(`PostgreSQL: ${(e as Error).message}`);
    }
    let broken: Error | undefined;
    const onError = (e: Error) => (broken = e);
    client.on('error', onError);
    return {
      client,
      release: () => {
        client.off('error', onError);
        client.release(broken);
      },
    };
  }

  /**
   * Concurrent requests' rows are grouped into shared statements: each PostgreSQL commit (one WAL flush)
   * then serves several requests. A request's rows always stay in one statement.
   */
  insert(rows: StoredRow[]): Promise<InsertOutcome[]> {
    return this.writer.insert(rows);
  }

  async get(id: string): Promise<StoredResponse | null> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    const r = await this.query<Row>(`SELECT ${COLUMNS} FROM responses WHERE id = $1`, [id]);
    return r.rows[0] ? toResponse(r.rows[0]) : null;
  }

  async purge(filter: StreamFilter): Promise<number> {
    const w = whereClause(filter, { numbered: true });
    let deleted = 0;
    for (;;) {
      const n = (await this.query(`DELETE FROM responses WHERE id IN (SELECT id FROM responses${w.sql} LIMIT ${PURGE_CHUNK})`, w.params)).rowCount ?? 0;
      deleted += n;
      if (n < PURGE_CHUNK) return deleted;
    }
  }

  async count(filter: StreamFilter = {}): Promise<number> {
    const w = whereClause(filter, { numbered: true });
    return Number((await this.query<{ n: string }>(`SELECT count(*) AS n FROM responses${w.sql}`, w.params)).rows[0].n);
  }

  async *stream(filter: StreamFilter = {}): AsyncIterable<StoredResponse> {
    let after: After | undefined;
    for (;;) {
      const w = whereClause(filter, { numbered: true, after });
      const page = (await this.query<Row>(`SELECT ${COLUMNS} FROM responses${w.sql} ORDER BY counted_at, id LIMIT ${PAGE_SIZE}`, w.params)).rows;
      for (const row of page) yield toResponse(row);
      if (page.length < PAGE_SIZE) return;
      const last = page[page.length - 1];
      after = { countedAt: Number(last.countedAt), id: last.id };
    }
  }

  pendingWrites(): number {
    return this.writer.pending();
  }

  /** Runs work in one transaction on a pooled client; any failure rolls back and reads as the store being unavailable. */
  private async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (e) {
      throw new StoreUnavailableError(`PostgreSQL: ${(e as Error).message}`);
    }
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => {});
      throw new StoreUnavailableError(`PostgreSQL: ${(e as Error).message}`);
    } finally {
      client.release();
    }
  }

  async addOffers(rows: OfferRow[], receivedAt: number): Promise<Array<'stored' | 'duplicate'>> {
    return this.transaction(async (client) => {
      const outcomes: Array<'stored' | 'duplicate'> = [];
      for (const r of rows) {
        const receipt = await client.query(OFFER_RECEIPT, [r.id, receivedAt, r.service, r.channel, r.day, r.count]);
        if (receipt.rowCount === 0) {
          outcomes.push('duplicate');
          continue;
        }
        await client.query(
          'INSERT INTO offer_counts (service, channel, day, count) VALUES ($1, $2, $3, $4) ON CONFLICT (service, channel, day) DO UPDATE SET count = offer_counts.count + excluded.count',
          [r.service, r.channel, r.day, r.count],
        );
        outcomes.push('stored');
      }
      return outcomes;
    });
  }

  async offerTotals(filter: OfferFilter): Promise<OfferTotal[]> {
    const q = offerTotalsQuery(filter, true);
    const r = await this.query<{ service: string; channel: string; count: string }>(q.sql, q.params);
    return r.rows.map((x) => ({ ...x, count: Number(x.count) }));
  }

  async setVolume(row: VolumeRow): Promise<void> {
    const values = [row.service, row.fiscalYear, row.quarter, row.volume, row.updatedAt];
    await this.transaction(async (client) => {
      await client.query(
        'INSERT INTO service_volumes (service, fiscal_year, quarter, volume, updated_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (service, fiscal_year, quarter) DO UPDATE SET volume = excluded.volume, updated_at = excluded.updated_at',
        values,
      );
      await client.query(volumeHistoryInsert(true), values);
    });
  }

  async volume(service: string, fiscalYear: number, quarter: number, options: { setBefore?: number } = {}): Promise<VolumeRow | null> {
    const q = volumeQuery(service, fiscalYear, quarter, options.setBefore, true);
    const x = (await this.query<{ service: string; fiscalYear: number; quarter: number; volume: string; updatedAt: string }>(q.sql, q.params)).rows[0];
    return x ? { ...x, volume: Number(x.volume), updatedAt: Number(x.updatedAt) } : null;
  }

  async ping(): Promise<void> {
    await this.query('SELECT count(*) FROM schema_migrations');
  }

  async probeWrite(): Promise<void> {
    this.failures.check();
    await this.query('INSERT INTO collector_health (id, checked_at) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET checked_at = EXCLUDED.checked_at', [Date.now()]);
  }

  async closeQuarter(c: QuarterClose, ids: readonly string[]): Promise<boolean> {
    return this.transaction(async (client) => {
      const r = await client.query(
        'INSERT INTO quarter_closes (service, fiscal_year, quarter, time_zone, closed_at, record_count, checksum, figures) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING',
        [c.service, c.fiscalYear, c.quarter, c.timeZone, c.closedAt, c.recordCount, c.checksum, c.figures],
      );
      if (r.rowCount === 1)
        for (let i = 0; i < ids.length; i += 10_000)
          await client.query('INSERT INTO quarter_close_records (service, fiscal_year, quarter, id) SELECT $1, $2, $3, unnest($4::uuid[])', [
            c.service,
            c.fiscalYear,
            c.quarter,
            ids.slice(i, i + 10_000),
          ]);
      return r.rowCount === 1;
    });
  }

  async quarterCloses(fiscalYear: number, quarter: number, service?: string): Promise<QuarterClose[]> {
    const r = await this.query<QuarterClose & { closedAt: string }>(
      `SELECT ${CLOSE_COLUMNS} FROM quarter_closes WHERE fiscal_year = $1 AND quarter = $2${service === undefined ? '' : ' AND service = $3'} ORDER BY service`,
      [fiscalYear, quarter, ...(service === undefined ? [] : [service])],
    );
    return r.rows.map((c) => ({ ...c, closedAt: Number(c.closedAt) }));
  }

  async migrations(): Promise<number[]> {
    return (await this.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version')).rows.map((r) => r.version);
  }

  async close(): Promise<void> {
    // Queued and in-flight inserts finish (and are answered) first.
    await this.writer.drained();
    await this.pool.end();
  }

  /** Drops a schema and everything in it: for tests that isolate themselves in a schema of their own. */
  static async dropSchema(connectionString: string, schema: string): Promise<void> {
    const client = new pg.Client({ connectionString });
    await client.connect();
    try {
      await client.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
    } finally {
      await client.end();
    }
  }
}
