/**
 * Alert rules as pure functions: counts in, verdict out. The engine feeds them
 * counts that the database aggregated, so every rule can be tested over
 * synthetic numbers without a database or a clock.
 */

import { SLUG } from '@cx-survey/protocol';
import { normalUpperTail, poissonCdf, twoProportionZ, wilson } from '../domain/statistics.js';

export interface Verdict {
  firing: boolean;
  /** One line for people (the webhook text and the dashboard). */
  message: string;
  /** The numbers behind the verdict, for the dashboard and for debugging a rule. */
  detail: Record<string, number | string | null>;
}

// ---------------------------------------------------------------- volume drop

export interface VolumeDropRule {
  id: string;
  type: 'volume-drop';
  /** Length of the current window and of each trailing window, hours (default 168 = a week). */
  windowHours: number;
  /** Trailing windows averaged into the baseline (default 4). */
  trailingWindows: number;
  /** Fire when the current window is at least this many percent below the baseline (default 50). */
  dropPercent: number;
  /** Quiet unless the baseline averages at least this many responses per window (default 20). */
  minBaseline: number;
  /** Fire only when a Poisson count this low at the baseline rate has at most this probability (default 0.01). */
  alpha: number;
  services?: string[];
}

/** current: responses in the latest window; trailing: responses in each earlier window, newest first. */
export function volumeDrop(rule: VolumeDropRule, current: number, trailing: number[]): Verdict {
  const baseline = trailing.length ? trailing.reduce((a, b) => a + b, 0) / trailing.length : 0;
  const p = poissonCdf(current, baseline);
  const dropped = baseline > 0 ? (1 - current / baseline) * 100 : 0;
  const firing = baseline >= rule.minBaseline && dropped >= rule.dropPercent && p <= rule.alpha;
  const detail = { current, baseline: Math.round(baseline * 10) / 10, dropPercent: Math.round(dropped * 10) / 10, pValue: Number(p.toPrecision(3)) };
  const window = describeHours(rule.windowHours);
  return {
    firing,
    message: firing
      ? `responses fell to ${current} in the last ${window} from an average of ${detail.baseline} over the ${rule.trailingWindows} ${window} windows before (−${detail.dropPercent} %)`
      : `${current} responses in the last ${window}; baseline ${detail.baseline}`,
    detail,
  };
}

// ---------------------------------------------------------------- trust drop

export interface TrustDropRule {
  id: string;
  type: 'trust-drop';
  windowHours: number;
  /** Earlier windows pooled into the baseline (default 4). */
  baselineWindows: number;
  /** "z-test": one-sided two-proportion z-test at alpha; "wilson": the two 95 % Wilson intervals do not overlap. */
  method: 'z-test' | 'wilson';
  /** One-sided significance level of the z-test (default 0.01). */
  alpha: number;
  /** Also require the drop to be at least this many percentage points (default 5): significant but tiny drops on huge services are not alarms. */
  minDropPoints: number;
  /** Quiet unless both windows have at least this many Q1 answers (default 30). */
  minAnswers: number;
  /** Five-point services: lowest rating that counts as trust (default 5, the seed's cut). */
  cut: number;
  services?: string[];
}

export interface Proportion {
  positive: number;
  n: number;
}

