/**
 * The statistics behind trust figures and alert rules: pure functions of counts, so every one is
 * tested over synthetic numbers.
 */

/** Two-sided 95 % normal quantile: the dashboard's confidence intervals. */
export const Z95 = 1.959963984540054;

export interface Interval {
  low: number;
  high: number;
}

/**
 * Wilson score interval of a proportion successes/n, as fractions 0-1; null
 * when n = 0. Unlike the normal ("Wald") interval it stays inside 0-1 and
 * is honest for small n and for proportions near 0 % or 100 %, which small
 * services and very good services both produce.
 */
export function wilson(successes: number, n: number, z = Z95): Interval | null {
  if (n <= 0) return null;
  const p = successes / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z / denom) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // At 0 % and 100 % one bound is exactly 0 or 1; rounding would leave 0.9999….
  return { low: successes === 0 ? 0 : Math.max(0, centre - half), high: successes === n ? 1 : Math.min(1, centre + half) };
}

/** Standard normal upper-tail probability P(Z > z) (Abramowitz-Stegun 26.2.17, error < 7.5e-8). */
export function normalUpperTail(z: number): number {
  if (z < 0) return 1 - normalUpperTail(-z);
  const t = 1 / (1 + 0.2316419 * z);
  const poly = t * (0.31938153 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
  return (Math.exp((-z * z) / 2) / Math.sqrt(2 * Math.PI)) * poly;
}

/** The z quantile whose upper tail is alpha (bisection on normalUpperTail: exact enough and obviously right). */
export function zForAlpha(alpha: number): number {
  let lo = 0;
  let hi = 10;
  for (let i = 0; i < 80; i++) {
    const mid = (lo + hi) / 2;
    if (normalUpperTail(mid) > alpha) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * One-sided two-proportion z statistic for "the current proportion is lower
 * than the baseline", with the pooled standard error; null when undefined
 * (an empty side, or both sides all-or-nothing).
 */
export function twoProportionZ(baseline: { positive: number; n: number }, current: { positive: number; n: number }): number | null {
  if (baseline.n <= 0 || current.n <= 0) return null;
  const p1 = baseline.positive / baseline.n;
  const p2 = current.positive / current.n;
  const pooled = (baseline.positive + current.positive) / (baseline.n + current.n);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / baseline.n + 1 / current.n));
  if (se === 0) return null;
  return (p1 - p2) / se;
}

/** P(X <= k) for X ~ Poisson(lambda), summed in log space so large lambdas do not overflow. */
export function poissonCdf(k: number, lambda: number): number {
  if (k < 0) return 0;
  if (lambda <= 0) return 1;
  let term = -lambda; // log P(X = 0)
  let sum = Math.exp(term);
  for (let i = 1; i <= k; i++) {
    term += Math.log(lambda) - Math.log(i);
    sum += Math.exp(term);
  }
  return Math.min(1, sum);
}
