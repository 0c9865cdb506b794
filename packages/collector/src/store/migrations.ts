/**
 * Versioned schema migrations, applied in order at start. Never edit a
 * released migration: add the next version. Each backend has its own SQL for
 * the same logical schema.
 */
export interface Migration {
  version: number;
  name: string;
  sqlite: string;
  postgres: string;
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
  // 2 is reserved for #15 and 3 for #14 part A.
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
];
