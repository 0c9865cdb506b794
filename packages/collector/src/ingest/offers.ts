/**
 * POST /v1/offers: anonymous counts of surveys shown (service, channel, day), summed by the store.
 * Each count stands alone: valid ones are added, refused ones are not, a repeat adds nothing.
 */
import { checkOfferCount, DEFAULT_GRACE_SECONDS, MAX_BATCH, type OfferCount } from '@cx-survey/protocol';
import type { ServiceDefinition } from '../domain/services.js';
import type { Store } from '../store/types.js';

export interface OfferContext {
  services: Map<string, ServiceDefinition>;
  store: Pick<Store, 'addOffers'>;
  origin?: string;
  sameOrigin?: boolean;
  graceSeconds?: number;
  now?: number;
}

export type OfferResult =
  | { index: number; id?: string; outcome: 'stored' | 'duplicate'; status: 200 | 201 }
  | { index: number; id?: string; outcome: 'rejected'; status: number; error: { code: string; message: string; field?: string } };

const DAY_MS = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Checks and adds a body's counts; `values` is the parsed body (one count or a list). */
export async function ingestOffers(body: unknown, ctx: OfferContext): Promise<{ status: number; body: object }> {
  const values = Array.isArray(body) ? body : [body];
  if (values.length === 0 || values.length > MAX_BATCH)
    return { status: values.length ? 413 : 400, body: { error: { code: values.length ? 'batch_too_large' : 'empty_batch', message: `a body holds 1 to ${MAX_BATCH} offer counts` } } };
  const now = ctx.now ?? Date.now();
  // A device's calendar may be a day ahead of UTC; a count older than the delivery grace is not one a device still holds.
  const latest = isoDay(now + DAY_MS);
  const earliest = isoDay(now - (ctx.graceSeconds ?? DEFAULT_GRACE_SECONDS) * 1000 - DAY_MS);
  const results: OfferResult[] = [];
  const valid: Array<{ index: number; count: OfferCount }> = [];
  values.forEach((value, index) => {
    const id = typeof (value as { id?: unknown })?.id === 'string' ? (value as { id: string }).id : undefined;
    const reject = (status: number, code: string, message: string, field?: string) =>
      results.push({ index, id, outcome: 'rejected', status, error: field ? { code, message, field } : { code, message } });
    const problems = checkOfferCount(value);
    if (problems.length) return reject(400, 'invalid_field', problems[0].message, problems[0].field || undefined);
    const count = value as OfferCount;
    const service = ctx.services.get(count.service);
    if (!service) return reject(422, 'unknown_service', `service "${count.service}" is not declared on this collector`, 'service');
    if (ctx.origin !== undefined && !ctx.sameOrigin && !service.origins.includes(ctx.origin))
      return reject(403, 'origin_not_allowed', `origin ${ctx.origin} may not post offer counts for service "${service.id}"`, 'service');
    if (count.day > latest) return reject(422, 'day_in_future', `day ${count.day} is in the future`, 'day');
    if (count.day < earliest) return reject(422, 'day_too_old', `day ${count.day} is older than the delivery grace period (counts from ${earliest} on are accepted)`, 'day');
    valid.push({ index, count });
  });
  const outcomes = valid.length ? await ctx.store.addOffers(valid.map((v) => ({ ...v.count })), now) : [];
  valid.forEach((v, i) => results.push({ index: v.index, id: v.count.id, outcome: outcomes[i], status: outcomes[i] === 'stored' ? 201 : 200 }));
  results.sort((a, b) => a.index - b.index);
  const counts = { stored: 0, duplicate: 0, rejected: 0 };
  for (const r of results) counts[r.outcome]++;
  return { status: counts.rejected ? (values.length === 1 ? results[0].status : 207) : 200, body: { results, ...counts } };
}