export function trustDrop(rule: TrustDropRule, baseline: Proportion, current: Proportion): Verdict {
  const pct = (p: Proportion) => (p.n ? Math.round((p.positive / p.n) * 1000) / 10 : null);
  const detail: Verdict['detail'] = { baselinePercent: pct(baseline), baselineAnswers: baseline.n, currentPercent: pct(current), currentAnswers: current.n };
  const window = describeHours(rule.windowHours);
  const quiet = (why: string): Verdict => ({ firing: false, message: why, detail });
  if (baseline.n < rule.minAnswers || current.n < rule.minAnswers) return quiet(`too few answers to judge (${current.n} now, ${baseline.n} before; ${rule.minAnswers} needed)`);
  const points = ((baseline.positive / baseline.n) - (current.positive / current.n)) * 100;
  detail.dropPoints = Math.round(points * 10) / 10;
  let significant: boolean;
  if (rule.method === 'wilson') {
    const b = wilson(baseline.positive, baseline.n)!;
    const c = wilson(current.positive, current.n)!;
    detail.baselineLow = Math.round(b.low * 1000) / 10;
    detail.currentHigh = Math.round(c.high * 1000) / 10;
    significant = c.high < b.low;
  } else {
    const z = twoProportionZ(baseline, current);
    detail.z = z === null ? null : Math.round(z * 100) / 100;
    detail.pValue = z === null ? null : Number(normalUpperTail(z).toPrecision(3));
    significant = z !== null && normalUpperTail(z) <= rule.alpha;
  }
  const firing = significant && points >= rule.minDropPoints;
  return {
    firing,
    message: firing
      ? `trust fell to ${detail.currentPercent} % (${current.n} answers, last ${window}) from ${detail.baselinePercent} % (${baseline.n} answers, the ${rule.baselineWindows} ${window} windows before), beyond what noise explains`
      : `trust ${detail.currentPercent} % now vs ${detail.baselinePercent} % before`,
    detail,
  };
}

// ---------------------------------------------------------------- silence

export interface NoResponsesRule {
  id: string;
  type: 'no-responses';
  /** Fire when a service has had no response answered in this many hours (default 24). */
  hours: number;
  /** How far back a service must have had responses to be expected to have more (default 7 days or 4 × hours). */
  lookbackHours: number;
  /** Also fire for services that have had no response in the whole lookback (default false: new services are not alarms). */
  includeNeverSeen: boolean;
  services?: string[];
}

/**
 * recent: responses in the last `hours`; earlier: in the rest of the lookback.
 * wasFiring keeps a long silence firing after its last response leaves the
 * lookback: it resolves only when responses come back.
 */
export function noResponses(rule: NoResponsesRule, recent: number, earlier: number, wasFiring: boolean): Verdict {
  const firing = recent === 0 && (earlier > 0 || wasFiring || rule.includeNeverSeen);
  return {
    firing,
    message: firing ? `no responses for ${rule.hours === 1 ? '1 hour' : `${rule.hours} hours`}` : `${recent} responses in the last ${describeHours(rule.hours)}`,
    detail: { recent, earlier },
  };
}

export type AlertRule = VolumeDropRule | TrustDropRule | NoResponsesRule;

export function describeHours(h: number): string {
  if (h % 168 === 0) return h === 168 ? 'week' : `${h / 168} weeks`;
  if (h % 24 === 0) return h === 24 ? 'day' : `${h / 24} days`;
  return h === 1 ? 'hour' : `${h} hours`;
}

// ---------------------------------------------------------------- configuration

export interface AlertConfig {
  /** Slack or Teams incoming-webhook URL; without one, firings are only shown on the dashboard. */
  webhook?: string;
  /** Seconds between evaluations (default 300). */
  intervalSeconds: number;
  rules: AlertRule[];
}

export class AlertConfigError extends Error {}

const num = (where: string, v: unknown, fallback: number, min: number, max: number): number => {
  if (v === undefined) return fallback;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) throw new AlertConfigError(`${where} must be a number from ${min} to ${max}`);
  return v;
};

const COMMON = ['id', 'type', 'services'];
const KEYS: Record<AlertRule['type'], string[]> = {
  'volume-drop': [...COMMON, 'windowHours', 'trailingWindows', 'dropPercent', 'minBaseline', 'alpha'],
  'trust-drop': [...COMMON, 'windowHours', 'baselineWindows', 'method', 'alpha', 'minDropPoints', 'minAnswers', 'cut'],
  'no-responses': [...COMMON, 'hours', 'lookbackHours', 'includeNeverSeen'],
};

