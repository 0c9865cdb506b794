/**
 * The survey as one medium-neutral script in one language: what the paper form, the phone/IVR
 * script and the text-message flow each lay out in their own way. Built only from the protocol's
 * wording (messages.ts) and a language's `Templates`, so no sentence is typed twice.
 */
import { fill, type Branch, type DriverKey } from '../a11.js';
import type { SurveyConfig } from '../config.js';
import type { DriverChoice } from '../drivers.js';
import type { DriverMessageId, MessageId, Templates } from '../messages.js';
import { channelAsksQ3 } from './import-format.js';
import type { MediaTemplates } from './media-text.js';

/** The message id of a driver's statement as the survey shows it (the seed's statement, or the short label). */
export function driverMessageId(choice: DriverChoice, branch: Branch, labels: SurveyConfig['labels']): DriverMessageId {
  return (labels === 'short' ? `${choice.key}.short.${branch}` : `${choice.key}.${choice.statement ?? 0}.${branch}`) as DriverMessageId;
}

export interface ScriptOption {
  /** Q1: the value stored (thumbs 1/0, or 1-5). Drivers: the driver key. */
  value: number | DriverKey;
  label: string;
}

export interface SurveyScript {
  lang: string;
  dir: 'ltr' | 'rtl';
  agency: string;
  service: string;
  q1: string;
  /** Q1's answers in the order a form lists them (agree first on thumbs, 1 to 5 on the five-point scale). */
  q1Options: ScriptOption[];
  q2: Record<Branch, { question: string; options: ScriptOption[]; /** Q1 answers that lead here. */ after: ScriptOption[] }>;
  hint: string;
  /** null when the channel cannot take free text (IVR). */
  q3: string | null;
  pra: { line: string; burden?: string; burdenUrl?: string } | null;
  thanks: string;
  media: MediaTemplates;
}

const RTL = new Set(['ar']);

export function surveyScript(config: SurveyConfig, lang: string, templates: Templates, media: MediaTemplates, channel: string): SurveyScript {
  const msg = (id: MessageId, values: Record<string, string | number> = {}) => fill(templates[id], values);
  const values = { agency: config.agency, service: config.service, subject: msg(config.subject === 'service' ? 'subject.service' : 'subject.interaction') };
  const q1 = config.q1Wording && lang === 'en' ? fill(config.q1Wording, values) : msg(config.subject === 'service' ? 'q1.service' : 'q1.interaction', values);
  const q1Options: ScriptOption[] =
    config.scale === 'thumbs'
      ? [
          { value: 1, label: msg('thumbs.up') },
          { value: 0, label: msg('thumbs.down') },
        ]
      : [1, 2, 3, 4, 5].map((n) => ({ value: n, label: msg(`scale.${n}` as MessageId) }));
  const positive = (v: number) => (config.scale === 'thumbs' ? v === 1 : v >= config.positiveCut);
  const drivers = (branch: Branch): ScriptOption[] =>
    config.drivers.map((choice) => ({
      value: choice.key,
      label: choice.positive && choice.negative && lang === 'en' ? fill(choice[branch]!, values) : msg(driverMessageId(choice, branch, config.labels), values),
    }));
  const pra = config.pra
    ? {
        line: msg('pra.line', { number: config.pra.controlNumber, expires: config.pra.expiration }),
        ...(config.pra.burden ? { burden: config.pra.burden } : {}),
        ...(config.pra.burdenUrl ? { burdenUrl: config.pra.burdenUrl } : {}),
      }
    : null;
  return {
    lang,
    dir: RTL.has(lang) ? 'rtl' : 'ltr',
    agency: config.agency,
    service: config.service,
    q1,
    q1Options,
    q2: {
      positive: { question: msg('q2a'), options: drivers('positive'), after: q1Options.filter((o) => positive(o.value as number)) },
      negative: { question: msg('q2b'), options: drivers('negative'), after: q1Options.filter((o) => !positive(o.value as number)) },
    },
    hint: msg('extra.hint'),
    q3: config.q3 && channelAsksQ3(channel) ? msg('q3') : null,
    pra,
    thanks: msg('thanks'),
    media,
  };
}
