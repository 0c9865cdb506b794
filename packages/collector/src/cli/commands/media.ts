/**
 * `cx-collector paper | ivr | sms`: the survey for paper, phone/IVR and text message, per service
 * and language, generated from the protocol's wording and translations (the element's own).
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
import { writeFileSync } from 'node:fs';
import type { ServiceDefinition } from '../../domain/services.js';
import type { Io } from '../io.js';
import { UsageError, type Settings } from '../settings.js';

/** Every language the element speaks (the media texts are kept for exactly those). */
export const MEDIA_LANGUAGES = Object.keys(MEDIA_TRANSLATIONS);

/** Bad usage: exit status 2, one line. */
export class MediaUsageError extends UsageError {}

/** A language's wording, the element's too: the protocol's locale module for it (data only). */
async function templatesFor(lang: string): Promise<Templates> {
  if (lang === 'en') return ENGLISH;
  const module = `@cx-survey/protocol/locales/${lang}.js`;
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
  // The services file's PRA clearance, unless the flags give another (a reprint under a renewed number).
  const cleared = o.ombNumber || o.expires ? { controlNumber: o.ombNumber, expiration: o.expires } : (o.service.pra ?? undefined);
  const pra = cleared ? { ...cleared, ...(o.burden ? { burden: o.burden } : {}) } : undefined;
  // The protocol's own config check: the same PRA and driver rules as the element.
  const resolved = resolveConfig({ service: o.service.id, agency: o.service.agency, scale: o.service.scale, positiveCut: o.service.positiveCut ?? undefined, drivers: o.service.drivers, channel: o.channel, pra });
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

export function mediaCommand(channel: 'paper' | 'ivr' | 'sms') {
  return async (s: Settings, io: Io): Promise<number> => {
    const services = s.services();
    const id = s.text('service');
    if (id === undefined) throw new MediaUsageError(`${channel} needs --service`);
    const service = s.service(services, id, s.text('services') ?? 'services.json');
    const text = await mediaDocument({
      service,
      channel,
      lang: s.text('lang'),
      ombNumber: s.text('omb-number'),
      expires: s.text('expires'),
      burden: s.text('burden'),
      phone: s.text('phone'),
      format: s.text('format'),
    });
    const out = s.text('out');
    if (out !== undefined) writeFileSync(out, text);
    else io.stdout.write(text);
    return 0;
  };
}
