/**
 * Survey offers: each time a survey is shown, the device adds one to an anonymous count per service,
 * channel and day. No id of a person, no page data, no cookie; the collector keeps sums only. The
 * count's own `id` is random, made once per count sent, so a retried delivery is not counted twice.
 */
import { isValidDate } from './config.js';
import { recordSchema } from './record.js';

/** The collector's path for offer counts. */
export const OFFERS_PATH = '/v1/offers';
/** A device sends a count at most this large; a bigger number is not one device's. */
export const MAX_OFFER_COUNT = 100_000;

export interface OfferCount {
  /** Random UUID of this count, the idempotency key. */
  id: string;
  service: string;
  channel: string;
  /** The day the survey was shown, YYYY-MM-DD in the device's calendar. */
  day: string;
  /** Times shown that day. */
  count: number;
}

const ID = new RegExp(recordSchema.properties.id.pattern);
const SERVICE = new RegExp(recordSchema.properties.service.pattern);
const CHANNEL = new RegExp(recordSchema.properties.channel.pattern);

/** The day a survey shown at `at` counts on: the device's local calendar, like the PRA expiry. */
export function offerDay(at: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}

/** Problems of one count, each naming its field; empty when it is well formed. */
export function checkOfferCount(value: unknown): Array<{ field: string; message: string }> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [{ field: '', message: 'an offer count is an object {id, service, channel, day, count}' }];
  const v = value as Record<string, unknown>;
  const problems: Array<{ field: string; message: string }> = [];
  for (const k of Object.keys(v)) if (!['id', 'service', 'channel', 'day', 'count'].includes(k)) problems.push({ field: k, message: `unknown field "${k}" (an offer count carries nothing else)` });
  if (typeof v.id !== 'string' || !ID.test(v.id)) problems.push({ field: 'id', message: 'id must be a lower-case UUID' });
  if (typeof v.service !== 'string' || !SERVICE.test(v.service)) problems.push({ field: 'service', message: 'service must be a service id' });
  if (typeof v.channel !== 'string' || !CHANNEL.test(v.channel)) problems.push({ field: 'channel', message: 'channel must be a lower-case word such as web or kiosk' });
  if (typeof v.day !== 'string' || !isValidDate(v.day)) problems.push({ field: 'day', message: 'day must be a real date written YYYY-MM-DD' });
  if (!Number.isInteger(v.count) || (v.count as number) < 1 || (v.count as number) > MAX_OFFER_COUNT) problems.push({ field: 'count', message: `count must be a whole number from 1 to ${MAX_OFFER_COUNT}` });
  return problems;
}
