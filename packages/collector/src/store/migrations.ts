/**
 * Versioned schema migrations, applied in order at start. Never edit a
 * released migration: add the next version. Each backend has its own SQL for
 * the same logical schema.
 */
import type { ResponseRecord } from '@cx-survey/protocol';
import { contentHash } from '../domain/content-hash.js';

/** A stored record's content hash, for migrations that take it again. */
export const rehash = (record: string): string => contentHash(JSON.parse(record) as ResponseRecord);
export interface Migration {
  version: number;
  name: string;
  sqlite: string;
  postgres: string;
  /** After the SQL, recompute content_hash of redacted rows from the stored record (SQL cannot). */
  rehashRedacted?: boolean;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'responses',
    sqlite: `
      CREATE TABLE responses (
        id TEXT PRIMARY KEY NOT NULL,
        service TEXT NOT NULL,
        answered_at INTEGER NOT NULL,
        received_at INTEGER NOT NULL,
        channel TEXT NOT NULL,
        survey_type TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        token_id TEXT UNIQUE,
        record TEXT NOT NULL,
        redactions TEXT
      ) STRICT;
      CREATE INDEX responses_service_answered ON responses (service, answered_at, id);
      CREATE INDEX responses_answered ON responses (answered_at, id);
    `,
    postgres: `
      CREATE TABLE responses (
        id UUID PRIMARY KEY,
        service TEXT NOT NULL,
        answered_at BIGINT NOT NULL,
        received_at BIGINT NOT NULL,
        channel TEXT NOT NULL,
        survey_type TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        token_id TEXT UNIQUE,
        record TEXT NOT NULL,
        redactions TEXT
      );
      CREATE INDEX responses_service_answered ON responses (service, answered_at, id);
      CREATE INDEX responses_answered ON responses (answered_at, id);
    `,
  },
  {
    version: 2,
    name: 'hardening',
    // Token ids become unique per service ("service:jti"; a service id has no colon), not across
    // services. collector_health is the row the write probe of /healthz and /readyz rewrites.
    // Content hashes of redacted rows, taken of the record as sent before this version, are taken
    // again of the stored record: the old ones could be inverted to the removed identifiers.
    sqlite: `
      UPDATE responses SET token_id = service || ':' || token_id WHERE token_id IS NOT NULL;
      CREATE TABLE collector_health (id INTEGER PRIMARY KEY, checked_at INTEGER NOT NULL) STRICT;
    `,
    postgres: `
      UPDATE responses SET token_id = service || ':' || token_id WHERE token_id IS NOT NULL;
      CREATE TABLE collector_health (id INTEGER PRIMARY KEY, checked_at BIGINT NOT NULL);
    `,
    rehashRedacted: true,
  },
  {
    // Issue #14 part A. Version 2 is reserved for #15 and 4 for part B: this one depends on neither.
    // counted_at: the instant a record counts at in reports (answered_at, or received_at when the
    // device clock cannot be believed). Existing rows answered more than the default 30-day grace
    // before they arrived become clock suspect, so a 1970-dated row stored earlier is reported too
    // (one UPDATE: each row is rewritten once).
    // quarter_close_records: the ids a close counted, so a late arrival is exactly a record not among them.
    version: 3,
    name: 'clock suspect records and closed quarters',
    sqlite: `
      ALTER TABLE responses ADD COLUMN clock_suspect INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE responses ADD COLUMN counted_at INTEGER;
      UPDATE responses SET
        clock_suspect = CASE WHEN answered_at < received_at - 2592000000 THEN 1 ELSE 0 END,
        counted_at = CASE WHEN answered_at < received_at - 2592000000 THEN received_at ELSE answered_at END;
      CREATE INDEX responses_service_counted ON responses (service, counted_at, id);
      CREATE INDEX responses_counted ON responses (counted_at, id);
      CREATE TABLE quarter_closes (
        service TEXT NOT NULL,
        fiscal_year INTEGER NOT NULL,
        quarter INTEGER NOT NULL,
        time_zone TEXT NOT NULL,
        closed_at INTEGER NOT NULL,
        record_count INTEGER NOT NULL,
        checksum TEXT NOT NULL,
        figures TEXT NOT NULL,
        PRIMARY KEY (service, fiscal_year, quarter)
      ) STRICT;
      CREATE TABLE quarter_close_records (
        service TEXT NOT NULL,
        fiscal_year INTEGER NOT NULL,
        quarter INTEGER NOT NULL,
        id TEXT NOT NULL,
        PRIMARY KEY (service, fiscal_year, quarter, id)
      ) STRICT;
    `,
    postgres: `
      ALTER TABLE responses ADD COLUMN clock_suspect BOOLEAN NOT NULL DEFAULT false;
      ALTER TABLE responses ADD COLUMN counted_at BIGINT;
      UPDATE responses SET
        clock_suspect = answered_at < received_at - 2592000000,
        counted_at = CASE WHEN answered_at < received_at - 2592000000 THEN received_at ELSE answered_at END;
      ALTER TABLE responses ALTER COLUMN counted_at SET NOT NULL;
      CREATE INDEX responses_service_counted ON responses (service, counted_at, id);
      CREATE INDEX responses_counted ON responses (counted_at, id);
      CREATE TABLE quarter_closes (
        service TEXT NOT NULL,
        fiscal_year INTEGER NOT NULL,
        quarter INTEGER NOT NULL,
        time_zone TEXT NOT NULL,
        closed_at BIGINT NOT NULL,
        record_count INTEGER NOT NULL,
        checksum TEXT NOT NULL,
        figures TEXT NOT NULL,
        PRIMARY KEY (service, fiscal_year, quarter)
      );
      CREATE TABLE quarter_close_records (
        service TEXT NOT NULL,
        fiscal_year INTEGER NOT NULL,
        quarter INTEGER NOT NULL,
        id UUID NOT NULL,
        PRIMARY KEY (service, fiscal_year, quarter, id)
      );
    `,
  },
  {
    version: 4,
    name: 'offer counts and customer volumes',
    // Offers are sums per service, channel and day, never events. offer_receipts remembers which counts
    // (random ids made on the device) were added, so a retried delivery is not counted twice.
    sqlite: `
      CREATE TABLE offer_counts (
        service TEXT NOT NULL,
        channel TEXT NOT NULL,
        day TEXT NOT NULL,
        count INTEGER NOT NULL,
        PRIMARY KEY (service, channel, day)
      ) STRICT;
      CREATE TABLE offer_receipts (
        id TEXT PRIMARY KEY NOT NULL,
        received_at INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE service_volumes (
        service TEXT NOT NULL,
        fiscal_year INTEGER NOT NULL,
        quarter INTEGER NOT NULL,
        volume INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (service, fiscal_year, quarter)
      ) STRICT;
    `,
    postgres: `
      CREATE TABLE offer_counts (
        service TEXT NOT NULL,
        channel TEXT NOT NULL,
        day TEXT NOT NULL,
        count BIGINT NOT NULL,
        PRIMARY KEY (service, channel, day)
      );
      CREATE TABLE offer_receipts (
        id UUID PRIMARY KEY,
        received_at BIGINT NOT NULL
      );
      CREATE TABLE service_volumes (
        service TEXT NOT NULL,
        fiscal_year INTEGER NOT NULL,
        quarter INTEGER NOT NULL,
        volume BIGINT NOT NULL,
        updated_at BIGINT NOT NULL,
        PRIMARY KEY (service, fiscal_year, quarter)
      );
    `,
  },
  {
    version: 5,
    name: 'offer and volume receipt times',
    // report --received-before reproduces a past run's volumes too: each offer receipt keeps what it
    // added (service, channel, day, count) and each volume set is kept with its time. Counts added
    // before this version have no receipt time of their own: each day's sum becomes one receipt dated
    // when the last count before the migration arrived (the earliest instant they had all been
    // received), and the old receipts keep only their ids (retries are still recognised). Volumes keep
    // the time they were last set.
    sqlite: `
      ALTER TABLE offer_receipts ADD COLUMN service TEXT;
      ALTER TABLE offer_receipts ADD COLUMN channel TEXT;
      ALTER TABLE offer_receipts ADD COLUMN day TEXT;
      ALTER TABLE offer_receipts ADD COLUMN count INTEGER;
      INSERT INTO offer_receipts (id, received_at, service, channel, day, count)
        SELECT 'migrated:' || service || ':' || channel || ':' || day, (SELECT coalesce(max(received_at), 0) FROM offer_receipts), service, channel, day, count FROM offer_counts;
      CREATE INDEX offer_receipts_day ON offer_receipts (service, day, received_at) WHERE service IS NOT NULL;
      CREATE TABLE service_volume_history (
        service TEXT NOT NULL,
        fiscal_year INTEGER NOT NULL,
        quarter INTEGER NOT NULL,
        volume INTEGER NOT NULL,
        set_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX service_volume_history_quarter ON service_volume_history (service, fiscal_year, quarter, set_at);
      INSERT INTO service_volume_history (service, fiscal_year, quarter, volume, set_at) SELECT service, fiscal_year, quarter, volume, updated_at FROM service_volumes;
    `,
    postgres: `
      ALTER TABLE offer_receipts ADD COLUMN service TEXT, ADD COLUMN channel TEXT, ADD COLUMN day TEXT, ADD COLUMN count BIGINT;
      INSERT INTO offer_receipts (id, received_at, service, channel, day, count)
        SELECT md5('migrated:' || service || ':' || channel || ':' || day)::uuid, (SELECT coalesce(max(received_at), 0) FROM offer_receipts), service, channel, day, count FROM offer_counts;
      CREATE INDEX offer_receipts_day ON offer_receipts (service, day, received_at) WHERE service IS NOT NULL;
      CREATE TABLE service_volume_history (
        service TEXT NOT NULL,
        fiscal_year INTEGER NOT NULL,
        quarter INTEGER NOT NULL,
        volume BIGINT NOT NULL,
        set_at BIGINT NOT NULL
      );
      CREATE INDEX service_volume_history_quarter ON service_volume_history (service, fiscal_year, quarter, set_at);
      INSERT INTO service_volume_history (service, fiscal_year, quarter, volume, set_at) SELECT service, fiscal_year, quarter, volume, updated_at FROM service_volumes;
    `,
  },
];
