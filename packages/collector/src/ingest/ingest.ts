import { checkRecord, serviceRecordProblem, MAX_Q3_LENGTH, MAX_TEXT_ANSWER_LENGTH, type ResponseRecord } from '@cx-survey/protocol';
import { DEFAULT_GRACE_SECONDS, WindowTokenError, type WindowTokenVerifier } from '@cx-survey/protocol/token';
import { contentHash } from '../domain/content-hash.js';
import { redactRecord, type RedactionKind } from './redact.js';
import type { ServiceDefinition } from '../domain/services.js';
import { countedAt, isClockSuspect } from '../domain/service-clock.js';
import type { InsertOutcome, Store, StoredRow } from '../store/types.js';
import { schemaProblem, type Problem } from './validate.js';

export { MAX_BATCH } from '@cx-survey/protocol';
/** A respondent's clock may run ahead; further ahead than this is not an answer time. */
const FUTURE_SKEW_MS = 5 * 60 * 1000;

export interface IngestContext {
  services: Map<string, ServiceDefinition>;
  store: Pick<Store, 'insert'>;
  verifier: WindowTokenVerifier | null;
  redact: boolean;
  /** The browser origin of the request, if any, and whether it is the collector's own. */
  origin?: string;
  sameOrigin?: boolean;
  now?: () => number;
  /** Records from an administrator's import file, not from a browser (docs/channels.md). */
  imported?: boolean;
  /** Check only, write nothing (an import's first pass): the row to store is not built, only its id kept. */
  checkOnly?: boolean;
  /** How long after answering a record may still arrive (the window tokens' grace); older answers are clock suspect. Default 30 days. */
  graceMs?: number;
}

export type RecordResult =
  | { id?: string; outcome: 'stored' | 'duplicate'; status: 200 | 201; redacted?: RedactionKind[] }
  | { id?: string; outcome: 'rejected'; status: number; error: Omit<Problem, 'status'> };

const CONFLICTS: Record<Exclude<InsertOutcome, 'stored' | 'duplicate'>, Problem> = {
  id_conflict: { status: 409, code: 'id_conflict', field: 'id', message: 'a different response with this id is already stored; ids must be unique' },
  token_reused: { status: 409, code: 'token_reused', field: 'token', message: 'this window token has already been used for another response (one response per token)' },
};

const TOKEN_STATUS: Record<string, number> = { token_malformed: 400, token_invalid: 401 };

interface Prepared {
  index: number;
  row?: StoredRow;
  redacted?: RedactionKind[];
  problem?: Problem;
  id?: string;
}

/** Validates one record and turns it into a row, or says why not. Nothing here writes. */
async function prepare(value: unknown, index: number, ctx: IngestContext, now: number): Promise<Prepared> {
  const id = typeof (value as { id?: unknown })?.id === 'string' ? ((value as { id: string }).id) : undefined;
  const fail = (problem: Problem): Prepared => ({ index, id, problem });
  const schema = schemaProblem(value);
  if (schema) return fail(schema);
  const record = value as ResponseRecord;
  const service = ctx.services.get(record.service);
  if (!service) return fail({ status: 422, code: 'unknown_service', field: 'service', message: `service "${record.service}" is not declared on this collector` });
  if (ctx.origin !== undefined && !ctx.sameOrigin && !service.origins.includes(ctx.origin))
    return fail({ status: 403, code: 'origin_not_allowed', field: 'service', message: `origin ${ctx.origin} may not post responses for service "${service.id}"` });
  const answeredAt = Date.parse(record.answeredAt);
  // An import file's dates are the agency's own records, often quarters old (Touchpoints history, paper
  // keyed in late): they count when answered, not when the file arrived.
  const clockSuspect = !ctx.imported && !Number.isNaN(answeredAt) && isClockSuspect(answeredAt, now, service.collectingSince, ctx.graceMs ?? DEFAULT_GRACE_SECONDS * 1000);
  // The element's own check: the scale in force when answered; a clock-suspect date says nothing, so the scale at receipt.
  const against = serviceRecordProblem(record, service, clockSuspect ? { clockSuspectAt: now } : {});
  if (against) return fail({ status: 422, ...against });
  const consistency = checkRecord(record, { imported: ctx.imported });
  if (consistency.length) return fail({ status: 422, code: 'inconsistent_record', field: consistency[0].path || undefined, message: consistency[0].message });
  if (answeredAt > now + FUTURE_SKEW_MS) return fail({ status: 422, code: 'answered_in_future', field: 'answeredAt', message: 'answeredAt is in the future' });

  let tokenId: string | null = null;
  if (record.token !== undefined && ctx.verifier) {
    try {
      const t = await ctx.verifier.verify(record.token, { service: service.id, answeredAt: new Date(answeredAt), now: new Date(now) });
      tokenId = t.id;
    } catch (e) {
      if (!(e instanceof WindowTokenError)) throw e;
      return fail({ status: TOKEN_STATUS[e.code] ?? 422, code: e.code, field: 'token', message: e.message });
    }
  } else if (service.requireToken) {
    return fail(
      ctx.verifier
        ? { status: 401, code: 'token_required', field: 'token', message: `service "${service.id}" accepts only responses that carry a 48-hour window token` }
        : { status: 503, code: 'token_keys_missing', field: 'token', message: `service "${service.id}" requires window tokens but no verification key is configured` },
    );
  }

  // Redaction and hashing refuse nothing: a pass that only checks skips them (a third of its time on a big file).
  if (ctx.checkOnly) return { index, id, row: { id: record.id } as StoredRow };
  const found = new Set<RedactionKind>();
  const stored = ctx.redact ? redactRecord(record, found, { q3: MAX_Q3_LENGTH, textAnswer: MAX_TEXT_ANSWER_LENGTH }) : record;
  const redacted = [...found].sort();
  return {
    index,
    id,
    redacted: redacted.length ? redacted : undefined,
    row: {
      id: record.id,
      service: record.service,
      answeredAt,
      receivedAt: now,
      countedAt: countedAt(answeredAt, now, clockSuspect),
      clockSuspect,
      channel: record.channel,
      surveyType: record.surveyType,
      contentHash: contentHash(stored),
      tokenId,
      record: JSON.stringify(stored),
      redactions: redacted.length ? redacted.join(',') : null,
    },
  };
}

/**
 * Validates, verifies and stores records; one result per record, in order.
 * Valid records of one call are written together and acknowledged only after
 * commit; invalid ones are never written. Throws StoreUnavailableError when
 * the database fails (the client should retry: the ids make retries safe).
 */
export async function ingest(values: unknown[], ctx: IngestContext): Promise<RecordResult[]> {
  const now = ctx.now?.() ?? Date.now();
  const prepared = await Promise.all(values.map((v, i) => prepare(v, i, ctx, now)));
  const toStore = prepared.filter((p) => p.row);
  const outcomes = toStore.length ? await ctx.store.insert(toStore.map((p) => p.row!)) : [];
  const byIndex = new Map(toStore.map((p, i) => [p.index, outcomes[i]]));
  return prepared.map((p): RecordResult => {
    if (p.problem) {
      const { status, ...error } = p.problem;
      return { id: p.id, outcome: 'rejected', status, error };
    }
    const outcome = byIndex.get(p.index)!;
    if (outcome === 'stored') return { id: p.id, outcome: 'stored', status: 201, ...(p.redacted ? { redacted: p.redacted } : {}) };
    if (outcome === 'duplicate') return { id: p.id, outcome: 'duplicate', status: 200 };
    const { status, ...error } = CONFLICTS[outcome];
    return { id: p.id, outcome: 'rejected', status, error };
  });
}

