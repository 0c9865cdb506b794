import { hash } from 'node:crypto';
import { recordSchema, type ResponseRecord } from '@cx-survey/protocol';

// Every field the schema allows, in a fixed order: the content key covers each of them.
const FIELDS = Object.keys(recordSchema.properties).sort() as (keyof ResponseRecord)[];

/** Key order does not change content: a retry from another serializer is still a retry. */
function contentKey(record: ResponseRecord): string {
  return JSON.stringify(
    FIELDS.map((k) => (k === 'answers' ? Object.keys(record.answers).sort().map((a) => [a, record.answers[a]]) : (record[k] ?? null))),
  );
}

/**
 * SHA-256 of a record *as stored*, i.e. after redaction: it tells a retry from a conflicting reuse
 * of an id. Hashing what was sent would keep, beside the redacted record, a function of the removed
 * text that anyone holding the database could invert by trying every SSN (10^9 guesses: minutes);
 * a hash of the stored record reveals nothing the row does not already show. The price: two records
 * with one id that differ only inside a removed identifier count as the same response.
 */
export function contentHash(stored: ResponseRecord): string {
  return hash('sha256', contentKey(stored));
}
