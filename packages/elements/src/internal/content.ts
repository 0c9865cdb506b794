import { fill, type AdditionalQuestion, type SurveyConfig, type UiMessageId } from '@cx-survey/protocol';
import type { Translator } from './localize.js';

/**
 * The survey's wording in the respondent's language. Order of precedence:
 * the agency's own wording for that language (i18next), the agency's English
 * replacement when the survey is in English, our translation of the A-11
 * text, the A-11 English text (all from @cx-survey/protocol's messages).
 */
export const values = (config: SurveyConfig, tr: Translator) => ({
  // The agency's name as it gave it for this language (a translated or transliterated name), else as configured.
  agency: tr.agencyText('agency', {}) ?? config.agency,
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

export function q3Text(config: SurveyConfig, tr: Translator): string {
  return tr.agencyText('q3', values(config, tr)) ?? tr.msg('q3');
}

/**
 * An agency text the agency did not give in the language shown: its configured text, taken as
 * English, shown under its own lang and dir so a screen reader speaks it as English and bidi
 * does not reorder it inside a right-to-left survey (WCAG 3.1.2).
 */
export interface Untranslated {
  readonly en: string;
}
export type AgencyText = string | Untranslated;

/** The agency's wording `id` for this language, else its configured text (marked as English outside English). */
export function agencyWording(id: string, configured: string, config: SurveyConfig, tr: Translator): AgencyText {
  return tr.agencyText(id, values(config, tr)) ?? (tr.locale === 'en' ? configured : { en: configured });
}

/** Additional questions are the agency's own: their wording per language comes only from the agency. */
export function questionLabel(q: AdditionalQuestion, config: SurveyConfig, tr: Translator): AgencyText {
  return agencyWording(`questions.${q.id}.label`, q.label, config, tr);
}

export function optionLabel(q: AdditionalQuestion, option: { value: string; label: string }, config: SurveyConfig, tr: Translator): AgencyText {
  return agencyWording(`questions.${q.id}.options.${option.value}`, option.label, config, tr);
}

export function agreementLabel(rating: number, tr: Translator): string {
  return tr.msg(`scale.${rating}` as UiMessageId);
}
