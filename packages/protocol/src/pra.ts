import type { PraNotice } from './config.js';

/**
 * True once the PRA clearance has lapsed: the expiration day itself still
 * collects, in the respondent's local calendar.
 */
export function praExpired(pra: PraNotice | undefined, now: Date): boolean {
  if (!pra) return false;
  const pad = (n: number) => String(n).padStart(2, '0');
  const today = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  return today > pra.expiration;
}
