import { UI_TEXT, fill, type MessageId, type SurveyConfig, type Templates, type UiMessageId } from '@cx-survey/protocol';
import type { AgencyWording } from './agency-wording.js';
import { isRtl } from './locales.js';

// One lazy chunk per language (the wording lives in the protocol, shared with the collector's paper and phone
// scripts); English is the protocol's source text: its UI text ships in the main bundle, the driver
// statements with the checklist.
/** A language chunk: its texts, and month names where the browsers' Intl may not know the language. */
interface LocaleModule {
  templates: Templates;
  months?: readonly string[];
}

const loaders: Record<string, () => Promise<LocaleModule>> = {
  es: () => import('@cx-survey/protocol/locales/es.js'),
  'zh-Hans': () => import('@cx-survey/protocol/locales/zh-Hans.js'),
  'zh-Hant': () => import('@cx-survey/protocol/locales/zh-Hant.js'),
  vi: () => import('@cx-survey/protocol/locales/vi.js'),
  ko: () => import('@cx-survey/protocol/locales/ko.js'),
  tl: () => import('@cx-survey/protocol/locales/tl.js'),
  ru: () => import('@cx-survey/protocol/locales/ru.js'),
  ar: () => import('@cx-survey/protocol/locales/ar.js'),
  ht: () => import('@cx-survey/protocol/locales/ht.js'),
  fr: () => import('@cx-survey/protocol/locales/fr.js'),
  pt: () => import('@cx-survey/protocol/locales/pt.js'),
};

const cache = new Map<string, Promise<Templates | undefined>>();
const monthNames = new Map<string, readonly string[]>();

/** Loads a language's messages once per page; English and unknown locales have none. */
export function loadTemplates(locale: string): Promise<Templates | undefined> {
  if (!cache.has(locale)) {
    const load = loaders[locale];
    cache.set(
      locale,
      load
        ? load().then(
            (m) => {
              if (m.months) monthNames.set(locale, m.months);
              return m.templates;
            },
            (err) => {
              cache.delete(locale); // try again next time
              throw err;
            },
          )
        : Promise.resolve(undefined),
    );
  }
  return cache.get(locale)!;
}


/**
 * The agency's wording for a language, when it gave some. i18next and the code that sets it up are a
 * chunk of their own (agency-wording.ts), so a survey without agency wording never downloads them.
 */
export async function loadAgencyWording(wording: NonNullable<SurveyConfig['wording']>, locale: string): Promise<AgencyWording | undefined> {
  const texts = wording[locale];
  if (!texts || !Object.keys(texts).length) return undefined;
  return (await import('./agency-wording.js')).agencyWording(texts, locale);
}

/**
 * Looks messages up in one element's language. A survey's language is its
 * own: several surveys on a page may differ, and nothing global is changed.
 */
export class Translator {
  constructor(
    readonly locale: string,
    /** The language's texts; none for English, which is the protocol's source text. */
    private templates?: Templates,
    private agency?: AgencyWording,
  ) {}

  /** The survey's own message `id` in this language, its `{name}` placeholders filled from `values`. */
  msg(id: UiMessageId, values?: Record<string, string | number>): string {
    return this.text(id, UI_TEXT[id], values);
  }

  /**
   * Any message in this language, `english` when it has none: a driver statement's English comes from
   * the caller, since the seed's statements load with the checklist, after Q1 (#16).
   */
  text(id: MessageId, english: string, values?: Record<string, string | number>): string {
    const text = this.templates?.[id] ?? english;
    return values ? fill(text, this.isolate(values)) : text;
  }

  /** The agency's wording for a content key, when it gave some for this language. */
  agencyText(key: string, values: Record<string, string>): string | undefined {
    return this.agency?.t(key, this.isolate(values));
  }

  /** Month names from the language's chunk, for a language the browser's Intl may not know. */
  get months(): readonly string[] | undefined {
    return monthNames.get(this.locale);
  }

  /**
   * In a right-to-left language each filled-in value (an English agency name, a control number,
   * a date) is bidi-isolated (U+2068 … U+2069), so it cannot drag the punctuation around it.
   */
  private isolate<T extends Record<string, string | number>>(values: T): T {
    if (!isRtl(this.locale)) return values;
    return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, `\u2068${v}\u2069`])) as T;
  }
}
