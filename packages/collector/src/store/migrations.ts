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
];
