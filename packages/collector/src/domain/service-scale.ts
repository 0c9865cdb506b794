/**
 * A service's Q1 scale over time (issue #14 item 1). OMB may move a service from thumbs to the
 * five-point scale, or change the five-point cut, during a quarter: each record is judged and
 * counted by the scale in force when it was answered, never by today's.
 */
import { SCALES, type Scale, type ScalePeriod } from '@cx-survey/protocol';

// The periods and the lookup are the protocol's, shared with the element; parsing the file is the collector's.
export { describeScale, scaleAt, type ScalePeriod } from '@cx-survey/protocol';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** "YYYY-MM-DD" (00:00 UTC that day) or an ISO instant with its offset; null when neither. */
export function parseInstant(text: unknown): number | null {
  if (typeof text !== 'string' || !(DAY.test(text) || INSTANT.test(text))) return null;
  const ms = Date.parse(DAY.test(text) ? `${text}T00:00:00Z` : text);
  if (Number.isNaN(ms)) return null;
  // Date.parse rolls 2025-02-30 over to March; a date that does not exist is a typo.
  if (new Date(ms).toISOString().slice(0, 10) !== text.slice(0, 10) && DAY.test(text)) return null;
  return ms;
}

const cutOf = (scale: Scale, cut: unknown, where: string, fail: (m: string) => never): number | null => {
  if (scale === 'thumbs') {
    if (cut !== undefined) fail(`${where}: positiveCut belongs to the five-point scale only`);
    return null;
  }
  if (cut === undefined) return 5;
  if (!Number.isInteger(cut) || (cut as number) < 2 || (cut as number) > 5) fail(`${where}: positiveCut must be a whole number from 2 to 5`);
  return cut as number;
};

/**
 * The service's periods, oldest first, the last one being its current `scale`/`positiveCut`.
 * `scaleHistory` lists the earlier ones: [{ "until": "2025-02-15", "scale": "thumbs" }, …], each in
 * force until (exclusive) its date, in ascending order.
 */
export function parseScaleHistory(
  current: { scale: Scale; positiveCut: unknown },
  history: unknown,
  where: string,
  fail: (message: string) => never,
): ScalePeriod[] {
  const periods: ScalePeriod[] = [];
  if (history !== undefined && !Array.isArray(history)) fail(`${where}: scaleHistory must be a list of earlier scales, e.g. [{ "until": "2025-02-15", "scale": "thumbs" }]`);
  let from: number | null = null;
  ((history as unknown[]) ?? []).forEach((entry, i) => {
    const at = `${where}: scaleHistory[${i}]`;
    if (!entry || typeof entry !== 'object' || Array.isArray(entry)) fail(`${at} must be an object with "until" and "scale"`);
    const e = entry as Record<string, unknown>;
    for (const k of Object.keys(e)) if (!['until', 'scale', 'positiveCut'].includes(k)) fail(`${at}: unknown setting "${k}"`);
    if (!SCALES.includes(e.scale as Scale)) fail(`${at}: scale must be one of ${SCALES.join(', ')}`);
    const until = parseInstant(e.until);
    if (until === null) fail(`${at}: until must be a date (YYYY-MM-DD, 00:00 UTC) or an ISO instant such as 2025-02-15T05:00:00Z`);
    if (from !== null && until! <= from) fail(`${at}: until must come after the previous entry's (list the history oldest first)`);
    periods.push({ scale: e.scale as Scale, positiveCut: cutOf(e.scale as Scale, e.positiveCut, at, fail), from, until: until! });
    from = until!;
  });
  periods.push({ scale: current.scale, positiveCut: cutOf(current.scale, current.positiveCut, where, fail), from, until: null });
  for (let i = 1; i < periods.length; i++) {
    const [a, b] = [periods[i - 1], periods[i]];
    if (a.scale === b.scale && a.positiveCut === b.positiveCut) fail(`${where}: scaleHistory[${i - 1}] has the same scale and cut as what follows it; a change must change something`);
  }
  return periods;
}
