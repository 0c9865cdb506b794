/**
 * Federal fiscal quarters (FY N runs October 1 of N-1 to September 30 of N)
 * and section 280.14's due date: the last business day of the month after
 * the quarter ends, weekends and federal holidays (5 U.S.C. 6103, as
 * observed) excluded.
 */

export interface QuarterPeriod {
  fiscalYear: number;
  quarter: 1 | 2 | 3 | 4;
  /** First calendar day, YYYY-MM-DD. */
  firstDay: string;
  /** Last calendar day, YYYY-MM-DD. */
  lastDay: string;
  /** Instants bounding the quarter in the report's time zone, epoch ms; end exclusive. */
  from: number;
  to: number;
  timeZone: string;
  /** Submission due date, YYYY-MM-DD. */
  dueDate: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const ymd = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
/** Day of week of a calendar date, 0 = Sunday. */
const weekday = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d)).getUTCDay();
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** The n-th given weekday of a month (n = -1: the last). */
function nthWeekday(y: number, m: number, dow: number, n: number): number {
  if (n > 0) return 1 + ((dow - weekday(y, m, 1) + 7) % 7) + (n - 1) * 7;
  const last = daysIn(y, m);
  return last - ((weekday(y, m, last) - dow + 7) % 7);
}

/** Observed federal holidays falling in calendar year y, as YYYY-MM-DD. */
export function federalHolidays(y: number): Set<string> {
  const days = new Set<string>();
  // Fixed-date holidays move to Friday when on Saturday, Monday when on Sunday.
  const fixed = (yy: number, m: number, d: number) => {
    const w = weekday(yy, m, d);
    const shifted = new Date(Date.UTC(yy, m - 1, d + (w === 6 ? -1 : w === 0 ? 1 : 0)));
    if (shifted.getUTCFullYear() === y) days.add(shifted.toISOString().slice(0, 10));
  };
  fixed(y, 1, 1);
  fixed(y + 1, 1, 1); // a Saturday New Year's Day is observed on December 31 of the year before
  if (y >= 2021) fixed(y, 6, 19);
  fixed(y, 7, 4);
  fixed(y, 11, 11);
  fixed(y, 12, 25);
  days.add(ymd(y, 1, nthWeekday(y, 1, 1, 3))); // Birthday of Martin Luther King, Jr.
  days.add(ymd(y, 2, nthWeekday(y, 2, 1, 3))); // Washington's Birthday
  days.add(ymd(y, 5, nthWeekday(y, 5, 1, -1))); // Memorial Day
  days.add(ymd(y, 9, nthWeekday(y, 9, 1, 1))); // Labor Day
  days.add(ymd(y, 10, nthWeekday(y, 10, 1, 2))); // Columbus Day
  days.add(ymd(y, 11, nthWeekday(y, 11, 4, 4))); // Thanksgiving Day
  return days;
}

/** Last business day of a calendar month. */
export function lastBusinessDay(y: number, m: number): string {
  const holidays = federalHolidays(y);
  for (let d = daysIn(y, m); ; d--) {
    const w = weekday(y, m, d);
    if (w !== 0 && w !== 6 && !holidays.has(ymd(y, m, d))) return ymd(y, m, d);
  }
}

/** Offset of a time zone from UTC at an instant, in ms. */
function zoneOffset(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const get = (t: string) => Number(parts.find((p) => p.type === t)!.value);
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - Math.floor(instant / 1000) * 1000;
}

/** The instant a calendar day starts in a time zone. */
export function startOfDay(y: number, m: number, d: number, timeZone: string): number {
  const guess = Date.UTC(y, m - 1, d);
  if (timeZone === 'UTC') return guess;
  const first = guess - zoneOffset(guess, timeZone);
  // Re-check at the candidate instant: the offset may differ across a DST change.
  return guess - zoneOffset(first, timeZone);
}

export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

export function quarterPeriod(fiscalYear: number, quarter: 1 | 2 | 3 | 4, timeZone = 'UTC'): QuarterPeriod {
  // Q1 starts October 1 of the previous calendar year.
  const startMonth0 = (9 + (quarter - 1) * 3) % 12;
  const startYear = quarter === 1 ? fiscalYear - 1 : fiscalYear;
  const endMonth0 = (startMonth0 + 3) % 12; // first month after the quarter
  const endYear = fiscalYear; // every quarter of FY N ends in calendar year N
  const lastMonth = endMonth0 === 0 ? 12 : endMonth0;
  const lastMonthYear = endMonth0 === 0 ? endYear - 1 : endYear;
  return {
    fiscalYear,
    quarter,
    firstDay: ymd(startYear, startMonth0 + 1, 1),
    lastDay: ymd(lastMonthYear, lastMonth, daysIn(lastMonthYear, lastMonth)),
    from: startOfDay(startYear, startMonth0 + 1, 1, timeZone),
    to: startOfDay(endYear, endMonth0 + 1, 1, timeZone),
    timeZone,
    dueDate: lastBusinessDay(endYear, endMonth0 + 1),
  };
}

/** The fiscal year and quarter an instant falls in (for defaults such as "the last complete quarter"). */
export function fiscalQuarterOf(instant: number): { fiscalYear: number; quarter: 1 | 2 | 3 | 4 } {
  const d = new Date(instant);
  const m = d.getUTCMonth(); // 0-11
  return { fiscalYear: d.getUTCFullYear() + (m >= 9 ? 1 : 0), quarter: ((Math.floor(((m + 3) % 12) / 3) + 1) as 1 | 2 | 3 | 4) };
}

/** Fiscal years a report may name: wide enough for any real one, narrow enough to catch a typo. */
export const FISCAL_YEAR_RANGE = { min: 2000, max: 2200 } as const;

export type FiscalQuarterResult = { ok: true; fiscalYear: number; quarter: 1 | 2 | 3 | 4 } | { ok: false; field: 'fy' | 'quarter'; message: string };

/** Checks a fiscal year and quarter as typed by a person (query string, flag); the message names the field. */
export function parseFiscalQuarter(fy: unknown, quarter: unknown): FiscalQuarterResult {
  const y = typeof fy === 'string' && fy.trim() !== '' ? Number(fy) : fy;
  const q = typeof quarter === 'string' && quarter.trim() !== '' ? Number(quarter) : quarter;
  if (typeof y !== 'number' || !Number.isInteger(y) || y < FISCAL_YEAR_RANGE.min || y > FISCAL_YEAR_RANGE.max)
    return { ok: false, field: 'fy', message: `fy must be a fiscal year from ${FISCAL_YEAR_RANGE.min} to ${FISCAL_YEAR_RANGE.max}, such as 2025` };
  if (q !== 1 && q !== 2 && q !== 3 && q !== 4) return { ok: false, field: 'quarter', message: 'quarter must be 1, 2, 3 or 4' };
  return { ok: true, fiscalYear: y, quarter: q };
}

/** The quarter before a fiscal quarter. */
export function previousQuarter(fiscalYear: number, quarter: 1 | 2 | 3 | 4): { fiscalYear: number; quarter: 1 | 2 | 3 | 4 } {
  return quarter === 1 ? { fiscalYear: fiscalYear - 1, quarter: 4 } : { fiscalYear, quarter: (quarter - 1) as 1 | 2 | 3 | 4 };
}
