/**
 * `cx-collector paper | ivr | sms`: the survey for paper, phone/IVR and text message, per service
 * and language, generated from the protocol's wording and the element's translations.
 */
import {
  ENGLISH,
  ivrScriptSsml,
  ivrScriptText,
  MEDIA_TRANSLATIONS,
  paperSurveyHtml,
  resolveConfig,
  smsFlowText,
  surveyScript,
  type SurveyScript,
  type Templates,
} from '@cx-survey/protocol';
import type { ServiceDefinition } from '../../domain/services.js';

/** Every language the element speaks (the media texts are kept for exactly those). */
export const MEDIA_LANGUAGES = Object.keys(MEDIA_TRANSLATIONS);

export const MEDIA_HELP = `paper | ivr | sms          The survey for another medium, in one language, on stdout (or --out)
  --service <id>           Service (its agency, scale and drivers)                      required
  --lang <tag>             ${MEDIA_LANGUAGES.join(', ')} (default en)
  --omb-number <1234-5678> --expires <YYYY-MM-DD>   PRA notice (control number and expiration)
  --burden <text>          PRA burden statement, printed / read after the survey
  --phone <number>         paper: the number that answers the survey by phone
  --format <text|ssml>     ivr: plain text for an interviewer (default) or SSML for a speech engine
  --out <file>             Write there instead of stdout`;

export class MediaUsageError extends Error {}

/** The element's translation for a language, read from its locale module (data only, no browser code). */
async function templatesFor(lang: string): Promise<Templates> {
  if (lang === 'en') return ENGLISH;
  const module = `@cx-survey/elements/locales/${lang}.js`;
  return ((await import(module)) as { templates: Templates }).templates;
}

export interface MediaOptions {
  service: ServiceDefinition;
  lang?: string;
  ombNumber?: string;
  expires?: string;
  burden?: string;
  channel: 'paper' | 'ivr' | 'sms';
}

export async function mediaScript(o: MediaOptions): Promise<SurveyScript> {
  const lang = o.lang ?? 'en';
  if (!MEDIA_LANGUAGES.includes(lang)) throw new MediaUsageError(`--lang "${lang}" is not a survey language; use ${MEDIA_LANGUAGES.join(', ')}`);
  const pra = o.ombNumber || o.expires ? { controlNumber: o.ombNumber, expiration: o.expires, ...(o.burden ? { burden: o.burden } : {}) } : undefined;
  // The protocol's own config check: the same PRA and driver rules as the element.
  const resolved = resolveConfig({ service: o.service.id, agency: o.service.agency, scale: o.service.scale, drivers: o.service.drivers, channel: o.channel, pra });
  if (!resolved.ok) {
    const p = resolved.problems[0];
    throw new MediaUsageError(`${p.path.replace(/^pra\.controlNumber$/, '--omb-number').replace(/^pra\.expiration$/, '--expires')}: ${p.message}`);
  }
  return surveyScript(resolved.config, lang, await templatesFor(lang), MEDIA_TRANSLATIONS[lang], o.channel);
}

export async function mediaDocument(o: MediaOptions & { phone?: string; format?: string }): Promise<string> {
  if (o.channel === 'ivr' && o.format !== undefined && o.format !== 'text' && o.format !== 'ssml') throw new MediaUsageError('--format must be text or ssml');
  const script = await mediaScript(o);
  if (o.channel === 'paper') return paperSurveyHtml(script, o.service.name, o.phone);
  if (o.channel === 'ivr') return o.format === 'ssml' ? ivrScriptSsml(script) : ivrScriptText(script);
  return smsFlowText(script);
}
