/**
 * Everything POST /v1/responses does with a body apart from HTTP itself: parse it, check its shape,
 * rate-limit the sender, ingest the records and say what to answer. Plain data goes in and comes out,
 * so it can run on the HTTP thread (PostgreSQL) or inside the SQLite writer thread, beside the
 * connection that stores the rows. There it keeps parsing and validation off the HTTP thread.
 */
import secureJson from 'secure-json-parse';
import { createWindowTokenVerifier, type VerifyingKeyInput } from '@cx-survey/protocol/token';
import { ingest, MAX_BATCH, type RecordResult } from './ingest.js';
import { RateLimiter, type RateLimitOptions } from './ratelimit.js';
import type { ServiceDefinition } from './services.js';
import type { Store } from './store/types.js';

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
}

export interface SubmissionReply {
  status: number;
  /** The response body, JSON text. */
  body: string;
  /** Seconds to send as Retry-After. */
  retryAfter?: number;
  /** The records refused, for the log. */
  rejected: Array<{ code: string; field?: string; id?: string }>;
}

export type Submitter = (submission: Submission) => Promise<SubmissionReply>;

export const errorBody = (code: string, message: string, field?: string) => ({ error: field ? { code, message, field } : { code, message } });

const refuse = (status: number, code: string, message: string, retryAfter?: number): SubmissionReply => ({
  status,
  body: JSON.stringify(errorBody(code, message)),
  retryAfter,
  rejected: [],
});

/** Builds the submitter for one collector; `store` receives the valid rows. */
export async function createSubmitter(config: SubmitConfig, store: Pick<Store, 'insert'>): Promise<Submitter> {
  const { services, redact } = config;
  const verifier = config.tokenKeys?.length ? await createWindowTokenVerifier({ keys: config.tokenKeys, graceSeconds: config.graceSeconds }) : null;
  const limiter = config.rateLimit ? new RateLimiter(config.rateLimit) : null;

  return async ({ text, ip, origin, sameOrigin }) => {
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
    if (limiter) {
      const verdict = limiter.take(ip, values.length);
      if (!verdict.ok) return refuse(429, 'rate_limited', `too many responses from this address; retry in ${verdict.retryAfter} s`, verdict.retryAfter);
    }
    const results = await ingest(values, { services, store, verifier, redact, origin, sameOrigin });
    const rejected = results.flatMap((r) => (r.outcome === 'rejected' ? [{ code: r.error.code, field: r.error.field, id: r.id }] : []));
    if (!batch) {
      const r = results[0];
      return { status: r.status, body: JSON.stringify(r.outcome === 'rejected' ? { id: r.id, error: r.error } : r), rejected };
    }
    const counts = { stored: 0, duplicate: 0, rejected: 0 };
    for (const r of results) counts[r.outcome]++;
    const payload = { results: results.map((r: RecordResult, index) => ({ index, ...r })), ...counts };
    return { status: counts.rejected ? 207 : 200, body: JSON.stringify(payload), rejected };
  };
}
