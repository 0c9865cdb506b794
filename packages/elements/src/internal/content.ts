import { msg } from '@lit/localize';
import { driverDefinition, fill, type Branch, type DriverChoice, type SurveyConfig } from '@cx-survey/protocol';

/**
 * The survey's wording, looked up by stable id so a translation (or an
 * agency's approved wording) can replace it; English from the protocol
 * package is the fallback text.
 */
export function q1Text(config: SurveyConfig): string {
  const subject = config.subject === 'service' ? msg('service', { id: 'subject.service' }) : msg('interaction', { id: 'subject.interaction' });
  const template = config.q1Wording ?? msg('This {subject} increased my trust in {agency}.', { id: 'q1' });
  return fill(template, { subject, agency: config.agency });
}

export function q2Text(branch: Branch): string {
  return branch === 'positive'
    ? msg('What about this interaction made the difference?', { id: 'q2a' })
    : msg('What could have been better?', { id: 'q2b' });
}

export function driverText(choice: DriverChoice, branch: Branch, config: SurveyConfig): string {
  if (choice.positive && choice.negative) return fill(branch === 'positive' ? choice.positive : choice.negative, { agency: config.agency });
  const def = driverDefinition(choice.key);
  if (config.labels === 'short') return msg(def.short[branch], { id: `${choice.key}.short.${branch}` });
  const index = choice.statement ?? 0;
  return fill(msg(def.statements[index][branch], { id: `${choice.key}.${index}.${branch}` }), { agency: config.agency });
}

export function agreementLabel(rating: number): string {
  switch (rating) {
    case 1: return msg('Strongly disagree', { id: 'scale.1' });
    case 2: return msg('Disagree', { id: 'scale.2' });
    case 3: return msg('Neither agree nor disagree', { id: 'scale.3' });
    case 4: return msg('Agree', { id: 'scale.4' });
    default: return msg('Strongly agree', { id: 'scale.5' });
  }
}
