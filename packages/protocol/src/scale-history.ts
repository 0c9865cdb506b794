/**
 * A service's Q1 scale over time (issue #14 item 1). OMB may move a service from thumbs to the
 * five-point scale, or change the five-point cut: each record is judged by the scale in force when it
 * was answered, never by today's. The collector and the element use these same functions.
 */
import type { Scale } from './a11.js';

/** One stretch of time with one scale (and, five-point, one positive cut). */
export interface ScalePeriod {
  scale: Scale;
  /** Five-point: the lowest rating that is positive (trust). null on thumbs. */
  positiveCut: number | null;
  /** Epoch ms, inclusive; null: since the beginning. */
  from: number | null;
  /** Epoch ms, exclusive; null: still in force. */
  until: number | null;
}

/** The period in force at an instant. */
export function scaleAt(periods: readonly ScalePeriod[], at: number): ScalePeriod {
  for (const p of periods) if (p.until === null || at < p.until) return p;
  return periods[periods.length - 1];
}

/** "thumbs", or "five-point with 4-5 positive": how reports and errors name a period's scale. */
export const describeScale = (p: Pick<ScalePeriod, 'scale' | 'positiveCut'>): string =>
  p.scale === 'thumbs' ? 'thumbs' : `five-point with ${p.positiveCut === 5 ? '5' : `${p.positiveCut}-5`} positive`;

/**
 * The scale and cut a service asks with at `now`. A services file may schedule a change (a `scaleHistory`
 * entry whose `until` is still ahead): until then the survey is shown on the scale in force, the one the
 * collector accepts, not the final one. A thumbs period keeps the service's cut (unused on thumbs).
 */
export function scaleInForce(service: { scale: Scale; positiveCut: number; scaleHistory?: readonly ScalePeriod[] }, now: number): { scale: Scale; positiveCut: number } {
  const period = service.scaleHistory?.length ? scaleAt(service.scaleHistory, now) : undefined;
  return period ? { scale: period.scale, positiveCut: period.positiveCut ?? service.positiveCut } : { scale: service.scale, positiveCut: service.positiveCut };
}
