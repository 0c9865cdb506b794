/**
 * When a record's answeredAt cannot be believed (issue #14 item 3): a kiosk whose clock reset to
 * 1970, or a device that sat offline far longer than any upload may take. Such a record is kept,
 * flagged clockSuspect and counted in the quarter it was received, so nothing accepted is ever
 * outside every report.
 */
import { parseInstant } from './service-scale.js';

export function parseCollectingSince(value: unknown, where: string, fail: (message: string) => never): number | null {
  if (value === undefined) return null;
  const ms = parseInstant(value);
  if (ms === null) fail(`${where}: collectingSince must be the date the service began collecting, YYYY-MM-DD`);
  return ms;
}

/** True when answeredAt is before the service began collecting, or more than the grace period before receipt. */
export function isClockSuspect(answeredAt: number, receivedAt: number, collectingSince: number | null, graceMs: number): boolean {
  return (collectingSince !== null && answeredAt < collectingSince) || answeredAt < receivedAt - graceMs;
}

/** The instant a record counts at in reports: when it was answered, or, clock suspect, when it arrived. */
export const countedAt = (answeredAt: number, receivedAt: number, clockSuspect: boolean): number => (clockSuspect ? receivedAt : answeredAt);
