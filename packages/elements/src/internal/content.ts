import { fill, type AdditionalQuestion, type Branch, type DriverChoice, type MessageId, type SurveyConfig } from '@cx-survey/protocol';
import type { Translator } from './localize.js';

/**
 * The survey's wording in the respondent's language. Order of precedence:
 * the agency's own wording for that language (i18next), the agency's English
 * replacement when the survey is in English, our translation of the A-11
 * text, the A-11 English text (all from @cx-survey/protocol's messages).
 */
const values = (config: SurveyConfig, tr: Translator) => ({
  agency: config.agency,
  service: config.service,
  subject: tr.msg(config.subject === 'service' ? 'subject.service' : 'subject.interaction'),
});

export function q1Text(config: SurveyConfig, tr: Translator): string {
  const v = values(config, tr);
  const own = tr.agencyText('q1', v);
  if (own) return own;
  if (config.q1Wording && tr.locale === 'en') return fill(config.q1Wording, v);
  return tr.msg(config.subject === 'service' ? 'q1.service' : 'q1.interaction', v);
}

export function q2Text(branch: Branch, config: SurveyConfig, tr: Translator): string {
  const key = branch === 'positive' ? 'q2a' : 'q2b';
  return tr.agencyText(key, values(config, tr)) ?? tr.msg(key);
}

export function q3Text(config: SurveyConfig, tr: Translator): string {
  return tr.agencyText('q3', values(config, tr)) ?? tr.msg('q3');
}

export function driverText(choice: DriverChoice, branch: Branch, config: SurveyConfig, tr: Translator): string {
  const v = values(config, tr);
  const own = tr.agencyText(`drivers.${choice.key}.${branch}`, v);
  if (own) return own;
  if (choice.positive && choice.negative && tr.locale === 'en') return fill(branch === 'positive' ? choice.positive : choice.negative, v);
  // resolveConfig has checked that the statement index exists for this driver.
  if (config.labels === 'short') return tr.msg(`${choice.key}.short.${branch}` as MessageId);
  return tr.msg(`${choice.key}.${choice.statement ?? 0}.${branch}` as MessageId, v);
}

/** Additional questions are the agency's own: their wording per language comes only from the agency. */
export function questionLabel(q: AdditionalQuestion, config: SurveyConfig, tr: Translator): string {
  return tr.agencyText(`questions.${q.id}.label`, values(config, tr)) ?? q.label;
}

export function optionLabel(q: AdditionalQuestion, option: { value: string; label: string }, config: SurveyConfig, tr: Translator): string {
  return tr.agencyText(`questions.${q.id}.options.${option.value}`, values(config, tr)) ?? option.label;
}

export function agreementLabel(rating: number, tr: Translator): string {
  return tr.msg(`scale.${rating}` as MessageId);
}
