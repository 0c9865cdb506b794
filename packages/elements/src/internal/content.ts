import { driverDefinition, fill, type AdditionalQuestion, type Branch, type DriverChoice, type SurveyConfig } from '@cx-survey/protocol';
import type { Translator } from './localize.js';

/**
 * The survey's wording in the respondent's language. Order of precedence:
 * the agency's own wording for that language (i18next), the agency's English
 * replacement when the survey is in English, our translation of the A-11
 * text, the A-11 English text.
 */
const values = (config: SurveyConfig, tr: Translator) => ({
  agency: config.agency,
  service: config.service,
  subject: config.subject === 'service' ? tr.msg('service', 'subject.service') : tr.msg('interaction', 'subject.interaction'),
});

export function q1Text(config: SurveyConfig, tr: Translator): string {
  const v = values(config, tr);
  const own = tr.agencyText('q1', v);
  if (own) return own;
  if (config.q1Wording && tr.locale === 'en') return fill(config.q1Wording, v);
  // One whole sentence per subject: in many languages the article and verb agree with the noun.
  const template =
    config.subject === 'service'
      ? tr.msg('This service increased my trust in {agency}.', 'q1.service')
      : tr.msg('This interaction increased my trust in {agency}.', 'q1.interaction');
  return fill(template, v);
}

export function q2Text(branch: Branch, config: SurveyConfig, tr: Translator): string {
  const key = branch === 'positive' ? 'q2a' : 'q2b';
  return (
    tr.agencyText(key, values(config, tr)) ??
    (branch === 'positive' ? tr.msg('What about this interaction made the difference?', 'q2a') : tr.msg('What could have been better?', 'q2b'))
  );
}

export function q3Text(config: SurveyConfig, tr: Translator): string {
  return tr.agencyText('q3', values(config, tr)) ?? tr.msg('Anything else you want us to know about your experience?', 'q3');
}

export function driverText(choice: DriverChoice, branch: Branch, config: SurveyConfig, tr: Translator): string {
  const v = values(config, tr);
  const own = tr.agencyText(`drivers.${choice.key}.${branch}`, v);
  if (own) return own;
  if (choice.positive && choice.negative && tr.locale === 'en') return fill(branch === 'positive' ? choice.positive : choice.negative, v);
  const def = driverDefinition(choice.key);
  if (config.labels === 'short') return tr.msg(def.short[branch], `${choice.key}.short.${branch}`);
  const index = choice.statement ?? 0;
  return fill(tr.msg(def.statements[index][branch], `${choice.key}.${index}.${branch}`), v);
}

/** Additional questions are the agency's own: their wording per language comes only from the agency. */
export function questionLabel(q: AdditionalQuestion, config: SurveyConfig, tr: Translator): string {
  return tr.agencyText(`questions.${q.id}.label`, values(config, tr)) ?? q.label;
}

export function optionLabel(q: AdditionalQuestion, option: { value: string; label: string }, config: SurveyConfig, tr: Translator): string {
  return tr.agencyText(`questions.${q.id}.options.${option.value}`, values(config, tr)) ?? option.label;
}

export function agreementLabel(rating: number, tr: Translator): string {
  switch (rating) {
    case 1: return tr.msg('Strongly disagree', 'scale.1');
    case 2: return tr.msg('Disagree', 'scale.2');
    case 3: return tr.msg('Neither agree nor disagree', 'scale.3');
    case 4: return tr.msg('Agree', 'scale.4');
    default: return tr.msg('Strongly agree', 'scale.5');
  }
}
