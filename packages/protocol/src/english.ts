/**
 * The whole survey in English by message id: the survey's own texts (messages.ts) and the seed's
 * driver statements (drivers.ts). Apart from messages.ts because the statements are needed only
 * once Q1 is answered: a page showing Q1 downloads UI_TEXT alone (#16).
 */
import { DRIVERS } from './drivers.js';
import { UI_TEXT, type DriverMessageId, type Templates } from './messages.js';

function driverText(): Record<DriverMessageId, string> {
  const out: Record<string, string> = {};
  for (const d of DRIVERS) {
    d.statements.forEach((s, i) => {
      out[`${d.key}.${i}.positive`] = s.positive;
      out[`${d.key}.${i}.negative`] = s.negative;
    });
    out[`${d.key}.short.positive`] = d.short.positive;
    out[`${d.key}.short.negative`] = d.short.negative;
  }
  return out as Record<DriverMessageId, string>;
}

/** Each driver statement and short label in English, by message id. */
export const DRIVER_TEXT: Readonly<Record<DriverMessageId, string>> = driverText();

/** The English texts: what a translator translates (`node scripts/strings.mjs` lists them). */
export const ENGLISH: Templates = { ...UI_TEXT, ...DRIVER_TEXT };