/** Checks an alerts file's JSON; every problem names the rule and setting. Defaults are filled in. */
export function parseAlertConfig(data: unknown, knownServices?: Set<string>): AlertConfig {
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw new AlertConfigError('the alerts file must be a JSON object');
  const o = data as Record<string, unknown>;
  for (const k of Object.keys(o)) if (!['webhook', 'intervalSeconds', 'rules'].includes(k)) throw new AlertConfigError(`unknown setting "${k}"`);
  let webhook: string | undefined;
  if (o.webhook !== undefined) {
    if (typeof o.webhook !== 'string') throw new AlertConfigError('webhook must be a URL');
    webhook = checkWebhook(o.webhook);
  }
  if (!Array.isArray(o.rules)) throw new AlertConfigError('rules must be a list');
  const ids = new Set<string>();
  const rules = o.rules.map((r: Record<string, unknown>, i): AlertRule => {
    const where = `rules[${i}]`;
    if (!r || typeof r !== 'object') throw new AlertConfigError(`${where} must be an object`);
    if (typeof r.id !== 'string' || !SLUG.test(r.id)) throw new AlertConfigError(`${where}.id must be a short name such as "weekly-volume"`);
    if (ids.has(r.id)) throw new AlertConfigError(`${where}: rule id "${r.id}" is used twice`);
    ids.add(r.id);
    const type = r.type as AlertRule['type'];
    if (!(type in KEYS)) throw new AlertConfigError(`${where}.type must be volume-drop, trust-drop or no-responses`);
    for (const k of Object.keys(r)) if (!KEYS[type].includes(k)) throw new AlertConfigError(`${where}: unknown setting "${k}" for ${type}`);
    let services: string[] | undefined;
    if (r.services !== undefined) {
      if (!Array.isArray(r.services) || !r.services.every((s) => typeof s === 'string')) throw new AlertConfigError(`${where}.services must be a list of service ids`);
      for (const s of r.services) if (knownServices && !knownServices.has(s)) throw new AlertConfigError(`${where}.services: "${s}" is not in the services file`);
      services = r.services as string[];
    }
    const id = r.id;
    const w = (k: string) => `${where}.${k}`;
    if (type === 'volume-drop')
      return {
        id,
        type,
        services,
        windowHours: num(w('windowHours'), r.windowHours, 168, 1, 24 * 366),
        trailingWindows: num(w('trailingWindows'), r.trailingWindows, 4, 1, 52),
        dropPercent: num(w('dropPercent'), r.dropPercent, 50, 1, 100),
        minBaseline: num(w('minBaseline'), r.minBaseline, 20, 1, 1e9),
        alpha: num(w('alpha'), r.alpha, 0.01, 1e-9, 1),
      };
    if (type === 'trust-drop') {
      if (r.method !== undefined && r.method !== 'z-test' && r.method !== 'wilson') throw new AlertConfigError(`${w('method')} must be "z-test" or "wilson"`);
      return {
        id,
        type,
        services,
        windowHours: num(w('windowHours'), r.windowHours, 168, 1, 24 * 366),
        baselineWindows: num(w('baselineWindows'), r.baselineWindows, 4, 1, 52),
        method: (r.method as 'z-test' | 'wilson' | undefined) ?? 'z-test',
        alpha: num(w('alpha'), r.alpha, 0.01, 1e-9, 0.5),
        minDropPoints: num(w('minDropPoints'), r.minDropPoints, 5, 0, 100),
        minAnswers: num(w('minAnswers'), r.minAnswers, 30, 1, 1e9),
        cut: num(w('cut'), r.cut, 5, 2, 5),
      };
    }
    const hours = num(w('hours'), r.hours, 24, 1 / 60, 24 * 366);
    if (r.includeNeverSeen !== undefined && typeof r.includeNeverSeen !== 'boolean') throw new AlertConfigError(`${w('includeNeverSeen')} must be true or false`);
    const lookbackHours = num(w('lookbackHours'), r.lookbackHours, Math.max(168, hours * 4), hours, 24 * 3660);
    if (lookbackHours <= hours) throw new AlertConfigError(`${w('lookbackHours')} must be longer than hours`);
    return { id, type, services, hours, lookbackHours, includeNeverSeen: r.includeNeverSeen === true };
  });
  return { webhook, intervalSeconds: num('intervalSeconds', o.intervalSeconds, 300, 1, 86400), rules };
}

export function checkWebhook(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new AlertConfigError(`webhook "${url}" is not a URL`);
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new AlertConfigError('webhook must be an http(s) URL');
  return url;
}
