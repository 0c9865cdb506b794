import { DRIVER_TEXT, driverMessageId, fill, type Branch, type DriverChoice, type SurveyConfig } from '@cx-survey/protocol';
import { values } from './content.js';
import type { Translator } from './localize.js';

// Q2's wording (content.ts's order of precedence), apart from Q1's and Q3's: it loads with the
// checklist (features/answered.ts) after the first screen.

export function q2Text(branch: Branch, config: SurveyConfig, tr: Translator): string {
  const key = branch === 'positive' ? 'q2a' : 'q2b';
  return tr.agencyText(key, values(config, tr)) ?? tr.msg(key);
}

export function driverText(choice: DriverChoice, branch: Branch, config: SurveyConfig, tr: Translator): string {
  const v = values(config, tr);
  const own = tr.agencyText(`drivers.${choice.key}.${branch}`, v);
  if (own) return own;
  if (choice.positive && choice.negative && tr.locale === 'en') return fill(branch === 'positive' ? choice.positive : choice.negative, v);
  // resolveConfig has checked that the statement index exists for this driver.
  const id = driverMessageId(choice, branch, config.labels);
  return tr.text(id, DRIVER_TEXT[id], v);
}
