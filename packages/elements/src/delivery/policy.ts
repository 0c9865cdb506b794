/**
 * When to retry, when to give up, how long to wait: the delivery rules as
 * plain functions, no DOM, so they are tested on their own.
 */
import { DEFAULT_GRACE_MS, MAX_BATCH } from '@cx-survey/protocol';

/** What one delivery attempt came to, for one record. */
export type Outcome = 'delivered' | 'retry' | 'rejected';

/** Statuses worth trying again: the collector may take the record later. */
const RETRYABLE = new Set([408, 425, 429]);

/** Maps an HTTP status to what the outbox does with the record. */
export function outcomeOf(status: number): Outcome {
  if (status >= 200 && status < 300) return 'delivered';
  if (RETRYABLE.has(status) || status >= 500 || status === 0) return 'retry';
  return 'rejected';
}

export const FIRST_DELAY_MS = 1000;
export const MAX_DELAY_MS = 5 * 60 * 1000;

/**
 * Exponential backoff with jitter: about 1 s, 2 s, 4 s … capped at 5 min.
 * Half the delay is fixed and half random, so a field office's tablets that
 * lost the network together do not all come back in the same second.
 */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.max(0, attempt));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** Reads Retry-After (seconds or an HTTP date) as milliseconds from now, capped like backoff. */
export function retryAfterMs(header: string | null | undefined, now: number): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - now;
  if (!Number.isFinite(ms)) return undefined;
  return Math.min(MAX_DELAY_MS, Math.max(0, ms));
}

/** The collector's default grace for late delivery (a kiosk offline for days), from the protocol. */
export { DEFAULT_GRACE_MS };

/** True once a record answered at `answeredAt` is past the collector's grace period. */
export function pastGrace(answeredAt: string, now: number, graceMs = DEFAULT_GRACE_MS): boolean {
  return now - Date.parse(answeredAt) > graceMs;
}

/** Splits a list into batches the collector accepts (MAX_BATCH records at most). */
export function batches<T>(items: readonly T[], size = MAX_BATCH): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
