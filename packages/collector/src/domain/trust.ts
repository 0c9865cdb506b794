/**
 * Section 280.14's trust arithmetic, written once: the quarterly report, the dashboard and the
 * alert rules all count Q1 answers into a Tally and read trust from it.
 */
import type { Scale } from '@cx-survey/protocol';
import { wilson } from './statistics.js';

/** Response counts and the Q1 distribution of a group of responses. */
export interface Tally {
  responses: number;
  /** Responses with a Q1 answer: the denominator of every trust percentage. */
  answered: number;
  /** Count of each Q1 value, index 0-5 (thumbs: 0 down, 1 up; five-point: 1-5). */
  q: number[];
}

export const emptyTally = (): Tally => ({ responses: 0, answered: 0, q: [0, 0, 0, 0, 0, 0] });

/** Counts one response (q1 null: not answered) into a tally. */
export function addToTally(t: Tally, q1: number | null): void {
  t.responses++;
  if (q1 === null) return;
  t.answered++;
  t.q[q1]++;
}

/** Percent with one decimal, or null when nothing was answered (no 0/0 = 0%). */
export const percent = (part: number, whole: number): number | null => (whole ? Math.round((part / whole) * 1000) / 10 : null);

/** The five-point cuts OMB may settle on: trust is the share at or above the cut. */
export const CUTS = [5, 4, 3] as const;
export type Cut = (typeof CUTS)[number];

/** Trust successes of a tally: thumbs up, or five-point ratings at or above the cut. */
export function positives(t: Tally, scale: Scale | string, cut: number): number {
  if (scale === 'thumbs') return t.q[1];
  let n = 0;
  for (let v = cut; v <= 5; v++) n += t.q[v];
  return n;
}

/** The quarterly report's trust block. */
export interface Trust {
  answered: number;
  /** Thumbs: up and down counts; percent = up / answered. */
  up?: number;
  down?: number;
  percent?: number | null;
  /** Five-point: count of each rating 1-5, and trust at the three cuts OMB may settle on. */
  distribution?: Record<'1' | '2' | '3' | '4' | '5', number>;
  percentAtCut?: { '5': number | null; '4-5': number | null; '3-5': number | null };
}

export function reportTrust(t: Tally, scale: Scale | string): Trust {
  const r = t.q;
  if (scale === 'thumbs') return { answered: t.answered, up: r[1], down: r[0], percent: percent(r[1], t.answered) };
  return {
    answered: t.answered,
    distribution: { '1': r[1], '2': r[2], '3': r[3], '4': r[4], '5': r[5] },
    percentAtCut: { '5': percent(positives(t, scale, 5), t.answered), '4-5': percent(positives(t, scale, 4), t.answered), '3-5': percent(positives(t, scale, 3), t.answered) },
  };
}

/** A trust figure with its 95 % Wilson interval, in percent with one decimal (the dashboard's). */
export interface TrustFigure {
  answered: number;
  positive: number;
  percent: number | null;
  ci: { low: number; high: number } | null;
}

export function trustFigure(t: Tally, scale: Scale | string, cut: number): TrustFigure {
  const positive = positives(t, scale, cut);
  const ci = wilson(positive, t.answered);
  const round = (x: number) => Math.round(x * 1000) / 10;
  return { answered: t.answered, positive, percent: percent(positive, t.answered), ci: ci && { low: round(ci.low), high: round(ci.high) } };
}
