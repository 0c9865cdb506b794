/**
 * Everything POST /v1/responses does with a body apart from HTTP itself: parse it, check its shape,
 * rate-limit the sender, ingest the records and say what to answer. Plain data goes in and comes out,
 * so it runs on the HTTP thread and, for SQLite, also inside the writer thread beside the connection
 * that stores the rows, where it takes bodies of one record off the HTTP thread.
 */
import secureJson from 'secure-json-parse';
import { createWindowTokenVerifier, type VerifyingKeyInput } from '@cx-survey/protocol/token';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MAX_BATCH, recordSchema } from '@cx-survey/protocol';
import type { ServiceDefinition } from '../domain/services.js';
import type { Store } from '../store/types.js';
import { ingest, type RecordResult } from './ingest.js';
import { RateLimiter, type RateLimitOptions } from './ratelimit.js';

/** The collector settings ingest needs; plain data, so it can be posted to a thread. */
export interface SubmitConfig {
  services: Map<string, ServiceDefinition>;
  /** Keys that verify window tokens; none means tokens are not checked. */
  tokenKeys?: VerifyingKeyInput[];
  graceSeconds?: number;
  redact: boolean;
  /** null turns rate limiting off. */
  rateLimit: RateLimitOptions | null;
}

/** One POST: the body as received and where it came from. */
export interface Submission {
  /** The body's JSON text; undefined when the request had none. */
  text: string | undefined;
  /** The sender's address, the rate limiter's key. */
  ip: string;
  /** The browser origin, if any, and whether it is the collector's own. */
  origin?: string;
  sameOrigin: boolean;
  /** Records already charged to the rate limiter for this request (by `admit`, before its body was read). */
  prepaid?: number;
}

export interface SubmissionReply {
  status: number;
  /** The response body, JSON text. */
  body: string;
  /** Seconds to send as Retry-After. */
  retryAfter?: number;
  /** The records refused, for the log. */
  rejected: Array<{ code: string; field?: string; id?: string }>;
  /** Records stored and found duplicate, for /metrics. */
  stored?: number;
  duplicate?: number;
  /** The code when the whole body was refused before its records were looked at (429, 413, invalid JSON). */
  refusal?: string;
}

export type Submitter = (submission: Submission) => Promise<SubmissionReply>;

/** The HTTP thread's submitter: also charges a request's first record before its body is read. */
export interface AdmittingSubmitter extends Submitter {
  /** Takes one record from the address's bucket; the refusal to send at once when it is empty. */
  admit(ip: string): SubmissionReply | null;
}

export const errorBody = (code: string, message: string, field?: string) => ({ error: field ? { code, message, field } : { code, message } });

const refuse = (status: number, code: string, message: string, retryAfter?: number): SubmissionReply => ({
  status,
  body: JSON.stringify(errorBody(code, message)),
  retryAfter,
  rejected: [],
  refusal: code,
});

type Parsed = { values: unknown[]; batch: boolean };

const RECORD_ID = new RegExp(recordSchema.properties.id.pattern);
const RECORD_FIELDS = new Set(Object.keys(recordSchema.properties));

/**
 * What the log may say about a refused record: our own code, the schema field it concerns (its
 * top-level name, never a name the client made up) and the id only when it is a valid UUID. A value
 * that failed validation is never logged: it can be megabytes long or hold an SSN.
 */
function forTheLog(r: RecordResult & { outcome: 'rejected' }): SubmissionReply['rejected'][number] {
  const field = r.error.field?.split(/[.[]/, 1)[0];
  return {
    code: r.error.code,
    ...(field && RECORD_FIELDS.has(field) ? { field } : {}),
    ...(r.id !== undefined && RECORD_ID.test(r.id) ? { id: r.id } : {}),
  };
}

/** Parses a body and checks its shape: its records, or the answer that refuses it. */
function readBody(text: string | undefined): Parsed | SubmissionReply {
  if (text === undefined) return refuse(400, 'invalid_body', 'the body must be a response record or a list of them');
  if (text === '') return refuse(400, 'invalid_json', 'the body is empty; it must be a response record or a list of them');
  let body: unknown;
  try {
    // Like fastify's own parser: a "__proto__" or "constructor.prototype" key is refused, not merged.
    body = secureJson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' });
  } catch (e) {
    return refuse(400, 'invalid_json', `the body is not valid JSON: ${(e as Error).message}`);
  }
  if (body === null) return refuse(400, 'invalid_body', 'the body must be a response record or a list of them');
  const batch = Array.isArray(body);
  const values: unknown[] = batch ? (body as unknown[]) : [body];
  if (batch && values.length === 0) return refuse(400, 'empty_batch', 'a batch must hold at least one record');
  if (values.length > MAX_BATCH) return refuse(413, 'batch_too_large', `a batch holds at most ${MAX_BATCH} records; this one has ${values.length}`);
  return { values, batch };
}

/**
 * Whether a body holds one record, told without parsing it: an object, or an array with one element,
 * judged by its brackets, commas and strings only. A malformed body may be misjudged; it is refused as
 * invalid JSON wherever it goes, after costing its sender one record.
 */
export function holdsOneRecord(text: string): boolean {
  const first = /\S/.exec(text)?.[0];
  if (first === '{') return true;
  if (first !== '[') return false;
  let depth = 0;
  let elements = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // Skip the string, escapes included.
      for (i++; i < text.length && text.charCodeAt(i) !== 0x22; i++) if (text.charCodeAt(i) === 0x5c) i++;
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth === 2) elements++;
    } else if (c === 0x5d || c === 0x7d) {
      depth--;
    } else if (c === 0x2c && depth === 1) {
      return false;
    }
  }
  return elements === 1;
}

