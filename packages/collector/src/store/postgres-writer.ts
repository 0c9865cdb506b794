import type pg from 'pg';
import { StoreUnavailableError, tokenKey, type InsertOutcome, type StoredRow, type WriteFailures } from './types.js';

interface Pending {
  rows: StoredRow[];
  resolve: (outcomes: InsertOutcome[]) => void;
  reject: (error: Error) => void;
}

/** Statements writing at once per instance; the rest of the pool serves reads. */
const MAX_FLUSHES = 4;
/** 12 parameters a row, well under PostgreSQL's 65,535 per statement. */
const MAX_ROWS_PER_STATEMENT = 1000;

/**
 * Group commit of responses on PostgreSQL: concurrent requests' rows are gathered into shared
 * multi-row INSERT … ON CONFLICT DO NOTHING statements, at most MAX_FLUSHES at a time, so one commit
 * (one WAL flush) serves several requests; PostgreSQL's unique indexes decide duplicates across instances.
 */
export class ResponseWriter {
  private queue: Pending[] = [];
  private flushing = 0;
  private whenDrained: (() => void) | null = null;

  constructor(
    private readonly checkout: () => Promise<{ client: pg.PoolClient; release: () => void }>,
    private readonly failures: WriteFailures,
  ) {}

  /** Queues one request's rows; they are written in one statement, maybe with other requests' rows. */
  insert(rows: StoredRow[]): Promise<InsertOutcome[]> {
    if (!rows.length) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      this.queue.push({ rows, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.flushing < MAX_FLUSHES && this.queue.length) {
      const groups: Pending[] = [];
      let n = 0;
      while (this.queue.length && (!groups.length || n + this.queue[0].rows.length <= MAX_ROWS_PER_STATEMENT)) {
        const g = this.queue.shift()!;
        groups.push(g);
        n += g.rows.length;
      }
      this.flushing++;
      this.flush(groups).finally(() => {
        this.flushing--;
        if (this.queue.length) this.pump();
        else if (!this.flushing) this.whenDrained?.();
      });
    }
  }

  private async flush(groups: Pending[]): Promise<void> {
    try {
      const outcomes = await this.write(groups.flatMap((g) => g.rows));
      let i = 0;
      for (const g of groups) {
        g.resolve(outcomes.slice(i, i + g.rows.length));
        i += g.rows.length;
      }
    } catch (e) {
      if (groups.length === 1) return groups[0].reject(e as Error);
      // One request's failure must not fail the others grouped with it: retry each alone.
      for (const g of groups) await this.write(g.rows).then(g.resolve, g.reject);
    }
  }

  private async write(rows: StoredRow[]): Promise<InsertOutcome[]> {
    const { client, release } = await this.checkout();
    try {
      const values: unknown[] = [];
      const tuples = rows.map((r, i) => {
        values.push(r.id, r.service, r.answeredAt, r.receivedAt, r.channel, r.surveyType, r.contentHash, tokenKey(r.service, r.tokenId), r.record, r.redactions, r.countedAt, r.clockSuspect);
        const b = i * 12;
        return `(${Array.from({ length: 12 }, (_, k) => `$${b + k + 1}`).join(', ')})`;
      });
      // One statement, so the request's rows commit together or not at all.
      const inserted = await client.query<{ id: string }>(
        `INSERT INTO responses (id, service, answered_at, received_at, channel, survey_type, content_hash, token_id, record, redactions, counted_at, clock_suspect)
         VALUES ${tuples.join(', ')} ON CONFLICT DO NOTHING RETURNING id::text AS id`,
        values,
      );
      const stored = new Set(inserted.rows.map((r) => r.id));
      const outcomes: InsertOutcome[] = [];
      const pending = rows.filter((r) => !stored.has(r.id));
      let existing = new Map<string, string>();
      if (pending.length) {
        const found = await client.query<{ id: string; hash: string }>('SELECT id::text AS id, content_hash AS hash FROM responses WHERE id = ANY($1::uuid[])', [
          pending.map((r) => r.id),
        ]);
        existing = new Map(found.rows.map((r) => [r.id, r.hash]));
      }
      // A row inserted by this very statement counts as stored once; a repeat of its id in the batch is then a duplicate.
      const seen = new Set<string>();
      for (const r of rows) {
        if (stored.has(r.id) && !seen.has(r.id)) {
          seen.add(r.id);
          outcomes.push('stored');
          continue;
        }
        const hash = existing.get(r.id) ?? (seen.has(r.id) ? rows.find((x) => x.id === r.id)!.contentHash : undefined);
        if (hash !== undefined) outcomes.push(hash === r.contentHash ? 'duplicate' : 'id_conflict');
        else outcomes.push('token_reused');
      }
      return outcomes;
    } catch (e) {
      this.failures.note((e as Error).message);
      throw new StoreUnavailableError(`PostgreSQL: ${(e as Error).message}`);
    } finally {
      release();
    }
  }

  /** Rows queued or being written. */
  pending(): number {
    return this.queue.reduce((n, g) => n + g.rows.length, 0) + this.flushing;
  }

  /** Resolves once every queued and in-flight insert has finished (and been answered). */
  drained(): Promise<void> {
    if (!this.flushing && !this.queue.length) return Promise.resolve();
    return new Promise<void>((r) => (this.whenDrained = r));
  }
}
