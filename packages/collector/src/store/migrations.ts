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
];
