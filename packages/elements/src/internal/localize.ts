import { ENGLISH, fill, type MessageId, type SurveyConfig, type Templates } from '@cx-survey/protocol';

// One lazy chunk per language; English is the protocol's source text and ships in the main bundle.
const loaders: Record<string, () => Promise<{ templates: Templates }>> = {
  es: () => import('../locales/es.js'),
  'zh-Hans': () => import('../locales/zh-Hans.js'),
  'zh-Hant': () => import('../locales/zh-Hant.js'),
  vi: () => import('../locales/vi.js'),
  ko: () => import('../locales/ko.js'),
  tl: () => import('../locales/tl.js'),
  ru: () => import('../locales/ru.js'),
  ar: () => import('../locales/ar.js'),
  ht: () => import('../locales/ht.js'),
  fr: () => import('../locales/fr.js'),
  pt: () => import('../locales/pt.js'),
};

const cache = new Map<string, Promise<Templates | undefined>>();

/** Loads a language's messages once per page; English and unknown locales have none. */
export function loadTemplates(locale: string): Promise<Templates | undefined> {
  if (!cache.has(locale)) {
    const load = loaders[locale];
    cache.set(
      locale,
      load
        ? load().then(
            (m) => m.templates,
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

/** An agency's own per-language wording, looked up through a private i18next instance. */
export interface AgencyWording {
  t(key: string, values: Record<string, string>): string | undefined;
}

/**
 * Builds an i18next instance of the survey's own (createInstance: the host
 * page's i18next is never touched) holding the agency's PRA-approved wording.
 * i18next is loaded only here, so a survey without agency wording never downloads it.
 */
export async function loadAgencyWording(wording: NonNullable<SurveyConfig['wording']>, locale: string): Promise<AgencyWording | undefined> {
  const texts = wording[locale];
  if (!texts || !Object.keys(texts).length) return undefined;
  const { default: i18next } = await import('i18next');
  const instance = i18next.createInstance();
  await instance.init({
    lng: locale,
    fallbackLng: false,
    resources: { [locale]: { translation: texts } },
    // Values are rendered as text by Lit, never as HTML, so i18next need not escape them.
    // Single braces, as in q1Wording and the built-in texts: one placeholder syntax for agencies to learn.
    interpolation: { escapeValue: false, prefix: '{', suffix: '}' },
    keySeparator: false,
  });
  return {
    t: (key, values) => (instance.exists(key) ? instance.t(key, values) : undefined),
  };
}

/**
 * Looks messages up in one element's language. A survey's language is its
 * own: several surveys on a page may differ, and nothing global is changed.
 */
export class Translator {
  constructor(
    readonly locale: string,
    private templates: Templates = ENGLISH,
    private agency?: AgencyWording,
  ) {}

  /** The message `id` in this language, its `{name}` placeholders filled from `values`. */
  msg(id: MessageId, values?: Record<string, string | number>): string {
    return values ? fill(this.templates[id], values) : this.templates[id];
  }

  /** The agency's wording for a content key, when it gave some for this language. */
  agencyText(key: string, values: Record<string, string>): string | undefined {
    return this.agency?.t(key, values);
  }
}