/**
 * Builds the submitter for one collector; `store` receives the valid rows.
 *
 * With `hosted` (a submitter running beside the store's writer, without rate limiting of its own), a
 * body holding one record goes there whole: the writer parses and validates it, which spares the HTTP
 * thread (+2-14 % for single records on SQLite). A batch is parsed and validated here, while the
 * writer commits the previous one (+10-34 % for batches of 10-100). The rate limiter stays here, so
 * both paths draw on the same buckets.
 */
export async function createSubmitter(config: SubmitConfig, store: Pick<Store, 'insert'>, hosted?: Submitter): Promise<AdmittingSubmitter> {
  const { services, redact } = config;
  const verifier = config.tokenKeys?.length ? await createWindowTokenVerifier({ keys: config.tokenKeys, graceSeconds: config.graceSeconds }) : null;
  const limiter = config.rateLimit ? new RateLimiter(config.rateLimit) : null;
  /** Charges `count` records beyond the `prepaid` ones; when refused, the prepaid ones are given back. */
  const limited = (ip: string, count: number, prepaid = 0): SubmissionReply | null => {
    const verdict = count > prepaid ? limiter?.take(ip, count - prepaid) : undefined;
    if (!verdict || verdict.ok) return null;
    if (prepaid) limiter!.giveBack(ip, prepaid);
    return refuse(429, 'rate_limited', `too many responses from this address; retry in ${verdict.retryAfter} s`, verdict.retryAfter);
  };

  const submit = async (submission: Submission): Promise<SubmissionReply> => {
    const { text, ip, origin, sameOrigin, prepaid = 0 } = submission;
    if (hosted && text !== undefined && holdsOneRecord(text)) return limited(ip, 1, prepaid) ?? hosted(submission);
    const parsed = readBody(text);
    if ('status' in parsed) return parsed;
    const { values, batch } = parsed;
    const refusal = limited(ip, values.length, prepaid);
    if (refusal) return refusal;
    const results = await ingest(values, { services, store, verifier, redact, origin, sameOrigin });
    const rejected = results.flatMap((r) => (r.outcome === 'rejected' ? [forTheLog(r)] : []));
    if (!batch) {
      const r = results[0];
      return {
        status: r.status,
        body: JSON.stringify(r.outcome === 'rejected' ? { id: r.id, error: r.error } : r),
        rejected,
        stored: r.outcome === 'stored' ? 1 : 0,
        duplicate: r.outcome === 'duplicate' ? 1 : 0,
      };
    }
    const counts = { stored: 0, duplicate: 0, rejected: 0 };
    for (const r of results) counts[r.outcome]++;
    const payload = { results: results.map((r: RecordResult, index) => ({ index, ...r })), ...counts };
    return { status: counts.rejected ? 207 : 200, body: JSON.stringify(payload), rejected, stored: counts.stored, duplicate: counts.duplicate };
  };
  return Object.assign(submit, { admit: (ip: string) => limited(ip, 1) });
}

/** writer-host's module: .js once built; .ts when tests run the sources through tsx. */
function writerHostModule(): URL {
  const js = new URL('./writer-host.js', import.meta.url);
  return existsSync(fileURLToPath(js)) ? js : new URL('./writer-host.ts', import.meta.url);
}

/**
 * The collector's submitter over a store. Where the store can host a module beside its writer
 * (SQLite: its writer thread), the pipeline runs there too, without a rate limiter of its own, and
 * takes bodies of one record; the rate limiter stays on this thread for both paths.
 */
export async function submitterFor(store: Store, config: SubmitConfig): Promise<AdmittingSubmitter> {
  const hosted = store.host ? await store.host<SubmitConfig, Submission, SubmissionReply>(writerHostModule(), { ...config, rateLimit: null }) : undefined;
  return createSubmitter(config, store, hosted);
}
